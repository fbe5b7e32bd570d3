"""What readers said to "Was this helpful?" on a question page, counted, as the brand team's question page, the
Review due tab and the routing to it read it (the satisfaction package records the answers; readers never see
the counts)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select

from app.extensions import db
from app.models import DOUBTING_REASONS, HELPFUL_REASONS, VisitorFeedback


@dataclass(frozen=True)
class Helpfulness:
    """The readers of one page who answered, how many said Yes, and the reasons given after a No."""
    readers: int = 0
    helpful: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    @property
    def not_helpful(self) -> int:
        return self.readers - self.helpful

    @property
    def helpful_share(self) -> float | None:
        return self.helpful / self.readers if self.readers else None

    @property
    def doubting(self) -> int:
        """Readers who said the answer is outdated or did not work: what calls it into question."""
        return sum(self.reasons.get(reason, 0) for reason in DOUBTING_REASONS)

    @property
    def doubting_share(self) -> float | None:
        return self.doubting / self.readers if self.readers else None

    def reason_counts(self) -> list[tuple[str, int]]:
        """Every reason with its count, in the order the form lists them."""
        return [(reason, self.reasons.get(reason, 0)) for reason in HELPFUL_REASONS]


def tallies(question_ids, since: datetime | None = None) -> dict[int, Helpfulness]:
    """Each page's tally, from the answers given since `since` (every answer without it); pages nobody
    answered on are left out."""
    ids = set(question_ids)
    if not ids:
        return {}
    statement = (select(VisitorFeedback.question_id, VisitorFeedback.helpful, VisitorFeedback.reason, func.count())
                 .where(VisitorFeedback.question_id.in_(ids))
                 .group_by(VisitorFeedback.question_id, VisitorFeedback.helpful, VisitorFeedback.reason))
    if since is not None:
        statement = statement.where(VisitorFeedback.created_at >= since)
    readers: Counter = Counter()
    helpful: Counter = Counter()
    reasons: dict[int, Counter] = {}
    for question_id, was_helpful, reason, count in db.session.execute(statement):
        readers[question_id] += count
        helpful[question_id] += count if was_helpful else 0
        if reason:
            reasons.setdefault(question_id, Counter())[reason] += count
    return {question_id: Helpfulness(readers[question_id], helpful[question_id], dict(reasons.get(question_id, {})))
            for question_id in readers}


def tally(question_id: int, since: datetime | None = None) -> Helpfulness:
    return tallies([question_id], since).get(question_id, Helpfulness())
