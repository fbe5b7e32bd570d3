"""`flask mail digest`: the accept reminders, then the daily summaries (meant to run once a day, e.g. from cron)."""

import click

from app.mail.cli import mail_cli
from app.notifications import digest as daily


@click.command("digest")
def digest():
    """Remind askers to accept an answer (once per question), then send each member's daily summary."""
    reminded = daily.send_reminders()
    sent, failed = daily.send_digests()
    click.echo(f"Reminders {reminded}; daily summaries queued {sent}, failed {failed}. "
               "`flask mail send` delivers them.")
    if failed:
        raise SystemExit(1)


def init_app(app) -> None:
    mail_cli.add_command(digest)  # `flask mail digest`: the mail group is registered by app.mail
