"""`flask webhooks send` and `flask webhooks escalate`."""

import click
from flask import current_app
from flask.cli import AppGroup

from app.extensions import db
from app.webhooks import deliveries, sending

webhooks_cli = AppGroup("webhooks", help="Deliveries to the brand's help desk.")


@webhooks_cli.command("send")
@click.option("--limit", type=int, default=None, help="Send at most this many.")
def send(limit):
    """Send the deliveries that are due (new ones and retries whose back-off has passed); forget old ones."""
    due = sending.count_due()
    with click.progressbar(length=min(due, limit or due), label="Sending") as bar:
        delivered, failed = sending.send_due(limit=limit, progress=bar.update)
    click.echo(f"Delivered {delivered}, failed this time {failed} (retried later with back-off).")
    removed = sending.prune()
    if removed:
        click.echo(f"Forgot {removed} finished deliveries older than {current_app.config['WEBHOOKS_KEEP_DAYS']} days.")
    if failed:
        raise SystemExit(1)


@webhooks_cli.command("escalate")
def escalate():
    """Announce questions past the response target without an answer (once each); meant for cron."""
    escalated = deliveries.escalate()
    db.session.commit()  # the deliveries it queued are sent right after the commit
    click.echo(f"{len(escalated)} question(s) escalated.")


def init_app(app) -> None:
    if "webhooks" not in app.cli.commands:
        app.cli.add_command(webhooks_cli)
