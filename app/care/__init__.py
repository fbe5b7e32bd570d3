"""The care dashboard (/moderation/metrics), its CSV export and `flask care report`: how fast customers get
help, how much the community solves without the brand team, and where the backlog is."""

from flask import Flask

from app.care import cli, display, views

DEFAULTS = {
    # After clicking an ask-page suggestion, a member who posts no question within this many hours counts
    # as helped by the suggestion.
    "CARE_DEFLECTION_WINDOW_HOURS": 24,
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    display.init_app(app)
    cli.init_app(app)
