"""`flask users create|set-role`."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.accounts import operations
from app.errors import Invalid
from app.extensions import db
from app.models import ROLES, User

users_cli = AppGroup("users", help="Manage accounts.")


def _fail(error: Invalid) -> None:
    """A refusal as a command says it: each field's message on stderr, exit status 1."""
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
        user = operations.create_user(username, email, password, role)
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
    operations.set_role(user, role)
    db.session.commit()
    click.echo(f"{user.username} is now {role}.")


def init_app(app) -> None:
    app.cli.add_command(users_cli)
