"""Badges: the catalogue (catalog.py), the rules that award them (rules.py, awards.py), the pages that list them,
telling members what they earned, and `flask badges backfill`."""

from flask import Flask

from app import events
from app.badges import awards, cli, views
from app.badges.catalog import display_name

DEFAULTS: dict = {}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.before_request(views.announce_new_badges)
    app.add_template_global(display_name, "badge_name")
    events.subscribe(events.RowsFlushed, awards.on_rows_flushed)
    events.subscribe(events.RowsDeletedByStatement, awards.on_rows_deleted)
    cli.init_app(app)
