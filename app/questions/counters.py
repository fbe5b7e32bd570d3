"""Rebuild the cached counters (post scores, answer counts, tag question counts) from primary rows."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Subquery, exists, func, select, update
from sqlalchemy.orm import aliased

from app import events
from app.extensions import db
from app.models import Answer, Post, Question, Tag, Vote, question_tags


@dataclass
class Drift:
    what: str
    row_id: int
    cached: int
    actual: int

    def __str__(self) -> str:
        return f"{self.what} #{self.row_id}: cached {self.cached}, actual {self.actual}"


def _score_truth():
    return (select(Vote.post_id, func.sum(Vote.value).label("n")).where(Vote.invalidated_at.is_(None))
            .group_by(Vote.post_id).subquery())


def _answer_count_truth():
    return (select(Answer.parent_id.label("question_id"), func.count().label("n"))
            .where(Answer.deleted_at.is_(None)).group_by(Answer.parent_id).subquery())


def _tag_count_truth():
    question = aliased(Question)
    return (select(question_tags.c.tag_id, func.count().label("n"))
            .join(question, question.id == question_tags.c.question_id)
            .where(question.deleted_at.is_(None)).group_by(question_tags.c.tag_id).subquery())


CHECKS: list[tuple[str, type[Post | Tag], str, Callable[[], Subquery], str]] = [
    # (label, model, cached column, true value, key of the true value)
    ("post score", Post, "score", _score_truth, "post_id"),
    ("question answer_count", Question, "answer_count", _answer_count_truth, "question_id"),
    ("tag question_count", Tag, "question_count", _tag_count_truth, "tag_id"),
]


def _official_drift() -> list[Drift]:
    """Questions whose 'has an official answer' flag disagrees with their answers."""
    answer = aliased(Answer)
    truth = exists().where(answer.parent_id == Question.id, answer.is_official, answer.deleted_at.is_(None),
                           answer.hidden_at.is_(None))
    rows = db.session.execute(select(Question.id, Question.has_official_answer).where(
        Question.has_official_answer != truth))
    return [Drift("question has_official_answer", row_id, int(cached), int(not cached)) for row_id, cached in rows]


def find_drift() -> list[Drift]:
    drift: list[Drift] = _official_drift()
    for what, model, column_name, truth_query, key in CHECKS:
        truth, column = truth_query(), getattr(model, column_name)
        actual = func.coalesce(truth.c.n, 0)
        rows = db.session.execute(
            select(model.id, column, actual).outerjoin(truth, truth.c[key] == model.id).where(column != actual))
        drift += [Drift(what, row_id, cached, int(real)) for row_id, cached, real in rows]
    return drift


def rebuild() -> int:
    """Set every cached counter to its true value; returns how many were wrong."""
    drift = find_drift()
    columns = {what: (model, column_name) for what, model, column_name, _, _ in CHECKS}
    columns["question has_official_answer"] = (Question, "has_official_answer")
    for item in drift:
        model, column_name = columns[item.what]
        value = bool(item.actual) if column_name == "has_official_answer" else item.actual
        db.session.execute(update(model).where(model.id == item.row_id).values({column_name: value}))
    rescored = frozenset(item.row_id for item in drift if columns[item.what][1] == "score")
    if rescored:
        events.emit(events.ScoreChanged(rescored))
    db.session.flush()
    return len(drift)
