"""Importers of other communities' content: `flask import stackexchange`, and the attribution they owe."""


def init_app(app) -> None:
    from app.importers import cli, queries

    app.cli.add_command(cli.import_cli)
    app.add_template_global(queries.attribution, "import_attribution")
    app.add_template_global(queries.attributions, "import_attributions")
