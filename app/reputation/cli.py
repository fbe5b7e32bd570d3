"""`flask reputation recompute|fraud-check`."""

import time
from collections import Counter

import click
from flask import Flask
from flask.cli import AppGroup

from app.extensions import db
from app.reputation import fraud, ledger

reputation_cli = AppGroup("reputation", help="The reputation ledger.")


SHOWN = 20  # corrections listed one by one after a recount; the rest are counted


@reputation_cli.command("recompute")
@click.option("--check", is_flag=True, help="Change nothing; print each difference and exit 1 if any.")
def recompute(check: bool) -> None:
    """Rebuild every user's ledger and total from votes, acceptances, official marks and deletions."""
    started, cpu_started = time.perf_counter(), time.process_time()

    def phase(label: str) -> None:
        click.echo(f"[{time.perf_counter() - started:6.1f} s] {label}…")

    found = ledger.recompute(check=check, phase=phase)
    # A first recount writes a row for every vote: list a few and count the rest by reason.
    shown = found if check else found[:SHOWN]
    for item in shown:
        click.echo(str(item))
    if len(found) > len(shown):
        click.echo(f"… and {len(found) - len(shown):,} more:")
        for reason, count in Counter(item.what.split(" ")[-1] for item in found).most_common():
            click.echo(f"  {count:>10,} {reason}")
    if not check:
        db.session.commit()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    click.echo(f"{len(found):,} differences {'found' if check else 'corrected'} in {seconds:.1f} s "
               f"(CPU {cpu:.1f} s).")
    raise SystemExit(1 if check and found else 0)


@reputation_cli.command("fraud-check")
@click.option("--limit", default=fraud.DEFAULT_LIMIT, show_default=True,
              help="Most votes one voter may give one user in 24 hours.")
def fraud_check(limit: int) -> None:
    """Find serial voting in the last day and reverse it (meant to run daily)."""
    reversed_votes = fraud.reverse_serial_voting(limit)
    db.session.commit()
    for voter, target, count in reversed_votes:
        click.echo(f"user #{voter} → user #{target}: {count} votes reversed")
    click.echo(f"{len(reversed_votes)} serial voting patterns reversed.")


def init_app(app: Flask) -> None:
    app.cli.add_command(reputation_cli)
