"""Who is asking: on /api/v1 only the bearer token decides, never the session cookie."""

from functools import wraps

from flask import Flask, g, request
from flask_login import current_user
from werkzeug.exceptions import MethodNotAllowed, NotFound

from app import permissions
from app.api import operations
from app.api.errors import Unauthorized
from app.client_network import client_network
from app.errors import NotAllowed, json_error
from app.extensions import db, login_manager
from app.i18n import lazy_gettext as _l
from app.two_factor import gate

PREFIX = "/api/v1/"


def init_app(app: Flask) -> None:
    # First of all hooks: before CSRF protection (exempt here) and the rate limiter (whose keys name the
    # token's owner). The site's own hooks then see an anonymous visitor (a badge announcement is not used up
    # by a script, no session cookie is set); the API's views see the token's owner (act_as_token_owner, run
    # by the blueprint after every hook of the app).
    app.before_request_funcs.setdefault(None, []).insert(0, _identify)


def _identify():
    if not request.path.startswith(PREFIX):
        return None
    g.api_request = True
    if isinstance(request.routing_exception, NotFound | MethodNotAllowed):
        return _routing_error(request.routing_exception)
    # Flask-Login reads g._login_user before it looks at the session: set it, and the cookie is never read.
    g._login_user = login_manager.anonymous_user()
    g.api_token = None
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Unauthorized(_l("Send your API token as “Authorization: Bearer <token>”."))
    g.api_token = operations.authenticate(secret.strip())
    db.session.commit()  # the throttled last-use time; nothing else is pending yet
    return None


def act_as_token_owner():
    if g.get("api_token") is not None:
        g._login_user = g.api_token.user


def _routing_error(error):
    """Unknown API addresses and methods answer in JSON, like everything under /api/v1."""
    status = error.code
    response = json_error(status, "not_found" if status == 404 else "method_not_allowed",
                          _l("There is no such API endpoint.") if status == 404
                          else _l("This API endpoint does not accept this method."))
    if isinstance(error, MethodNotAllowed) and error.valid_methods:
        return (*response, {"Allow": ", ".join(error.valid_methods)})
    return response


def token_required(view):
    """Writes (and /me) need a token; anonymous calls are refused before anything is looked up."""

    @wraps(view)
    def guarded(*args, **kwargs):
        if not current_user.is_authenticated:
            raise Unauthorized(_l("This needs an API token: create one on your settings page and send it as "
                                  "“Authorization: Bearer <token>”."))
        if not gate.staff_may_act(current_user):
            raise NotAllowed(gate.MESSAGE)
        return view(*args, **kwargs)

    return guarded


def moderator_required(view):
    """Brand team endpoints: a member's token is refused (403) before the target is looked up."""

    @wraps(view)
    @token_required
    def guarded(*args, **kwargs):
        permissions.require_moderator(current_user)
        return view(*args, **kwargs)

    return guarded


def rate_key() -> str:
    """Writes are counted per member (however many addresses a script uses), reads per address."""
    token = g.get("api_token")
    if token is not None:
        return f"api-user:{token.user_id}"
    return f"api-address:{client_network()}"
