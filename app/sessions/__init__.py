"""Signed-in sessions: a row per signed-in browser, listed on the member's sessions page, where the others can
be ended."""

from flask import Flask
from flask_login import current_user

from app.sessions import places, views

DEFAULTS: dict = {
    # A MaxMind or DB-IP city database (.mmdb) to show where each session's address is; unset: the address only.
    "SESSIONS_PLACES_DATABASE": None,
}


def init_app(app: Flask) -> None:
    """Its blueprint; `recognise_the_session_first` is a before-request hook that create_app lists in run order."""
    if app.config["SESSIONS_PLACES_DATABASE"]:
        places.check(app.config["SESSIONS_PLACES_DATABASE"])
    app.register_blueprint(views.bp)


def recognise_the_session_first() -> None:
    """The user loader may move the session's last-seen time and commit it: done here, before a view has written
    anything, that commit carries nothing else."""
    current_user._get_current_object()
