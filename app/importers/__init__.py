"""Importers of other communities' content: `flask import stackexchange` (the attribution their posts owe is
shown by the question page: app/questions/attributions.py)."""

from flask import Flask

from app.importers import cli

DEFAULTS: dict = {}


def init_app(app: Flask) -> None:
    cli.init_app(app)
