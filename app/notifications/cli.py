"""`flask mail digest`: the accept reminders, then the daily summaries (meant to run once a day, e.g. from cron)."""

import click

from app.mail.cli import mail_cli


@mail_cli.command("digest")
def digest():
    """Remind askers to accept an answer (once per question), then send each member's daily summary."""
    from app.notifications import digest as daily

    reminded = daily.send_reminders()
    sent, failed = daily.send_digests()
    click.echo(f"Reminders {reminded}; daily summaries queued {sent}, failed {failed}. "
               "`flask mail send` delivers them.")
    if failed:
        raise SystemExit(1)
