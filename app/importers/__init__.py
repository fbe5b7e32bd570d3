"""Importers of other communities' content: `flask import stackexchange`, and the attribution they owe."""

from flask import Flask

from app.importers import cli, queries

DEFAULTS: dict = {}


def init_app(app: Flask) -> None:
    cli.init_app(app)
    app.add_template_global(queries.attribution, "import_attribution")
    app.add_template_global(queries.attributions, "import_attributions")
