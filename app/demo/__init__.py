"""The demo community (the espresso-machine maker Aurora Caffè), seeded through the forum's own operations by
`flask demo seed`."""

from flask import Flask

from app.demo import cli

DEFAULTS: dict = {}


def init_app(app: Flask) -> None:
    cli.init_app(app)
