"""Routes of uploaded images: the editor's Preview is called like every form; uploading, serving and taking an
image down act on stored files, so tests/integration/uploads/test_uploads.py and
tests/integration/security/test_uploads.py call them (log-in, privilege, moderator only, CSRF, deleted posts'
images 404)."""

from tests.integration.route_calls import MEMBER, post

ROUTES = {
    ("POST", "/posts/preview"): post(MEMBER, data=lambda w: {"body": "The red light blinks **three** times."},
                                     ok=200, changes=False),
}

DESCRIBED_ELSEWHERE = {
    ("POST", "/uploads"),
    ("GET", "/uploads/<name>"),
    ("POST", "/posts/<int:post_id>/images/<sha256>/remove"),
}
