"""Votes: casting, changing and retracting, with their reputation and badge consequences."""

from flask import Flask

from app.votes import views

DEFAULTS = {
    "VOTE_LOCK_MINUTES": 5,  # a vote can be changed within this many minutes of casting it (or after an edit)
    "VOTES_PER_DAY": 40,
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
