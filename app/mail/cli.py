"""`flask mail send` (and the notifications' `flask mail digest`)."""

import click
from flask.cli import AppGroup

from app.mail import outbox

mail_cli = AppGroup("mail", help="The e-mail outbox.")


@mail_cli.command("send")
@click.option("--limit", type=int, default=None, help="Send at most this many.")
def send(limit):
    """Send the e-mails that are due (new ones and retries)."""
    waiting = outbox.counts()["waiting"]
    with click.progressbar(length=min(waiting, limit or waiting), label="Sending") as bar:
        sent, failed = outbox.send_pending(limit=limit, progress=bar.update)
    counts = outbox.counts()
    click.echo(f"Sent {sent}, failed this time {failed}; still waiting {counts['waiting']}, "
               f"given up {counts['failed']}.")
    if failed:
        raise SystemExit(1)


def init_app(app) -> None:
    if "mail" not in app.cli.commands:
        app.cli.add_command(mail_cli)
