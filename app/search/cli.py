"""`flask search reindex | sync | check`."""

import sys
import time
from typing import TYPE_CHECKING

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import func, select

from app.models import SearchPending
from app.search import indexing
from app.search.backend import IndexOutdated

if TYPE_CHECKING:  # what click.progressbar returns is named only in click's internals
    from click._termui_impl import ProgressBar

search_cli = AppGroup("search", help="The search index.")


@search_cli.command("reindex")
def reindex() -> None:
    """Rebuild the whole index from the database, then swap it in."""
    bar: ProgressBar[int] | None = None

    def start(total: int) -> None:
        nonlocal bar
        bar = click.progressbar(length=total, label="Indexing questions", file=sys.stderr)
        bar.__enter__()

    def progress(done: int) -> None:
        if bar is not None:  # started before the first document
            bar.update(done)

    try:
        report = indexing.rebuild(progress=progress, on_start=start)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    click.echo(f"Indexed {report.documents} questions in {report.seconds:.1f} s "
               f"({report.rate:.0f} docs/s); {report.caught_up} changed meanwhile and were caught up.")


@search_cli.command("sync")
def sync() -> None:
    """Index the questions marked pending (after a failed or skipped index write)."""
    started = time.perf_counter()
    with click.progressbar(length=_pending_count(), label="Indexing pending questions",
                           file=sys.stderr) as bar:
        try:
            done = indexing.sync(progress=bar.update)
        except IndexOutdated as error:
            raise click.ClickException(str(error)) from error
    seconds = time.perf_counter() - started
    rate = done / seconds if seconds else 0.0
    click.echo(f"Indexed {done} pending questions in {seconds:.1f} s ({rate:.0f} docs/s).")


@search_cli.command("check")
@click.option("--repair", is_flag=True, help="Mark every drifting question pending, for `flask search sync`.")
def check(repair: bool) -> None:
    """Compare the index with the database; print drift and exit 1 if there is any."""
    try:
        drift = indexing.check()
    except IndexOutdated as error:
        raise click.ClickException(str(error)) from error
    for label, ids in (("missing from the index", drift.missing), ("in the index but not searchable",
                                                                   drift.extra), ("out of date", drift.stale)):
        if ids:
            shown = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
            click.echo(f"{len(ids)} {label}: {shown}")
    click.echo(f"{drift.pending} questions marked pending.")
    if not drift.found:
        click.echo("The index matches the database.")
        return
    if repair:
        indexing.mark(drift.missing + drift.extra + drift.stale)
        click.echo("Marked them pending: run `flask search sync`.")
    raise SystemExit(1)


def _pending_count() -> int:
    with indexing.new_session() as session:
        return session.scalar(select(func.count()).select_from(SearchPending)) or 0


def init_app(app: Flask) -> None:
    app.cli.add_command(search_cli)
