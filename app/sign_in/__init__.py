"""Signing in: the register, log-in, log-out and password-reset pages (views.py), and Flask-Login's log-in page
and its answer to a request that needs a member."""

from flask import Flask, redirect, request, url_for

from app import errors
from app.extensions import login_manager
from app.i18n import lazy_gettext as _l
from app.sign_in import views

DEFAULTS = {
    # Per client address.
    "REGISTER_RATE_LIMIT": "10/hour",
    "LOGIN_RATE_LIMIT": "10/minute",
    "PASSWORD_RESET_RATE_LIMIT": "10/hour",
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    login_manager.login_view = "sign_in.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"
    login_manager.unauthorized_handler(_unauthorized)


def _unauthorized():
    if errors.wants_json():
        return errors.json_error(401, "unauthorized", errors.ERROR_MESSAGES[401])
    return redirect(url_for("sign_in.login", next=request.full_path.rstrip("?")))
