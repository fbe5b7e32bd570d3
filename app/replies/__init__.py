"""Saved replies: the brand team's canned answers in both languages, managed at /moderation/replies and inserted
into the answer form (placeholders filled for the question), counted when an answer posted from one is saved."""

from flask import Flask

from app.replies import views

DEFAULTS: dict = {}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
