"""`flask mail receive`, `flask mail serve-lmtp` and `flask mail inbound process|prune`."""

import re
import signal
import threading

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from app.extensions import db
from app.inbound import operations, parsing, receiving
from app.mail.cli import mail_cli

inbound_cli = AppGroup("inbound", help="Received e-mail.")
EX_TEMPFAIL = 75  # sysexits.h: the MTA keeps the message and tries again
STORED_OF_TOO_LARGE = 64 * 1024  # of a message over the size limit, only its beginning is kept


@mail_cli.command("receive")
@click.option("--sender", default=None, help="The envelope sender (Postfix: ${sender}).")
@click.option("--recipient", "recipients", multiple=True,
              help="The envelope recipient (Postfix: ${original_recipient}); may be repeated.")
def receive(sender, recipients):
    """Receive one message (RFC 5322) on standard input, for an MTA's pipe transport. Exits 75 (try again
    later) when the message could not be stored."""
    stream = click.get_binary_stream("stdin")
    most = parsing.limit("MAIL_INBOUND_MAX_BYTES")
    raw, size = stream.read(most + 1), None
    if len(raw) > most:
        size = len(raw) + sum(len(chunk) for chunk in iter(lambda: stream.read(1 << 20), b""))
        raw = raw[:STORED_OF_TOO_LARGE]
    try:
        message = receiving.deliver(raw, sender, recipients, size)
    except Exception as error:  # noqa: BLE001 - reported to the MTA by the exit status
        click.echo(f"could not store the message: {type(error).__name__}: {error}", err=True)
        raise SystemExit(EX_TEMPFAIL) from None
    click.echo(f"message {message.id}: {message.status}" + (f" ({message.reason})" if message.reason else ""))


@mail_cli.command("serve-lmtp")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8024, show_default=True, type=int)
@click.option("--smtp", is_flag=True, help="Speak SMTP instead of LMTP.")
@with_appcontext
def serve_lmtp(host, port, smtp):
    """Receive messages over LMTP (or SMTP) until stopped (SIGTERM or Ctrl-C)."""
    from app.inbound.lmtp import Receiver  # aiosmtpd, loaded only by the command that serves

    receiver = Receiver(current_app._get_current_object(), host, port, lmtp=not smtp)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    receiver.start()
    click.echo(f"Receiving {'SMTP' if smtp else 'LMTP'} on {host}:{receiver.port}", err=True)
    try:
        stop.wait()
    finally:
        receiver.stop()
        db.session.remove()


@inbound_cli.command("process")
@click.option("--failed", is_flag=True, help="Also process again the messages whose processing failed.")
@click.option("--limit", type=int, default=None)
def process(failed, limit):
    """Process the received messages left waiting (e.g. by a crash); meant for cron, every few minutes."""
    outcomes = receiving.process_waiting(include_failed=failed, limit=limit)
    click.echo("Processed: " + (", ".join(f"{n} {status}" for status, n in sorted(outcomes.items())) or "none"))
    if outcomes.get("failed"):
        raise SystemExit(1)


@inbound_cli.command("prune")
@click.option("--older-than", "older_than", default="90d", show_default=True,
              help="Age: days (90d or 90) or weeks (12w).")
def prune(older_than):
    """Forget received messages that are done with (posted, refused, dropped, duplicates, rejected) after this
    age; held, waiting and failed ones stay."""
    match = re.fullmatch(r"\s*(\d+)\s*([dw]?)\s*", older_than)
    if not match:
        raise click.BadParameter("use a number of days (90d) or weeks (12w)", param_hint="--older-than")
    days = int(match.group(1)) * (7 if match.group(2) == "w" else 1)
    removed = operations.prune(days)
    db.session.commit()
    click.echo(f"Removed {removed} received messages older than {days} days.")


def init_app(app) -> None:
    if "inbound" not in mail_cli.commands:
        mail_cli.add_command(inbound_cli)
