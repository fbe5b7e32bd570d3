"""Every API error is JSON: {"error": {"code", "message", "fields"}}, whatever the client's Accept header."""

from flask import current_app
from werkzeug.exceptions import HTTPException

from app import errors
from app.errors import DomainError, json_error
from app.extensions import db
from app.i18n import lazy_gettext as _l


class Unauthorized(DomainError):
    """No token, or one that is unknown or revoked."""

    status = 401
    code = "unauthorized"


CHALLENGE = 'Bearer realm="api"'
MESSAGES = {**errors.ERROR_MESSAGES,
            400: _l("The request body must be a JSON object."),
            404: _l("There is nothing at this address: the id may be wrong, or it was deleted."),
            410: _l("This question has been deleted."),
            429: _l("Too many requests: wait a little and try again. The Retry-After header says how long."),
            503: _l("This is unavailable for a moment. Please try again shortly.")}
CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         409: "conflict", 410: "gone", 413: "too_large", 415: "unsupported_media_type", 422: "invalid",
         429: "rate_limited", 503: "unavailable"}


def _respond(status: int, code: str, message, fields: dict | None = None, headers: dict | None = None):
    db.session.rollback()  # nothing half-written survives a refusal
    body, status = json_error(status, code, message, fields)
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = CHALLENGE
    return body, status, headers


def handle_domain(error: DomainError):
    fields = {k: v for k, v in getattr(error, "errors", {error.field: error.message}).items() if k} or None
    # Invalid input is 422 with the fields; other refusals keep their own status.
    status = 422 if error.status == 400 else error.status
    return _respond(status, "invalid" if status == 422 else error.code, error.message, fields)


def handle_http(error: HTTPException):
    status = error.code or 500
    headers: dict[str, str] = {}
    allowed = getattr(error, "valid_methods", None)  # a MethodNotAllowed's
    if status == 405 and allowed:
        headers["Allow"] = ", ".join(allowed)
    return _respond(status, CODES.get(status, "server_error"), MESSAGES.get(status, MESSAGES[500]), headers=headers)


def handle_server_error(error):
    current_app.logger.error("API error", exc_info=getattr(error, "original_exception", None) or error)
    return _respond(500, "server_error", MESSAGES[500])


def register(blueprint) -> None:
    blueprint.register_error_handler(DomainError, handle_domain)
    blueprint.register_error_handler(HTTPException, handle_http)
    blueprint.register_error_handler(500, handle_server_error)
