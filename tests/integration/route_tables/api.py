"""The API's routes: the HTML pages (the /api documentation and the token settings) are called here like
every page; the /api/v1 routes carry a bearer token instead of a session and a CSRF token, so
tests/integration/api/test_routes.py enumerates them (anonymous writes 401, members on brand-team endpoints
403, nothing changed)."""

from tests.integration.route_calls import MEMBER, OWNER, PUBLIC, Call, post

ROUTES = {
    ("GET", "/api"): Call(PUBLIC),
    ("GET", "/settings/api-tokens"): Call(MEMBER),
    ("POST", "/settings/api-tokens"): post(MEMBER, data=lambda w: {"name": "Help desk sync"}, ok=200),
    # Someone else's token does not exist for them: 404, not 403.
    ("POST", "/settings/api-tokens/<int:token_id>/revoke"): post(OWNER, {"token_id": "api_token"},
                                                                 refused=("member", "veteran", "mod"),
                                                                 refused_status=404),
}

DESCRIBED_ELSEWHERE = {
    ("GET", "/api/v1/openapi.json"),
    ("GET", "/api/v1/questions"),
    ("POST", "/api/v1/questions"),
    ("GET", "/api/v1/questions/<int:question_id>"),
    ("POST", "/api/v1/questions/<int:question_id>/answers"),
    ("PUT", "/api/v1/questions/<int:question_id>/faq"),
    ("POST", "/api/v1/posts/<int:post_id>/comments"),
    ("POST", "/api/v1/posts/<int:post_id>/vote"),
    ("POST", "/api/v1/posts/<int:post_id>/flags"),
    ("POST", "/api/v1/answers/<int:answer_id>/accept"),
    ("DELETE", "/api/v1/answers/<int:answer_id>/accept"),
    ("POST", "/api/v1/answers/<int:answer_id>/official"),
    ("DELETE", "/api/v1/answers/<int:answer_id>/official"),
    ("GET", "/api/v1/tags"),
    ("GET", "/api/v1/users"),
    ("GET", "/api/v1/users/<int:user_id>"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/badges"),
    ("GET", "/api/v1/badges/<slug>"),
    ("GET", "/api/v1/faq"),
    ("GET", "/api/v1/search"),
    ("GET", "/api/v1/care/satisfaction"),
    ("POST", "/api/v1/images"),
    ("POST", "/api/v1/assistant"),
    ("POST", "/api/v1/assistant/<int:session_id>/feedback"),
}


def build_world(w) -> None:
    from app.api import operations
    from app.extensions import db
    from app.models import User

    token, _secret = operations.create_token(db.session.get(User, w.owner), "Help desk sync")
    w.api_token = token.id
