"""The one module that listens to the database session: what a flush or a DELETE statement wrote, and a
transaction about to commit, become events in the transaction (app/events.py), and the work the transaction
queued for after its commit goes to the dispatcher (app/dispatch.py), or is forgotten when it rolls back. It
also refuses every write of a request that may not write (a form whose CSRF token was refused, app/forms.py)."""

from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.orm import Session

from app import dispatch, events


def _after_flush(session, _flush_context) -> None:
    if events.listeners_of(events.RowsFlushed):
        events.emit(events.RowsFlushed(session, tuple(session.new), tuple(session.dirty), tuple(session.deleted)))


def _on_execute(state):
    """A DELETE statement removes rows no flush shows: run it, then say which table it touched."""
    if not state.is_delete or not events.listeners_of(events.RowsDeletedByStatement):
        return None
    result = state.invoke_statement()
    events.emit(events.RowsDeletedByStatement(state.session, state.statement.table.name))
    return result


def _before_commit(session) -> None:
    if session.in_nested_transaction() or not events.listeners_of(events.Committing):
        return
    session.flush()  # the commit's own flush comes after this hook: its rows' events first
    events.emit(events.Committing(session))


def _after_commit(session) -> None:
    if session.in_nested_transaction():  # a savepoint released: the transaction's work waits for its commit
        return
    dispatch.run(dispatch.take(session))


def _after_soft_rollback(session, previous_transaction) -> None:
    if not previous_transaction.nested:  # a savepoint's rollback leaves the outer transaction's work
        dispatch.forget(session)


@contextmanager
def writes_refused(session: Session, reason: str):
    """Nothing run inside may reach the database: a flush or a commit raises (with `reason`), and the caller
    rolls back."""

    def refuse(*_args, **_kwargs):
        raise RuntimeError(reason)

    event.listen(session, "before_flush", refuse)
    event.listen(session, "before_commit", refuse)
    try:
        yield
    finally:
        event.remove(session, "before_flush", refuse)
        event.remove(session, "before_commit", refuse)


def install(scoped_session) -> None:
    """Listen on the app's session factory (once per process, however many apps are created)."""
    for name, listener in (("after_flush", _after_flush), ("do_orm_execute", _on_execute),
                           ("before_commit", _before_commit), ("after_commit", _after_commit),
                           ("after_soft_rollback", _after_soft_rollback)):
        if not event.contains(scoped_session, name, listener):
            event.listen(scoped_session, name, listener)
