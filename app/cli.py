"""Command groups: `flask users`, `flask counters`, `flask demo`, `flask posts`; `flask backup` and `flask restore`."""

import sys

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.accounts import operations as accounts
from app.badges import awards
from app.errors import Invalid
from app.extensions import db
from app.models import ROLES, User
from app.questions import counters

users_cli = AppGroup("users", help="Manage accounts.")
counters_cli = AppGroup("counters", help="Cached counters (scores, answer, tag and badge holder counts).")
demo_cli = AppGroup("demo", help="The demo community.")
posts_cli = AppGroup("posts", help="Questions and answers.")


def _fail(error: Invalid) -> None:
    for field, message in error.errors.items():
        click.echo(f"{field}: {message}" if field else str(message), err=True)
    raise SystemExit(1)


@users_cli.command("create")
@click.argument("username")
@click.option("--email", required=True)
@click.option("--password", required=True)
@click.option("--role", type=click.Choice(ROLES), default="member", show_default=True)
def create_user(username, email, password, role):
    """Create an account."""
    try:
        user = accounts.create_user(username, email, password, role)
        db.session.commit()
    except Invalid as error:
        db.session.rollback()
        _fail(error)
    click.echo(f"Created {user.username} ({user.role}), id {user.id}.")


@users_cli.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice(ROLES))
def set_role(username, role):
    """Make a user a member, moderator or admin."""
    user = db.session.scalar(select(User).where(User.username_key == username.lower()))
    if user is None:
        click.echo(f"No user named {username}.", err=True)
        raise SystemExit(1)
    accounts.set_role(user, role)
    db.session.commit()
    click.echo(f"{user.username} is now {role}.")


@counters_cli.command("rebuild")
@click.option("--check", is_flag=True, help="Change nothing; print each difference and exit 1 if any.")
def rebuild_counters(check):
    """Recompute scores, answer counts, tag counts and badge holder counts from votes, answers, tags and awards."""
    if check:
        drift = counters.find_drift()
        drift += [counters.Drift("badge holders", slug, cached, actual)
                  for slug, cached, actual in awards.holder_drift()]
        for item in drift:
            click.echo(str(item))
        click.echo(f"{len(drift)} counters differ.")
        raise SystemExit(1 if drift else 0)
    fixed = counters.rebuild() + len(awards.holder_drift())
    awards.recount_holders()
    db.session.commit()
    click.echo(f"Rebuilt counters: {fixed} corrected.")


@demo_cli.command("seed")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
def seed(if_empty):
    """Fill the database with the demo brand community, and print its log-ins."""
    from app.demo import seed as demo

    if db.session.scalar(select(User.id).limit(1)) is not None:
        if not if_empty:
            click.echo("The database is not empty: the demo community is seeded only into an empty one.", err=True)
            raise SystemExit(1)
    else:
        summary = demo.seed_demo()
        db.session.commit()
        click.echo("Seeded the demo community: " + ", ".join(f"{n} {what}" for what, n in summary.items()) + ".")
    for line in demo.login_lines():
        click.echo(line)


@posts_cli.command("detect-language")
@click.option("--dry-run", is_flag=True, help="Only report what would change.")
def detect_language(dry_run):
    """Read each post's language from its text again (keeping those their authors chose); the search index
    follows each batch."""
    from app.questions import languages

    with click.progressbar(length=languages.count_detectable(), label="Reading posts", file=sys.stderr) as bar:
        changes = languages.redetect(dry_run, progress=bar.update)
    for (old, new), count in sorted(changes.items(), key=lambda item: (str(item[0][0]), item[0][1])):
        click.echo(f"{old or 'none'} -> {new}: {count}")
    total = sum(changes.values())
    click.echo(f"{total} posts {'would change' if dry_run else 'changed'}.")


def init_app(app) -> None:
    from app.backup import backup_command, restore_command

    for group in (users_cli, counters_cli, demo_cli, posts_cli, backup_command, restore_command):
        app.cli.add_command(group)
