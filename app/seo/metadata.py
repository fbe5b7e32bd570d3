"""Page metadata that base.html prints on every page: absolute URLs, the canonical URL, the OpenGraph type."""

import sys

from flask import current_app, has_request_context, request, url_for
from werkzeug.routing import BuildError

# Query arguments that change what a page shows in a way worth indexing; everything else (sort tabs,
# tracking parameters, `next`) names the same content and is left out of the canonical URL.
CANONICAL_ARGS = ("page",)
ARTICLE_ENDPOINTS = {"questions.show"}


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


def canonical_url() -> str | None:
    """The URL of this page without variant arguments; None where a page has no URL of its own."""
    if request.method != "GET" or request.endpoint is None or request.endpoint == "static":
        return None
    if sys.exc_info()[1] is not None:  # rendering an error page: it stands for no URL of its own
        return None
    args = {key: request.args[key] for key in CANONICAL_ARGS if request.args.get(key)}
    if args.get("page") in ("1", ""):
        del args["page"]
    try:
        return absolute_url(url_for(request.endpoint, **(request.view_args or {}), **args))
    except BuildError:
        return None


def og_type() -> str:
    return "article" if request.endpoint in ARTICLE_ENDPOINTS else "website"
