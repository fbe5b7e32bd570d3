"""Pending marks: the questions an index kept beside the database (search, the assistant) must write again.

A mark is a row (question, token, time) written in the transaction of the change, so it exists exactly when
the change was committed. Each transaction marks with a token of its own and the index clears only the marks
it read, so a mark a concurrent change wrote meanwhile survives until that change is indexed too. After the
commit the outbox named for the index (app/dispatch.py) gets the token."""

import secrets

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from app import clock, dispatch, upsert


def write(connection: Connection, model, question_ids: set[int], token: str) -> None:
    """Mark (or mark again, with this token) these questions in `model`'s table."""
    if not question_ids:
        return
    statement = upsert.insert(connection.dialect.name)(model)
    statement = statement.on_conflict_do_update(
        index_elements=[model.question_id],
        set_={"token": statement.excluded.token, "marked_at": statement.excluded.marked_at})
    now = clock.now()
    connection.execute(statement, [{"question_id": i, "token": token, "marked_at": now}
                                   for i in sorted(question_ids)])


def mark(session: Session, model, outbox: str, question_ids: set[int]) -> None:
    """In the user's transaction: mark these questions, and have `outbox` index them after the commit."""
    if question_ids:
        write(session.connection(), model, question_ids, transaction_token(session, outbox))


def transaction_token(session: Session, outbox: str) -> str:
    """This transaction's token for `outbox` (a new one for each transaction: the dispatcher forgets the
    pending work at commit and rollback)."""
    tokens = dispatch.pending(session, outbox)
    if not tokens:
        tokens.add(secrets.token_hex(16))
    return next(iter(tokens))
