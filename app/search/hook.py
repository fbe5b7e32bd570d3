"""The one indexing hook. In the user's transaction, `after_flush` marks the questions whose question,
answers, comments, tags or FAQ entry changed (`search_pending` rows, committed or rolled back with the change),
and `do_orm_execute` those whose score an UPDATE statement moves (votes: the score ranks and sorts results);
`after_commit` indexes them in a session of its own. Operations know nothing of search."""

import secrets
from itertools import chain

from sqlalchemy import event, func, select
from sqlalchemy.engine import Connection

from app import clock
from app.models import Comment, FaqEntry, Post, SearchPending

TOKEN = "search_token"


def upsert_marks(connection: Connection, question_ids: set[int], token: str) -> None:
    if not question_ids:
        return
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(SearchPending)
    statement = statement.on_conflict_do_update(
        index_elements=[SearchPending.question_id],
        set_={"token": statement.excluded.token, "marked_at": statement.excluded.marked_at})
    now = clock.now()
    connection.execute(statement, [{"question_id": i, "token": token, "marked_at": now}
                                   for i in sorted(question_ids)])


def _changed_questions(session) -> set[int]:
    question_ids, commented = set(), set()
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, Post) and obj.id is not None:
            question_ids.add(obj.id if obj.kind == "question" else obj.parent_id)
        elif isinstance(obj, Comment) and obj.post_id is not None:
            commented.add(obj.post_id)
        elif isinstance(obj, FaqEntry) and obj.question_id is not None:
            question_ids.add(obj.question_id)  # in_faq is part of the document
    if commented:  # a comment may be on an answer: its question is the answer's parent
        question_ids.update(session.connection().scalars(
            select(func.coalesce(Post.parent_id, Post.id)).where(Post.id.in_(commented))))
    question_ids.discard(None)
    return question_ids


def _after_flush(session, _flush_context) -> None:
    question_ids = _changed_questions(session)
    if question_ids:
        token = session.info.setdefault(TOKEN, secrets.token_hex(16))
        upsert_marks(session.connection(), question_ids, token)


def _on_execute(state) -> None:
    """Votes move a post's score with an UPDATE statement (never through a loaded object, so concurrent
    votes all count), which `after_flush` cannot see: mark the questions of the posts it updates."""
    if not state.is_update or state.bind_mapper is None or not issubclass(state.bind_mapper.class_, Post):
        return
    statement = state.statement
    if Post.__table__.c.score not in (getattr(statement, "_values", None) or {}):
        return
    connection, affected = state.session.connection(), select(func.coalesce(Post.parent_id, Post.id))
    if statement.whereclause is not None:
        affected = affected.where(statement.whereclause)
    question_ids = set(connection.scalars(affected))
    if question_ids:
        upsert_marks(connection, question_ids, state.session.info.setdefault(TOKEN, secrets.token_hex(16)))


def _after_commit(session) -> None:
    token = session.info.pop(TOKEN, None)
    if token is not None:
        from app.search import indexing

        indexing.index_after_commit(token)


def _after_rollback(session, previous_transaction) -> None:
    if not previous_transaction.nested:
        session.info.pop(TOKEN, None)  # the marks were rolled back with the change


def install(scoped_session) -> None:
    """Listen on the app's session factory (once per process, however many apps are created)."""
    for name, listener in (("after_flush", _after_flush), ("after_commit", _after_commit),
                           ("after_soft_rollback", _after_rollback), ("do_orm_execute", _on_execute)):
        if not event.contains(scoped_session, name, listener):
            event.listen(scoped_session, name, listener)
