"""Accounts: the members (registering an account, authenticating, Flask-Login's session loader), profiles,
settings, password resets' tokens, the language switcher, and `flask users`. The pages that register and log
people in and out are app/sign_in/'s."""

from flask import Flask

from app.accounts import cli, operations, passwords, views
from app.extensions import login_manager

DEFAULTS = {
    "PROFILE_POSTS_PER_PAGE": 15,
    "PASSWORD_RESET_MAX_AGE": 3600,  # seconds a reset link works
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.add_template_global(passwords.passwords_on, "passwords_on")
    login_manager.user_loader(operations.load_session_user)
    cli.init_app(app)
