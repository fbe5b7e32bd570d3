"""`flask import stackexchange DIR [--tag-prefix P] [--site HOST] [--dry-run]`."""

import sys
import time
from contextlib import ExitStack
from pathlib import Path

import click
from flask.cli import AppGroup

from app.assistant import index
from app.badges import awards
from app.extensions import db
from app.importers.stackexchange import StackExchangeImport, site_from_directory
from app.questions import counters
from app.reputation import ledger
from app.search import indexing

import_cli = AppGroup("import", help="Import content from other communities.")


def _progress_bars(stack: ExitStack):
    """A progress bar per file, advanced by the bytes the parser has read."""
    def start(label: str, total: int):
        bar = stack.enter_context(click.progressbar(length=total, label=f"Reading {label}", file=sys.stderr))
        return bar.update
    return start


@import_cli.command("stackexchange")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--tag-prefix", default="", help="Put before every imported tag name, e.g. 'beer-'.")
@click.option("--site", help="The dump's site host (default: from the folder name, e.g. beer.stackexchange.com).")
@click.option("--dry-run", is_flag=True, help="Read and check everything, count it, write nothing.")
def stackexchange(directory, tag_prefix, site, dry_run):
    """Import a Stack Exchange data dump (Users.xml, Posts.xml … from archive.org); safe to run again."""
    site = site or site_from_directory(directory)
    click.echo(f"Importing {directory} as {site}{' (dry run: nothing is written)' if dry_run else ''}…")
    started = time.perf_counter()
    with ExitStack() as stack:
        report = StackExchangeImport(directory, site, tag_prefix, _progress_bars(stack)).run()
    for line in report.lines():
        click.echo(line)
    click.echo(f"Read and written in {time.perf_counter() - started:.1f} s.")
    if dry_run:
        db.session.rollback()
        click.echo("Dry run: rolled back. A real run then rebuilds counters, reputation, badges and search.")
        return
    db.session.commit()
    _rebuild()
    click.echo(f"{site} imported in {time.perf_counter() - started:.1f} s.")


def _rebuild() -> None:
    """Scores, reputation, badges, search and the assistant's index follow from the imported rows by the
    project's own rebuilds."""
    steps = [
        ("counters rebuild", lambda: f"{counters.rebuild()} counters corrected"),
        ("reputation recompute", lambda: f"{len(ledger.recompute())} ledger differences corrected"),
        ("badges backfill", lambda: f"{awards.backfill()} badges awarded"),
    ]
    for name, step in steps:
        started = time.perf_counter()
        outcome = step()
        db.session.commit()
        click.echo(f"flask {name}: {outcome} in {time.perf_counter() - started:.1f} s.")
    report = indexing.rebuild()
    click.echo(f"flask search reindex: {report.documents} questions indexed in {report.seconds:.1f} s.")
    rebuilt = index.rebuild()
    click.echo(f"flask assistant reindex: {rebuilt.passages} passages indexed in {rebuilt.seconds:.1f} s.")


def init_app(app) -> None:
    app.cli.add_command(import_cli)
