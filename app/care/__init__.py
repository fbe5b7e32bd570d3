"""The care dashboard (/moderation/metrics), its CSV export and `flask care report`: how fast customers get
help, how much the community solves without the brand team, and where the backlog is."""

DEFAULTS = {
    # After clicking an ask-page suggestion, a member who posts no question within this many hours counts
    # as helped by the suggestion.
    "CARE_DEFLECTION_WINDOW_HOURS": 24,
}


def init_app(app) -> None:
    from app.care import cli, display
    from app.care.views import bp

    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.register_blueprint(bp)
    display.init_app(app)
    cli.init_app(app)
