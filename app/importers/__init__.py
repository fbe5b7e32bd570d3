"""Importers of other communities' content: `flask import stackexchange` (the attribution their posts owe is
shown by the question page: app/questions/attributions.py)."""


def init_app(app) -> None:
    from app.importers import cli

    app.cli.add_command(cli.import_cli)
