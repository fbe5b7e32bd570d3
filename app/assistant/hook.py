"""Keeping the assistant's index current: in the user's transaction, `after_flush` marks the questions whose
question, answers, comments or FAQ entry changed (`assistant_pending` rows, committed or rolled back with
the change); `after_commit` re-indexes them in a session of its own. Operations know nothing of it."""

import secrets
from itertools import chain

from sqlalchemy import event, func, select
from sqlalchemy.engine import Connection

from app import clock
from app.models import AssistantPending, Comment, FaqEntry, Post

TOKEN = "assistant_token"


def upsert_marks(connection: Connection, question_ids: set[int], token: str) -> None:
    if not question_ids:
        return
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(AssistantPending)
    statement = statement.on_conflict_do_update(
        index_elements=[AssistantPending.question_id],
        set_={"token": statement.excluded.token, "marked_at": statement.excluded.marked_at})
    now = clock.now()
    connection.execute(statement, [{"question_id": i, "token": token, "marked_at": now}
                                   for i in sorted(question_ids)])


def changed_questions(session) -> set[int]:
    """Questions whose matchable text or status this flush touches."""
    question_ids, commented = set(), set()
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, Post) and obj.id is not None:
            question_ids.add(obj.id if obj.kind == "question" else obj.parent_id)
        elif isinstance(obj, Comment) and obj.post_id is not None:
            commented.add(obj.post_id)
        elif isinstance(obj, FaqEntry) and obj.question_id is not None:
            question_ids.add(obj.question_id)
    if commented:
        question_ids.update(session.connection().scalars(
            select(func.coalesce(Post.parent_id, Post.id)).where(Post.id.in_(commented))))
    question_ids.discard(None)
    return question_ids


def _after_flush(session, _flush_context) -> None:
    question_ids = changed_questions(session)
    if question_ids:
        upsert_marks(session.connection(), question_ids, session.info.setdefault(TOKEN, secrets.token_hex(16)))


def _after_commit(session) -> None:
    token = session.info.pop(TOKEN, None)
    if token is not None:
        from app.assistant import index

        index.index_after_commit(token)


def _after_rollback(session, previous_transaction) -> None:
    if not previous_transaction.nested:
        session.info.pop(TOKEN, None)


def install(scoped_session) -> None:
    """Listen on the app's session factory (once per process, however many apps are created)."""
    for name, listener in (("after_flush", _after_flush), ("after_commit", _after_commit),
                           ("after_soft_rollback", _after_rollback)):
        if not event.contains(scoped_session, name, listener):
            event.listen(scoped_session, name, listener)
