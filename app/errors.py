"""Domain exceptions raised by operations, and the HTML/JSON error pages."""

import logging
from typing import Any

from flask import current_app, jsonify, render_template, request
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException

from app.i18n import in_browser_locale
from app.i18n import lazy_gettext as _l

log = logging.getLogger(__name__)
# How long a visitor is asked to wait when the database cannot be reached (a restart takes seconds).
DATABASE_RETRY_SECONDS = 10


class DomainError(Exception):
    """A refusal the user can understand; `message` is a translatable string."""

    status = 400
    code = "invalid"

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class Invalid(DomainError):
    """Bad input: each message is shown next to its field on the form (or listed in a JSON error)."""

    status = 400
    code = "invalid"

    def __init__(self, message=None, field: str | None = None, errors: dict | None = None):
        self.errors: dict[str | None, Any] = dict(errors) if errors else {field: message}
        first_field, first_message = next(iter(self.errors.items()))
        super().__init__(first_message, first_field)


def check_all(*checks):
    """Run every check, then refuse once with all their messages, so a form shows every field's problem at
    once instead of one per submit; returns the checks' results (in order) when none refused."""
    results, errors = [], {}
    for check in checks:
        try:
            results.append(check())
        except Invalid as refusal:
            for field, message in refusal.errors.items():
                errors.setdefault(field, message)
            results.append(None)
    if errors:
        raise Invalid(errors=errors)
    return results


class NotAllowed(DomainError):
    status = 403
    code = "forbidden"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class StaleEdit(Invalid):
    """An edit made from an older version of a post than the one saved since, that could not be combined with
    it: the form comes back (409) with the editor's text and what the newer version changed."""

    status = 409
    code = "conflict"


class RateLimited(DomainError):
    """A quota counted from database rows (votes per day …), exact across workers."""

    status = 429
    code = "rate_limited"


ERROR_TITLES = {
    400: _l("Bad request"),
    401: _l("Please log in"),
    403: _l("Not allowed"),
    404: _l("Page not found"),
    405: _l("Method not allowed"),
    409: _l("Conflict"),
    410: _l("Gone"),
    413: _l("Too large"),
    422: _l("Invalid input"),
    429: _l("Too many requests"),
    500: _l("Something went wrong"),
    503: _l("Back in a moment"),
}

ERROR_MESSAGES = {
    400: _l("The request could not be understood. If you submitted a form, reload the page and try again."),
    401: _l("You need to log in to do that."),
    403: _l("You are not allowed to do that."),
    404: _l("We could not find that page. It may have been moved or deleted."),
    405: _l("That address does not accept this kind of request."),
    409: _l("That conflicts with a change made in the meantime. Reload the page and try again."),
    410: _l("This page has been removed."),
    413: _l("What you sent is too large."),
    422: _l("Some of what you entered is not valid."),
    429: _l("You are doing that too often. Please wait a little and try again."),
    500: _l("An unexpected error happened on our side. It has been logged; please try again later."),
    503: _l("The site cannot reach its database just now. Please try again in a few seconds. If you were sending "
            "a form, it was not saved: go back to it and send it again."),
}


def wants_json() -> bool:
    if request.is_json:
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def json_error(status: int, code: str, message, fields: dict | None = None):
    body: dict[str, dict[str, object]] = {"error": {"code": code, "message": str(message)}}
    if fields:
        body["error"]["fields"] = {k: str(v) for k, v in fields.items()}
    return jsonify(body), status


def error_page(status: int, message=None):
    message = message or ERROR_MESSAGES.get(status, ERROR_MESSAGES[500])
    if wants_json():
        return json_error(status, _code_for(status), message)
    return render_template("errors/error.html", status=status, title=ERROR_TITLES.get(status, ERROR_TITLES[500]),
                           message=message), status


def _code_for(status: int) -> str:
    return {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
            405: "method_not_allowed", 409: "conflict", 410: "gone", 413: "too_large",
            422: "invalid", 429: "rate_limited", 503: "unavailable"}.get(status, "server_error")


def init_app(app) -> None:
    @app.errorhandler(HTTPException)
    def handle_http(error: HTTPException):
        response = error_page(error.code or 500)
        if error.code == 405 and hasattr(error, "valid_methods") and error.valid_methods:
            body, status = response
            return body, status, {"Allow": ", ".join(error.valid_methods)}
        return response

    @app.errorhandler(DomainError)
    def handle_domain(error: DomainError):
        # Operations called outside a form view (e.g. a vote button) land here.
        if wants_json():
            errors_by_field = getattr(error, "errors", {error.field: error.message})
            fields = {k: v for k, v in errors_by_field.items() if k} or None
            return json_error(error.status if error.status != 400 else 422, error.code, error.message, fields)
        return error_page(error.status, error.message)

    @app.errorhandler(500)
    def handle_500(error):
        return error_page(500)

    @app.errorhandler(OperationalError)
    @app.errorhandler(PoolTimeout)
    def handle_database_unavailable(error):
        log.warning("the database cannot be reached: %s", error)
        return database_unavailable()


def database_unavailable():
    """503 and Retry-After while the database is down or out of connections (restarting, failing over): what
    the visitor sent is refused whole (the transaction rolled back), and the app serves again, without a restart,
    as soon as the database answers. The page is drawn without the site's layout, which reads the signed-in
    member from the database, and in the browser's language for the same reason."""
    headers = {"Retry-After": str(DATABASE_RETRY_SECONDS)}
    with in_browser_locale():
        if wants_json():
            body, status = json_error(503, "unavailable", ERROR_MESSAGES[503])
            return body, status, headers
        page = current_app.jinja_env.get_template("errors/unavailable.html").render(
            title=ERROR_TITLES[503], message=ERROR_MESSAGES[503], retry_seconds=DATABASE_RETRY_SECONDS,
            brand=current_app.config["BRAND_NAME"])
    return page, 503, headers
