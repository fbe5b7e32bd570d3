"""Totals of the question lists ("12,345 questions") and the care queue, kept briefly: counting every live
question on each page view costs more than the rest of the page at 100,000 questions.

A kept total is keyed on the database's state, not on this process's memory: every transaction that writes a
post, tag, flag, signal or FAQ entry, moves a score or deletes such rows by statement moves the "lists" change
stamp (app/models/change_stamp.py) just before it commits, and a total is used only while the stamp it was
counted under is still the stamp in the database. So a question asked through one app server is counted at
once on every other; LIST_COUNT_CACHE_SECONDS bounds only what the stamp cannot see (the care queue's counts
of questions waiting longer than a time, which move with the clock) and writes made outside the application.
"""

import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, has_request_context, request
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import events, upsert
from app.extensions import db, read_connection
from app.models import ChangeStamp, FaqEntry, Flag, Post, PostSignal, Tag, question_tags

STAMP = "lists"
COUNTED = (Post, Tag, Flag, PostSignal, FaqEntry)  # what the lists and the care queue count
COUNTED_TABLES = {*(model.__tablename__ for model in COUNTED), question_tags.name}
DUE = "list counts changed"  # session.info key: this transaction wrote something the lists count
T = TypeVar("T")  # a total, or the care queue's totals by tab
READ_STAMP = select(ChangeStamp.value).where(ChangeStamp.name == STAMP)


READ_IN_REQUEST = "sportello.lists_stamp"  # request.environ key: the stamp read once for the request's totals


def stamp() -> int:
    """The lists' change stamp as the database has it (0 before the first counted write), read once per request:
    a list page asks for one total per language run."""
    if not has_request_context():
        return _read_stamp()
    if READ_IN_REQUEST not in request.environ:
        request.environ[READ_IN_REQUEST] = _read_stamp()
    return request.environ[READ_IN_REQUEST]


def _read_stamp() -> int:
    # Through the session's transaction when it has one; a kept list's request otherwise begins none.
    with read_connection() as connection:
        return connection.execute(READ_STAMP).scalar() or 0


class ListCounts:
    def __init__(self) -> None:
        self.values: dict[tuple, tuple[int, float, Any]] = {}

    def get(self, key: tuple, count: Callable[[], T]) -> T:
        seconds = current_app.config["LIST_COUNT_CACHE_SECONDS"]
        if not seconds:
            return count()
        key = (current_app.config["SQLALCHEMY_DATABASE_URI"], *key)
        # The stamp is read before counting: a write committed in between moves it, and the next reader counts.
        now, current = time.monotonic(), stamp()
        cached = self.values.get(key)
        if cached and cached[0] == current and cached[1] > now:
            return cached[2]
        total = count()
        self.values[key] = (current, now + seconds, total)
        return total


list_counts = ListCounts()


def _due(session: Session) -> None:
    session.info[DUE] = True


def on_rows_flushed(event: events.RowsFlushed) -> None:
    if next(iter(event.written(*COUNTED)), None) is not None:
        _due(event.session)


def on_rows_deleted(event: events.RowsDeletedByStatement) -> None:
    if event.table in COUNTED_TABLES:
        _due(event.session)


def on_score_changed(_event: events.ScoreChanged) -> None:
    """The unanswered tab counts questions without an answer of positive score."""
    _due(db.session())


def on_committing(event: events.Committing) -> None:
    """Move the stamp in the committing transaction itself: a reader elsewhere sees the change and the new
    stamp together. Last, so that the stamp's row is locked only for the instant before the commit (two
    writers never wait on each other's stamp while holding other rows). A transaction rolled back leaves its
    mark for the session's next commit: one needless recount at most."""
    if not event.session.info.pop(DUE, False):
        return
    if has_request_context():  # a total read after this commit in the same request is counted under the new stamp
        request.environ.pop(READ_IN_REQUEST, None)
    session = event.session
    insert = upsert.insert(session.get_bind().dialect.name)
    table = ChangeStamp.__table__
    session.execute(insert(table).values(name=STAMP, value=1).on_conflict_do_update(
        index_elements=[table.c.name], set_={"value": table.c.value + 1}))


def init_app(app) -> None:
    events.subscribe(events.RowsFlushed, on_rows_flushed)
    events.subscribe(events.RowsDeletedByStatement, on_rows_deleted)
    events.subscribe(events.ScoreChanged, on_score_changed)
    events.subscribe(events.Committing, on_committing)
