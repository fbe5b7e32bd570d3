"""`flask badges backfill`."""

import time

import click
from flask.cli import AppGroup

from app.badges import awards
from app.extensions import db

badges_cli = AppGroup("badges", help="Badge awards.")


@badges_cli.command("backfill")
def backfill():
    """Award every badge everyone qualifies for (safe to run again)."""
    started = time.perf_counter()
    with click.progressbar(length=1, label="Badges") as bar:
        def progress(items):
            bar.length = len(items)
            for item in items:
                yield item
                bar.update(1)

        awarded = awards.backfill(progress)
    db.session.commit()
    click.echo(f"{awarded} badges awarded in {time.perf_counter() - started:.1f} s.")


def init_app(app) -> None:
    app.cli.add_command(badges_cli)
