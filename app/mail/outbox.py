"""Queue e-mails with the change that causes them; send them later, with retries and a record of failures."""

import logging
from collections.abc import Callable
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, or_, select, update

from app import clock, dispatch, events
from app.extensions import db, rowcount
from app.mail import backends
from app.models import OutgoingMail
from app.outbox import drain

log = logging.getLogger(__name__)


def queue(to: str, subject: str, text: str, *, html: str | None = None, headers: dict | None = None,
          kind: str = "", user_id: int | None = None) -> OutgoingMail:
    """Add an e-mail to the outbox in the current transaction: it leaves only if the change commits."""
    message = OutgoingMail(to_address=to, subject=subject[:300], text_body=text, html_body=html,
                           headers=headers or None, kind=kind, user_id=user_id, created_at=clock.now(),
                           next_attempt_at=clock.now())
    db.session.add(message)
    return message


def scrub_unsent(scrub: Callable[[str], str], needles: list[str]) -> None:
    """Rewrite the e-mails not sent yet that contain any of `needles` (personal data was redacted from the post
    they quote). One already sent has left: its row is the record of what was sent."""
    columns = (OutgoingMail.subject, OutgoingMail.text_body, OutgoingMail.html_body)
    for message in db.session.scalars(select(OutgoingMail).where(
            OutgoingMail.sent_at.is_(None),
            or_(*(column.contains(needle, autoescape=True) for column in columns for needle in needles)))):
        message.subject = scrub(message.subject)[:300]
        message.text_body = scrub(message.text_body)
        message.html_body = scrub(message.html_body) if message.html_body is not None else None


def on_post_redacted(event: events.PostRedacted) -> None:
    scrub_unsent(event.scrub, list(event.needles))


def _waiting():
    return select(OutgoingMail.id).where(OutgoingMail.sent_at.is_(None), OutgoingMail.failed_at.is_(None),
                                         OutgoingMail.next_attempt_at <= clock.now()).order_by(OutgoingMail.id)


def _claim(message_id: int) -> OutgoingMail | None:
    """Take one waiting e-mail for this sender; another process sending at the same time gets none."""
    now, lease = clock.now(), timedelta(seconds=float(current_app.config["MAIL_CLAIM_SECONDS"]))
    claimed = rowcount(db.session.execute(
        update(OutgoingMail).where(OutgoingMail.id == message_id, OutgoingMail.sent_at.is_(None),
                                   OutgoingMail.failed_at.is_(None), OutgoingMail.next_attempt_at <= now)
        .values(next_attempt_at=now + lease, attempts=OutgoingMail.attempts + 1),
        execution_options={"synchronize_session": False}))
    db.session.commit()
    return db.session.get(OutgoingMail, message_id, populate_existing=True) if claimed == 1 else None


def _send_one(message: OutgoingMail, config) -> bool:
    try:
        backends.deliver(message, config)
    except Exception as error:  # any failure of the transport is recorded, never raised to the caller
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        if message.attempts >= int(config["MAIL_MAX_ATTEMPTS"]):
            message.failed_at = clock.now()
            log.warning("mail %s to %s failed for good: %r", message.id, message.to_address, message.last_error)
        else:
            delay = int(config["MAIL_RETRY_SECONDS"]) * 2 ** (message.attempts - 1)
            message.next_attempt_at = clock.now() + timedelta(seconds=delay)
        db.session.commit()
        return False
    message.sent_at, message.last_error = clock.now(), None
    db.session.commit()
    return True


def send_pending(limit: int | None = None, ids: list[int] | None = None, progress=None) -> tuple[int, int]:
    """Send what is due (or the given ids if due). Returns (sent, failed this time)."""
    statement = _waiting()
    if ids is not None:
        statement = statement.where(OutgoingMail.id.in_(ids))
    if limit:
        statement = statement.limit(limit)
    due = list(db.session.scalars(statement))
    db.session.commit()
    config = current_app.config
    return drain(due, _claim, lambda message: _send_one(message, config), progress)


def counts() -> dict[str, int]:
    """How many e-mails wait, were sent, and ran out of tries."""
    def count(*where):
        return db.session.scalar(select(func.count(OutgoingMail.id)).where(*where))

    return {"waiting": count(OutgoingMail.sent_at.is_(None), OutgoingMail.failed_at.is_(None)),
            "sent": count(OutgoingMail.sent_at.is_not(None)), "failed": count(OutgoingMail.failed_at.is_not(None))}


# Sending right after the commit: the dispatcher (app/dispatch.py) drains the e-mails a transaction queued.

OUTBOX = "mail"


def on_rows_flushed(event: events.RowsFlushed) -> None:
    if current_app.config["MAIL_SEND_AFTER_COMMIT"]:
        ids = [message.id for message in event.new if isinstance(message, OutgoingMail)]
        if ids:
            dispatch.after_commit(event.session, OUTBOX, ids)


def send_committed(ids: frozenset[int]) -> None:
    """The outbox's drain: send the e-mails the committed transactions queued (those still due)."""
    send_pending(ids=sorted(ids))
