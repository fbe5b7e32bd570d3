"""`flask bench seed`: a large community for the benchmark (bench/run.py, `make bench`)."""

import click
from flask.cli import AppGroup

from app.bench import seeding

DEFAULTS: dict = {}
bench_cli = AppGroup("bench", help="Benchmark data.")


@bench_cli.command("seed")
@click.option("--questions", default=100_000, show_default=True, type=click.IntRange(1),
              help="Questions to create; users, answers, votes and comments scale with it.")
@click.option("--random-seed", default=7, show_default=True, help="The same seed gives the same community.")
@click.option("--no-derive", is_flag=True, help="Insert the rows only; skip counters, reputation, badges, search.")
def seed_command(questions, random_seed, no_derive):
    """Fill an EMPTY database with a large realistic community, then derive counters, reputation,
    badges and the search index with the project's own rebuilds (each timed)."""
    try:
        report = seeding.Seeder(questions, random_seed, log=click.echo).run()
    except seeding.NotEmpty as error:
        raise click.ClickException(str(error)) from None
    click.echo(report.lines()[0])
    if not no_derive:
        seeding.derive(report, log=click.echo)


def init_app(app) -> None:
    app.cli.add_command(bench_cli)
