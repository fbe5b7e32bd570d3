"""Administration: members (roles, suspensions, e-mail addresses) and the brand's tags."""

from flask import Flask

from app.admin import views

DEFAULTS: dict = {}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
