"""Reputation: the ledger (the only writer of points), the points table and daily cap, privileges by threshold,
the members list and privileges page, fraud checks, and `flask reputation`."""

from flask import Flask

from app.reputation import cli, points, privileges, views

DEFAULTS = {
    "REPUTATION_POINTS": {},  # {reason: points} replacing points.DEFAULT_POINTS' values
    "REPUTATION_DAILY_CAP": points.DEFAULT_DAILY_CAP,
    "PRIVILEGE_THRESHOLDS": {},  # {privilege: reputation} replacing privileges.DEFAULT_THRESHOLDS' values
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.jinja_env.globals.update(
        privilege_threshold=privileges.threshold,
        reason_label=lambda reason, own=True: (points.REASON_LABELS if own else points.THIRD_PERSON_REASON_LABELS)
        .get(reason, reason),
        cause_label=lambda cause: points.CAUSE_LABELS.get(cause, cause))
    cli.init_app(app)
