"""Writing the assistant's index (tables in the database, so every app server reads the same one):
re-index marked questions after a commit, sync what a failure left, rebuild everything, check for drift.

A term's stored weight (`impact`) is BM25's saturated, length-normalised frequency; its rarity (idf)
is applied when a question is matched, from the vocabulary's counts, so a new passage never rewrites
the others. The average length that normalises it is the one in force when the passage was written;
a rebuild renormalises everything.
"""

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import delete, func, insert, select, text, tuple_
from sqlalchemy.orm import Session

from app import clock, pending_marks, upsert
from app.assistant import passages as builder
from app.assistant import semantic
from app.assistant.passages import Passage
from app.extensions import db
from app.models import AssistantPassage, AssistantPending, AssistantStatistics, AssistantTerm, AssistantVocabulary

log = logging.getLogger(__name__)
K1, B = 1.2, 0.75  # BM25's saturation and length normalisation
IMPACT_SCALE = 1000
BATCH = 200
LEFTOVER_AGE = timedelta(seconds=30)
LEFTOVERS_PER_WRITE = 20
KINDS = ("question", "answer")
WRITER_LOCK_NAMESPACE = 7404  # advisory lock keys (7403 is the search index's per-question locks)


def new_session() -> Session:
    return Session(db.engine)


def impact(weight: float, length: float, average_length: float) -> int:
    """BM25's term-frequency factor, scaled to an integer (at least 1: a stored term always counts)."""
    norm = K1 * (1 - B + B * length / average_length) if average_length else K1
    return max(1, round(weight * (K1 + 1) / (weight + norm) * IMPACT_SCALE))


def _upsert(session: Session, model, key: str, rows: list[dict], counters: tuple[str, ...]) -> None:
    """Add to counter columns, creating rows as needed (one statement, safe between app servers)."""
    if not rows:
        return
    statement = upsert.insert(session.get_bind().dialect.name)(model)
    statement = statement.on_conflict_do_update(
        index_elements=[getattr(model, key)],
        set_={c: getattr(model, c) + getattr(statement.excluded, c) for c in counters})
    session.execute(statement, rows)


def _average_lengths(session: Session) -> dict[str, float]:
    return {kind: total / count if count else 0.0 for kind, count, total in session.execute(
        select(AssistantStatistics.kind, AssistantStatistics.passages, AssistantStatistics.total_length))}


def _remove(session: Session, question_ids: list[int]) -> None:
    """Take these questions' passages out, with their share of the counts."""
    old = session.execute(select(AssistantPassage.id, AssistantPassage.kind, AssistantPassage.length)
                          .where(AssistantPassage.question_id.in_(question_ids))).all()
    if not old:
        return
    ids = [row.id for row in old]
    terms = Counter(session.scalars(select(AssistantTerm.term).where(AssistantTerm.passage_id.in_(ids))))
    _upsert(session, AssistantVocabulary, "term", [{"term": t, "passages": -n} for t, n in terms.items()],
            ("passages",))
    by_kind: dict[str, list[float]] = {}
    for row in old:
        by_kind.setdefault(row.kind, []).append(row.length)
    _upsert(session, AssistantStatistics, "kind", [
        {"kind": kind, "passages": -len(lengths), "total_length": -sum(lengths)} for kind, lengths in by_kind.items()],
        ("passages", "total_length"))
    session.execute(delete(AssistantVocabulary).where(AssistantVocabulary.term.in_(list(terms)),
                                                      AssistantVocabulary.passages <= 0))
    session.execute(delete(AssistantTerm).where(AssistantTerm.passage_id.in_(ids)))
    session.execute(delete(AssistantPassage).where(AssistantPassage.id.in_(ids)))


def _write(session: Session, written: list[Passage], average: dict[str, float]) -> None:
    """Insert passages and their terms, weighted with these average lengths."""
    if not written:
        return
    vectors = semantic.passage_vectors([p.text for p in written]) if semantic.enabled() else [None] * len(written)
    ids = list(session.scalars(insert(AssistantPassage).returning(AssistantPassage.id, sort_by_parameter_order=True), [
        {"question_id": p.question_id, "answer_id": p.answer_id, "kind": p.kind, "language": p.language,
         "length": p.length, "is_accepted": p.is_accepted, "is_official": p.is_official,
         "review_due_at": p.review_due_at, "stamp": p.stamp, "vector": vector}
        for p, vector in zip(written, vectors, strict=True)]))
    session.execute(insert(AssistantTerm), [
        {"passage_id": passage_id, "term": term, "impact": impact(weight, p.length, average.get(p.kind) or p.length)}
        for passage_id, p in zip(ids, written, strict=True) for term, weight in p.terms.items()])
    terms = Counter(term for p in written for term in p.terms)
    _upsert(session, AssistantVocabulary, "term", [{"term": t, "passages": n} for t, n in terms.items()],
            ("passages",))


def _count(session: Session, written: list[Passage]) -> None:
    by_kind: dict[str, list[float]] = {}
    for p in written:
        by_kind.setdefault(p.kind, []).append(p.length)
    _upsert(session, AssistantStatistics, "kind", [
        {"kind": kind, "passages": len(lengths), "total_length": sum(lengths)} for kind, lengths in by_kind.items()],
        ("passages", "total_length"))


def take_turn(session: Session) -> None:
    """One index writer at a time, whichever app server it runs in (PostgreSQL; SQLite has one writer anyway).
    Every write moves the shared counts (statistics, vocabulary) after its own rows, so two writers at once
    could each hold what the other needs next. The lock is the index's own, not the questions' rows: a user's
    transaction marks a question (assistant_pending) before it may update the question's row, while a writer
    clears marks after reading the question, and holding the row meanwhile deadlocked the two."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:ns, 0)"), {"ns": WRITER_LOCK_NAMESPACE})


def reindex_questions(session: Session, question_ids: list[int]) -> int:
    """Replace these questions' passages with what the database holds now (flushes, never commits)."""
    ids = sorted(set(question_ids))
    take_turn(session)
    _remove(session, ids)
    built = [p for thread in builder.build(session, ids).values() for p in thread]
    _count(session, built)
    _write(session, built, _average_lengths(session))
    return len(built)


def index_marks(marks: dict[int, str]) -> None:
    """Re-index these questions, then clear exactly the marks read (a newer mark stays for its change)."""
    if not marks:
        return
    with new_session() as session:
        reindex_questions(session, list(marks))
        session.execute(delete(AssistantPending).where(
            tuple_(AssistantPending.question_id, AssistantPending.token).in_(list(marks.items()))))
        session.commit()


def index_committed(tokens: frozenset[str]) -> None:
    """The outbox's drain (app/dispatch.py): what the committed transactions marked."""
    for token in tokens:
        index_after_commit(token)


def index_after_commit(token: str) -> bool:
    """After a user's commit: what that transaction marked, then a few marks an earlier failure left.
    Never raises: on failure the marks stay for the next write or `flask assistant sync`."""
    try:
        while _index_some(AssistantPending.token == token, BATCH):
            pass
        _index_some(AssistantPending.marked_at < clock.now() - LEFTOVER_AGE, LEFTOVERS_PER_WRITE)
        return True
    except Exception:
        log.exception("assistant indexing failed: changes stay marked for the next write or `flask assistant sync`")
        return False


def _index_some(condition, limit: int) -> int:
    with new_session() as session:
        rows = session.execute(select(AssistantPending.question_id, AssistantPending.token).where(condition)
                               .order_by(AssistantPending.marked_at).limit(limit)).all()
    index_marks(dict(rows))
    return len(rows)


def sync(progress: Callable[[int], None] = lambda n: None) -> int:
    """Re-index every marked question, oldest first; returns how many."""
    done = 0
    while True:
        with new_session() as session:
            rows = session.execute(select(AssistantPending.question_id, AssistantPending.token)
                                   .order_by(AssistantPending.marked_at).limit(BATCH)).all()
        if not rows:
            return done
        index_marks(dict(rows))
        done += len(rows)
        progress(len(rows))


@dataclass
class RebuildReport:
    questions: int
    passages: int
    seconds: float


def rebuild(progress: Callable[[int], None] = lambda n: None,
            on_start: Callable[[int], None] = lambda n: None) -> RebuildReport:
    """Rebuild the whole index in one transaction (readers see the old one until it commits). Two passes:
    the first measures every passage (BM25 normalises by the average length), the second writes."""
    started = time.perf_counter()
    with new_session() as session:
        ids = builder.matchable_ids(session)
        on_start(2 * len(ids))
        totals: dict[str, list[float]] = {kind: [0, 0.0] for kind in KINDS}
        for chunk in _chunks(ids):
            for p in (p for thread in builder.build(session, chunk).values() for p in thread):
                totals[p.kind][0] += 1
                totals[p.kind][1] += p.length
            progress(len(chunk))
        take_turn(session)
        for model in (AssistantTerm, AssistantPassage, AssistantVocabulary, AssistantStatistics, AssistantPending):
            session.execute(delete(model))
        average = {kind: total / count if count else 0.0 for kind, (count, total) in totals.items()}
        written = 0
        for chunk in _chunks(ids):
            built = [p for thread in builder.build(session, chunk).values() for p in thread]
            _write(session, built, average)
            written += len(built)
            progress(len(chunk))
        session.execute(insert(AssistantStatistics), [
            {"kind": kind, "passages": count, "total_length": total} for kind, (count, total) in totals.items()])
        session.commit()
    semantic.forget()
    return RebuildReport(len(ids), written, time.perf_counter() - started)


def _chunks(ids: list[int]):
    for start in range(0, len(ids), BATCH):
        yield ids[start:start + BATCH]


@dataclass
class Drift:
    missing: list[int] = field(default_factory=list)  # questions whose passages the index lacks
    extra: list[int] = field(default_factory=list)  # questions in the index that should not be
    stale: list[int] = field(default_factory=list)  # passages differ from what the database holds
    pending: int = 0

    @property
    def found(self) -> bool:
        return bool(self.missing or self.extra or self.stale)


def check() -> Drift:
    """Compare each question's passages (their stamps) with what the database would build now."""
    drift = Drift()
    with new_session() as session:
        indexed: dict[int, list[str]] = {}
        vectors_needed = semantic.enabled()
        for question_id, stamp, has_vector in session.execute(select(
                AssistantPassage.question_id, AssistantPassage.stamp, AssistantPassage.vector.is_not(None))):
            # A passage without its vector while the model is on counts as out of date.
            indexed.setdefault(question_id, []).append(stamp if has_vector or not vectors_needed else "")
        for chunk in _chunks(builder.matchable_ids(session)):
            for question_id, thread in builder.build(session, chunk).items():
                stamps = indexed.pop(question_id, None)
                if stamps is None:
                    drift.missing.append(question_id)
                elif sorted(stamps) != sorted(p.stamp for p in thread):
                    drift.stale.append(question_id)
        drift.extra = sorted(indexed)
        drift.pending = session.scalar(select(func.count()).select_from(AssistantPending)) or 0
    return drift


def mark(question_ids: list[int]) -> None:
    """Mark questions for `sync` (to repair drift found by `check`)."""
    with new_session() as session:
        pending_marks.write(session.connection(), AssistantPending, set(question_ids), "repair")
        session.commit()
