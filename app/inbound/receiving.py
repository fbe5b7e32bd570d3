"""The edge of receiving, shared by `flask mail receive`, `flask mail serve-lmtp` and `flask mail inbound
process`: store the message and commit, then process it and commit. The processing transaction starts by
claiming the stored row (status still "received"), so two processes never both post it; a crash or an error
inside it leaves nothing half-written and the message waiting (or "failed", with the error) to be processed
again."""

import logging

from sqlalchemy import select, update

from app import clock
from app.extensions import db, rowcount
from app.inbound import operations
from app.models import InboundMessage

log = logging.getLogger(__name__)


def deliver(raw: bytes, envelope_from: str | None = None, envelope_to=(), size: int | None = None) -> InboundMessage:
    """Store and process one message. Raises only when it could not be stored: the sending server must then
    keep it and try again."""
    try:
        message = operations.store(raw, envelope_from, list(envelope_to), size)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    message_id = message.id
    # A redelivery of a message whose processing never finished (the process died) processes the first copy.
    process_stored(message.duplicate_of_id if message.status == "duplicate" else message_id)
    return db.session.get_one(InboundMessage, message_id, populate_existing=True)


def process_stored(message_id: int | None) -> str | None:
    """Process a stored message if it is still waiting; the status it ends with, None when it was not waiting."""
    if message_id is None:
        return None
    try:
        claimed = rowcount(db.session.execute(
            update(InboundMessage).where(InboundMessage.id == message_id, InboundMessage.status == "received")
            .values(attempts=InboundMessage.attempts + 1), execution_options={"synchronize_session": False}))
        if claimed != 1:
            db.session.rollback()
            return None
        message = db.session.get_one(InboundMessage, message_id, populate_existing=True)
        operations.process(message)
        db.session.commit()
        return message.status
    except Exception as error:  # noqa: BLE001 - kept as "failed" with the error, for "process again"
        db.session.rollback()
        log.exception("processing inbound message %s failed", message_id)
        _record_failure(message_id, error)
        return "failed"


def _record_failure(message_id: int, error: Exception) -> None:
    try:
        db.session.execute(update(InboundMessage).where(InboundMessage.id == message_id,
                                                        InboundMessage.status == "received")
                           .values(status="failed", reason="error", processed_at=clock.now(),
                                   detail=f"{type(error).__name__}: {error}"[:2000]),
                           execution_options={"synchronize_session": False})
        db.session.commit()
    except Exception:  # noqa: BLE001 - the row stays "received": `flask mail inbound process` takes it up
        db.session.rollback()
        log.exception("could not record the failure of inbound message %s", message_id)


def process_waiting(include_failed: bool = False, limit: int | None = None) -> dict[str, int]:
    """Process the messages left waiting (a crash, a database outage), and the failed ones when asked."""
    if include_failed:
        db.session.execute(update(InboundMessage).where(InboundMessage.status == "failed")
                           .values(status="received", reason=None), execution_options={"synchronize_session": False})
        db.session.commit()
    statement = select(InboundMessage.id).where(InboundMessage.status == "received").order_by(InboundMessage.id)
    ids = list(db.session.scalars(statement.limit(limit) if limit else statement))
    db.session.commit()
    outcomes: dict[str, int] = {}
    for message_id in ids:
        status = process_stored(message_id)
        if status:
            outcomes[status] = outcomes.get(status, 0) + 1
    return outcomes
