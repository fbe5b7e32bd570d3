"""Page metadata that base.html prints on every page: the canonical URL, the OpenGraph type."""

import sys
from typing import Any

from flask import request, url_for
from werkzeug.routing import BuildError

from app.urls import absolute_url

# Query arguments that change what a page shows in a way worth indexing; everything else (sort tabs,
# tracking parameters, `next`) names the same content and is left out of the canonical URL.
CANONICAL_ARGS = ("page",)
ARTICLE_ENDPOINTS = {"questions.show"}


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
        values: dict[str, Any] = {**(request.view_args or {}), **args}
        return absolute_url(url_for(request.endpoint, **values))
    except BuildError:
        return None


def og_type() -> str:
    return "article" if request.endpoint in ARTICLE_ENDPOINTS else "website"
