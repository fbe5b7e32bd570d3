"""Signed-in sessions: a row per signed-in browser, listed on the member's sessions page, where the others can
be ended."""

from flask import Flask


def init_app(app: Flask) -> None:
    from app.sessions.views import bp

    app.register_blueprint(bp)
    app.before_request(_recognise_the_session_first)


def _recognise_the_session_first() -> None:
    """The user loader may move the session's last-seen time and commit it: done here, before a view has written
    anything, that commit carries nothing else."""
    from flask_login import current_user

    current_user._get_current_object()
