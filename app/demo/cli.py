"""`flask demo seed`: the demo brand community, into an empty database."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.extensions import db
from app.models import User

demo_cli = AppGroup("demo", help="The demo community.")


@demo_cli.command("seed")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
def seed(if_empty):
    """Fill the database with the demo brand community, and print its log-ins."""
    from app.demo import seed as demo  # a command's heavy import: 100 KB of demo text, loaded only to seed

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


def init_app(app) -> None:
    app.cli.add_command(demo_cli)
