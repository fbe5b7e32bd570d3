"""`flask care report`: the dashboard's figures in a terminal or as JSON; `flask care csat-remind`: the survey's
second asking."""

import json
from datetime import datetime

import click
from flask.cli import AppGroup

from app import clock
from app.care import export, metrics, queries
from app.care.filters import between
from app.errors import Invalid
from app.extensions import db
from app.satisfaction import operations as satisfaction

care_cli = AppGroup("care", help="Care metrics: how fast customers get help.")


def _day(text: str | None, name: str):
    if text is None:
        return None
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD", param_hint=name) from None


@care_cli.command("report")
@click.option("--since", required=True, help="First day (YYYY-MM-DD, UTC).")
@click.option("--until", help="Last day, included (YYYY-MM-DD, UTC; default today).")
@click.option("--tag", default="", help="Only questions with this tag.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def report(since, until, tag, as_json):
    """Print the care figures for the questions asked from SINCE to UNTIL."""
    now = clock.now()
    try:
        filters = between(_day(since, "--since"), _day(until, "--until"), tag, now)
    except Invalid as error:
        options = {"from": "--since", "to": "--until", "tag": "--tag"}
        for field, message in error.errors.items():
            click.echo(f"{options.get(field, field)}: {message}", err=True)
        raise SystemExit(2) from None
    result = metrics.compute(filters, now)
    names = {user.id: user.username for user in queries.users_by_id(result.named_user_ids).values()}
    if as_json:
        click.echo(json.dumps(export.summary(result, names), indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(export.text_lines(result, names)))


@care_cli.command("csat-remind")
def csat_remind():
    """Ask once more the askers who have not said whether their problem was solved (CSAT_DELAY_HOURS after
    being asked; meant to run every hour or so, e.g. from cron)."""
    reminded = satisfaction.send_reminders()
    db.session.commit()
    click.echo(f"Surveys asked again: {reminded}. `flask mail send` delivers them.")


def init_app(app) -> None:
    app.cli.add_command(care_cli)
