"""`flask uploads check | migrate | gc`: the stored image files and the database's record of them."""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from app.extensions import db
from app.uploads import maintenance, storage

uploads_cli = AppGroup("uploads", help="Uploaded images and their storage.")


def _bar(label: str, length: int):
    return click.progressbar(length=length, label=label, file=sys.stderr)


@uploads_cli.command("check")
@click.option("--repair", is_flag=True, help="Record again, from each post's text, which images it shows.")
def check(repair):
    """Read every recorded file back from storage and compare it with its hash, and compare each post's recorded
    images with its text; print what differs and exit 1 if anything does."""
    with _bar(f"Checking files in {current_app.config['UPLOADS_STORAGE']}", maintenance.count_files()) as bar:
        report = maintenance.check(progress=bar.update)
    for label, keys in (("missing", report.missing), ("damaged (hash differs)", report.corrupt)):
        for key in keys:
            click.echo(f"{label}: {key}")
    if report.drifted_posts:
        click.echo("posts whose recorded images differ from their text: "
                   + ", ".join(map(str, report.drifted_posts[:50])) + (" …" if len(report.drifted_posts) > 50 else ""))
    if repair and report.drifted_posts:
        fixed = maintenance.repair_links()
        db.session.commit()
        click.echo(f"Recorded the images of {fixed} posts again.")
        report.drifted_posts = []
    click.echo(f"Checked {report.checked} files: {len(report.missing)} missing, {len(report.corrupt)} damaged, "
               f"{len(report.drifted_posts)} posts to repair.")
    if not report.ok:
        sys.exit(1)


@uploads_cli.command("migrate")
@click.option("--to", "target", required=True, type=click.Choice(storage.BACKENDS), help="The backend to copy to.")
def migrate(target):
    """Copy every file to another backend (each verified by its hash); then set UPLOADS_STORAGE to it."""
    try:
        with _bar(f"Copying files to {target}", maintenance.count_files()) as bar:
            copied = maintenance.migrate(target, progress=bar.update)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Copied {copied} files to {target} (files already there were kept). Now set "
               f"FLASK_UPLOADS_STORAGE={target} on every app server and restart them; the old copies stay where "
               f"they were until you delete them (docs/deploy.md).")


@uploads_cli.command("gc")
@click.option("--dry-run", is_flag=True, help="Only count what would be deleted.")
def gc(dry_run):
    """Delete images no post showed within the grace period (UPLOADS_GRACE_HOURS), and the files of images the
    moderators took down; meant to run daily, e.g. from cron."""
    bar = None

    def start(total):
        nonlocal bar
        bar = _bar("Collecting unused images", total)
        bar.__enter__()

    try:
        collected = maintenance.collect(dry_run=dry_run, progress=lambda n: bar.update(n), on_start=start)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    verb = "Would delete" if dry_run else "Deleted"
    click.echo(f"{verb} {collected.images} unused images and the files of {collected.taken_down} taken-down ones "
               f"({collected.files} files).")


def init_app(app) -> None:
    app.cli.add_command(uploads_cli)
