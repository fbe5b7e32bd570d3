"""The FAQ: the brand team's curated questions and the answer each features, its public pages, and what it does
when a featured answer changes (listeners.py)."""

from flask import Flask

from app import events
from app.faq import listeners, views

DEFAULTS: dict = {}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    events.subscribe_all(listeners.LISTENERS)
