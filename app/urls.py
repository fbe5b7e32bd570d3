"""Addresses: the canonical URL of a question or answer and of a member's profile, absolute URLs on the public
origin (SITE_URL), and where a user may be sent after logging in. Every package builds links here, never through
another package's views."""

from urllib.parse import urlsplit

from flask import current_app, has_request_context, request, url_for

from app.slugs import slugify


def post_url(post, **kwargs) -> str:
    """Canonical URL of a question, or of an answer's anchor on its question page (a post or a page's view of it)."""
    if post.kind == "answer":
        return url_for("questions.show", question_id=post.parent_id, slug=post.question.slug,
                       _anchor=f"answer-{post.id}", **kwargs)
    return url_for("questions.show", question_id=post.id, slug=post.slug, **kwargs)


def user_url(user, **kwargs) -> str:
    return url_for("accounts.profile", user_id=user.id, slug=slugify(user.username), **kwargs)


def public_origin() -> str:
    """Where absolute links point: SITE_URL, which production must set (app/config.py). In development without
    it, the host the request came to (so a page kept for the next visitor is keyed by it: app/seo/caching.py),
    else SERVER_NAME or localhost (commands)."""
    config = current_app.config
    if config["SITE_URL"]:
        return config["SITE_URL"]
    if has_request_context():
        return request.host_url.rstrip("/")
    return f"{config.get('PREFERRED_URL_SCHEME') or 'http'}://{config.get('SERVER_NAME') or 'localhost'}"


def absolute_url(path: str) -> str:
    """`path` on the public origin; the one place absolute URLs are made (pages, e-mails, webhooks, the API)."""
    return public_origin() + "/" + path.lstrip("/")


def safe_next(target: str | None, default_endpoint: str = "questions.index") -> str:
    """Where a user may be sent after logging in: only a path on this site."""
    if target and _is_local_path(target):
        return target
    return url_for(default_endpoint)


def _is_local_path(target: str) -> bool:
    # Refuse '//host', '/\\host' (browsers read '\\' as '/'), schemes, whitespace and control tricks.
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    if any(ord(ch) < 32 or ch.isspace() for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
