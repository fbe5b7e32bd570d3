"""`flask backup PATH` and `flask restore PATH`: a consistent copy of a live database, and putting one back.

SQLite: the online backup API copies one snapshot (every transaction committed before it starts, none
half-written) while the site keeps writing; the copy is written beside PATH and renamed into place.
PostgreSQL: `pg_dump --format=custom` (one snapshot too) and `pg_restore --clean`. The search index is
derived from the database: after a restore, `flask search reindex` rebuilds it.
"""

import os
import shutil
import sqlite3
import subprocess  # nosec B404 # pg_dump and pg_restore, with argument lists, never a shell
from pathlib import Path

import click
from flask import current_app
from sqlalchemy import make_url

from app.extensions import db


def _url():
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def backup(path: str | os.PathLike) -> Path:
    """Write a consistent copy of the database to `path`; returns it."""
    target = Path(path)
    url = _url()
    if url.get_backend_name() == "sqlite":
        _sqlite_backup(url.database, target)
    elif url.get_backend_name() == "postgresql":
        _pg_tool("pg_dump", "--format=custom", "--no-owner", "--file", str(target))
    else:
        raise click.ClickException(f"Backups of {url.get_backend_name()} databases are not supported.")
    return target


def restore(path: str | os.PathLike) -> None:
    """Replace the database's content with the backup at `path`."""
    source = Path(path)
    if not source.is_file():
        raise click.ClickException(f"No backup at {source}.")
    url = _url()
    db.session.remove()
    db.engine.dispose()  # no pooled connection keeps the old content open
    if url.get_backend_name() == "sqlite":
        _check_sqlite(source)
        with sqlite3.connect(source) as backup_copy, sqlite3.connect(url.database, timeout=30) as live:
            backup_copy.backup(live)
    elif url.get_backend_name() == "postgresql":
        _pg_tool("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(source),
                 database_option="--dbname")
    else:
        raise click.ClickException(f"Restoring {url.get_backend_name()} databases is not supported.")


def _sqlite_backup(database: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(database, timeout=30) as live, sqlite3.connect(partial) as copy:
        live.backup(copy)  # all pages in one step: one snapshot, while other connections keep writing
    _check_sqlite(partial)
    os.replace(partial, target)


def _check_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise click.ClickException(f"{path} failed the integrity check: {result}")


def _pg_tool(tool: str, *arguments: str, database_option: str = "--dbname") -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise click.ClickException(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
    url = _url()
    environment = {**os.environ, "PGPASSWORD": url.password or ""}  # not on the command line, where ps shows it
    libpq_url = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    command = [executable, *arguments, f"{database_option}={libpq_url}"]
    result = subprocess.run(command, env=environment, capture_output=True, text=True)  # nosec B603 # a fixed tool found on PATH
    if result.returncode != 0:
        raise click.ClickException(f"{tool} failed: {result.stderr.strip()}")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
def backup_command(path):
    """Copy the live database to PATH (consistent, while the site keeps running)."""
    target = backup(path)
    click.echo(f"Backed up the database to {target} ({target.stat().st_size:,} bytes).")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(path, yes):
    """Replace the database with the backup at PATH. Stop the app servers first."""
    if not yes:
        click.confirm("This replaces everything in the database with the backup. Continue?", abort=True)
    restore(path)
    click.echo(f"Restored the database from {path}. Now run `flask search reindex` to rebuild the search index.")


def init_app(app) -> None:
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
