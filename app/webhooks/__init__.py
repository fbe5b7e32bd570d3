"""Webhooks: admins register endpoints of the brand's help desk (/admin/webhooks); domain events queue signed
deliveries in the transaction of their cause; they are sent after the commit and by `flask webhooks send`,
retried with back-off and recorded. `flask webhooks escalate` announces questions past the response target.
Receivers verify deliveries as docs/webhooks.md describes."""

from flask import Flask

from app import dispatch, events
from app.webhooks import cli, deliveries, sending, views

DEFAULTS = {
    # Deliveries leave right after the commit that queued them (app/dispatch.py: the web process's worker, or
    # before a command ends); "none": only by `flask webhooks send` (e.g. from cron).
    "WEBHOOKS_SEND_AFTER_COMMIT": "thread",
    # Receivers on private, loopback or link-local networks (server-side request forgery): refused unless set.
    "WEBHOOKS_ALLOW_PRIVATE": False,
    "WEBHOOKS_TIMEOUT_SECONDS": 10,
    # A sender's claim on a delivery lasts this long: one killed mid-send leaves it to the next sender after it.
    # Longer than a delivery can take (connecting and reading each wait WEBHOOKS_TIMEOUT_SECONDS).
    "WEBHOOKS_CLAIM_SECONDS": 120,
    "WEBHOOKS_MAX_ATTEMPTS": 8,
    "WEBHOOKS_RETRY_SECONDS": 60,  # the first retry after a minute, then doubling …
    "WEBHOOKS_RETRY_MAX_SECONDS": 6 * 3600,  # … up to six hours apart
    # `flask webhooks escalate` leaves older unanswered questions alone (no flood of history on its first run).
    "WEBHOOKS_ESCALATION_MAX_AGE_DAYS": 7,
    # `flask webhooks send` forgets delivered and failed deliveries older than this.
    "WEBHOOKS_KEEP_DAYS": 30,
    "WEBHOOKS_TEST_RATE_LIMIT": "20/minute",
}


def init_app(app: Flask) -> None:
    events.subscribe_all(deliveries.LISTENERS)
    events.subscribe(events.RowsFlushed, sending.on_rows_flushed)
    dispatch.register(sending.OUTBOX, sending.send_committed)
    app.register_blueprint(views.bp)
    cli.init_app(app)
