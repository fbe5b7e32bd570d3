"""Keeping the index in step with the database: index what is marked pending, sync, rebuild, check.

Marks (`search_pending` rows) are written in the user's transaction (app/search/listeners.py); everything here
runs after the commit, in its own short session, and a failure only leaves the marks for the next try.
"""

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from flask import current_app
from sqlalchemy import ColumnElement, Engine, delete, select, tuple_
from sqlalchemy.orm import Session

from app import clock, pending_marks
from app.extensions import db
from app.models import SearchPending
from app.search import documents
from app.search.backend import Backend, IndexBusy

log = logging.getLogger(__name__)
BATCH = 500
# Marks older than this were left by a failed write; each later write also takes a few of them.
LEFTOVER_AGE = timedelta(seconds=30)
LEFTOVERS_PER_WRITE = 20


def backend() -> Backend:
    chosen: Backend = current_app.extensions["search"]
    return chosen


def new_session() -> Session:
    return Session(db.engine)


def app_engine() -> Engine:
    return db.engine


def index_marks(marks: dict[int, str]) -> None:
    """Write these questions' current documents (or remove them), then clear exactly the marks that were
    read: a mark rewritten meanwhile by another change stays for that change. Raises on failure."""
    if not marks:
        return
    search, ids = backend(), sorted(marks)
    with new_session() as session:
        with search.batch(ids) as batch:  # read the rows only once the index is ours: no older overwrite
            built = documents.build(session, ids)
            for question_id in ids:
                if question_id in built:
                    batch.put(built[question_id])
                else:
                    batch.remove(question_id)
        if not search.is_rebuilding():  # a running rebuild catches up from the marks after its swap
            pairs = [(question_id, token) for question_id, token in marks.items()]
            session.execute(delete(SearchPending).where(
                tuple_(SearchPending.question_id, SearchPending.token).in_(pairs)))
            session.commit()


def index_committed(tokens: frozenset[str]) -> None:
    """The outbox's drain (app/dispatch.py): what the committed transactions marked."""
    for token in tokens:
        index_after_commit(token)


def index_after_commit(token: str) -> bool:
    """After a user's commit: index what that transaction marked (in batches: an import may mark
    thousands), then a few marks an earlier failure left. Never raises: on failure the marks stay for
    the next write or `flask search sync`. Returns success."""
    try:
        while _index_some(SearchPending.token == token, BATCH):
            if backend().is_rebuilding():  # the marks stay (for the rebuild's catch-up): don't loop on them
                break
        _index_some(SearchPending.marked_at < clock.now() - LEFTOVER_AGE, LEFTOVERS_PER_WRITE)
        return True
    except IndexBusy:
        log.warning("search index busy: changes stay marked for the next write or `flask search sync`")
    except Exception:
        log.exception("search indexing failed: changes stay marked for the next write or `flask search sync`")
    return False


def _index_some(condition: ColumnElement[bool], limit: int) -> int:
    with new_session() as session:
        rows = session.execute(select(SearchPending.question_id, SearchPending.token).where(condition)
                               .order_by(SearchPending.marked_at).limit(limit)).all()
    index_marks(dict(rows))
    return len(rows)


def sync(progress: Callable[[int], None] = lambda n: None) -> int:
    """Index every pending mark, oldest first; returns how many questions were indexed."""
    done, seen = 0, set[int]()
    while True:
        with new_session() as session:
            rows = session.execute(select(SearchPending.question_id, SearchPending.token)
                                   .where(SearchPending.question_id.not_in(seen))
                                   .order_by(SearchPending.marked_at).limit(BATCH)).all()
        if not rows:
            return done
        index_marks(dict(rows))
        seen.update(question_id for question_id, _ in rows)  # a busy loop never repeats a question
        done += len(rows)
        progress(len(rows))


def document_batches(session: Session, ids: list[int], size: int = BATCH) -> Iterator[list[documents.SearchDocument]]:
    for start in range(0, len(ids), size):
        chunk = ids[start:start + size]
        built = documents.build(session, chunk)
        yield [built[i] for i in chunk if i in built]


@dataclass
class RebuildReport:
    documents: int
    seconds: float
    caught_up: int

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def rebuild(progress: Callable[[int], None] = lambda n: None,
            on_start: Callable[[int], None] = lambda n: None) -> "RebuildReport":
    """Rebuild the whole index from the database (into a new generation, swapped in at the end), then
    index what changed while it ran."""
    started = time.perf_counter()
    with new_session() as session:
        ids = documents.searchable_ids(session)
        on_start(len(ids))
        count = backend().rebuild(document_batches(session, ids), progress)
    seconds = time.perf_counter() - started
    return RebuildReport(count, seconds, sync())


@dataclass
class Drift:
    missing: list[int] = field(default_factory=list)  # in the database, not in the index
    extra: list[int] = field(default_factory=list)  # in the index, deleted or gone from the database
    stale: list[int] = field(default_factory=list)  # in both, but the index has an older version
    pending: int = 0

    @property
    def found(self) -> bool:
        return bool(self.missing or self.extra or self.stale)


def check() -> Drift:
    """Compare every searchable question's document stamp with the index's copy."""
    indexed, drift = backend().stamps(), Drift()
    with new_session() as session:
        ids = documents.searchable_ids(session)
        for batch in document_batches(session, ids):
            for document in batch:
                stamp = indexed.pop(document.question_id, None)
                if stamp is None:
                    drift.missing.append(document.question_id)
                elif stamp != document.stamp:
                    drift.stale.append(document.question_id)
        drift.extra = sorted(indexed)
        drift.pending = len(session.scalars(select(SearchPending.question_id)).all())
    return drift


def mark(question_ids: list[int]) -> None:
    """Mark questions for `sync` (used to repair drift found by `check`)."""
    with new_session() as session:
        pending_marks.write(session.connection(), SearchPending, set(question_ids), "repair")
        session.commit()
