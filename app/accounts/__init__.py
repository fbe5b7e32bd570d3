"""Accounts: registering, logging in and out (Flask-Login's session loader and its log-in page), profiles,
settings, password resets, the language switcher, and `flask users`."""

from flask import Flask, redirect, request, url_for

from app import errors
from app.accounts import cli, operations, views
from app.extensions import login_manager
from app.i18n import lazy_gettext as _l

DEFAULTS = {
    "PROFILE_POSTS_PER_PAGE": 15,
    # Per client address.
    "REGISTER_RATE_LIMIT": "10/hour",
    "LOGIN_RATE_LIMIT": "10/minute",
    "PASSWORD_RESET_RATE_LIMIT": "10/hour",
    "PASSWORD_RESET_MAX_AGE": 3600,  # seconds a reset link works
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.add_template_global(views.passwords_on, "passwords_on")
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"
    login_manager.user_loader(operations.load_session_user)
    login_manager.unauthorized_handler(_unauthorized)
    cli.init_app(app)


def _unauthorized():
    if errors.wants_json():
        return errors.json_error(401, "unauthorized", errors.ERROR_MESSAGES[401])
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
