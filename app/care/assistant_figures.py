"""The assistant's figures on the care dashboard, the CSV and `flask care report`: pure functions of the
period's sessions (app/care/queries.py `assistant_sessions`).

Definitions (the page says them too):
- Sessions: questions put to the assistant in the period (on /help, the ask page's check, the API).
- Solved by the assistant: the customer pressed "This solved it" and did not hand the question over.
- Handed over: a question was posted from the session.
- Abandoned: neither, ASSISTANT_ABANDONED_AFTER_HOURS after the session began; until then it is still open.
- A session's product: the posted question's tags when handed over, else the product of the best thread the
  assistant matched; the hand-over share per product is handed over ÷ sessions.
- Fell through: sessions not solved (handed over, abandoned, or "Not what I need"), grouped by their two most
  telling words (stemmed: "descaling" and "descale" meet). A group is shown when it has at least
  FELL_THROUGH_MIN_SESSIONS sessions or a handed-over question: customers' words stay private (the brand
  team sees them counted, or in the question they chose to post).
Sessions are deleted after ASSISTANT_RETENTION_DAYS: a period reaching further back counts only what is kept.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

FELL_THROUGH_MIN_SESSIONS = 2
FELL_THROUGH_SHOWN = 10


@dataclass(frozen=True)
class PostedQuestion:
    id: int
    title: str
    slug: str


@dataclass(frozen=True)
class SessionRow:
    created_at: datetime
    outcome: str  # answer | related | nothing
    feedback: str | None  # solved | not_helpful
    handed_over: bool
    products: tuple[str, ...]
    topic: str
    topic_words: str
    question: PostedQuestion | None  # the public question it became


@dataclass(frozen=True)
class ProductShare:
    product: str | None  # None: no product known
    sessions: int
    handed_over: int
    solved: int

    @property
    def share(self) -> float | None:
        return self.handed_over / self.sessions if self.sessions else None


@dataclass(frozen=True)
class FellThrough:
    words: str
    sessions: int
    handed_over: int
    questions: tuple[PostedQuestion, ...]


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class AssistantFigures:
    rows: list[SessionRow]
    now: datetime
    since: datetime
    abandoned_after: timedelta
    retention_days: int

    def _solved(self, row: SessionRow) -> bool:
        return row.feedback == "solved" and not row.handed_over

    def _abandoned(self, row: SessionRow) -> bool:
        return not row.handed_over and row.feedback != "solved" and self.now - row.created_at >= self.abandoned_after

    @property
    def sessions(self) -> int:
        return len(self.rows)

    @property
    def solved(self) -> int:
        return sum(self._solved(r) for r in self.rows)

    @property
    def handed_over(self) -> int:
        return sum(r.handed_over for r in self.rows)

    @property
    def abandoned(self) -> int:
        return sum(self._abandoned(r) for r in self.rows)

    @property
    def still_open(self) -> int:
        return self.sessions - self.solved - self.handed_over - self.abandoned

    @property
    def found_nothing(self) -> int:
        return sum(r.outcome == "nothing" for r in self.rows)

    @property
    def solved_share(self) -> float | None:
        return _share(self.solved, self.sessions)

    @property
    def handed_over_share(self) -> float | None:
        return _share(self.handed_over, self.sessions)

    @property
    def abandoned_share(self) -> float | None:
        return _share(self.abandoned, self.sessions)

    @property
    def kept_since(self) -> datetime | None:
        """When the period reaches back beyond what is kept: the oldest moment sessions are kept from."""
        kept = self.now - timedelta(days=self.retention_days)
        return kept if self.since < kept else None

    @property
    def by_product(self) -> list[ProductShare]:
        counts: dict[str | None, list[int]] = defaultdict(lambda: [0, 0, 0])
        for row in self.rows:
            for product in row.products or (None,):
                counts[product][0] += 1
                counts[product][1] += row.handed_over
                counts[product][2] += self._solved(row)
        shares = [ProductShare(product, *values) for product, values in counts.items()]
        return sorted(shares, key=lambda s: (-s.sessions, s.product is None, s.product or ""))

    @property
    def fell_through(self) -> list[FellThrough]:
        groups: dict[str, list[SessionRow]] = defaultdict(list)
        for row in self.rows:
            if row.topic and not self._solved(row) and (row.handed_over or row.feedback == "not_helpful"
                                                          or self._abandoned(row)):
                groups[row.topic].append(row)
        shown = []
        for rows in groups.values():
            questions = tuple(dict.fromkeys(r.question for r in rows if r.question is not None))
            if len(rows) < FELL_THROUGH_MIN_SESSIONS and not questions:
                continue
            # A lone session's words are shown only through the question its customer chose to post.
            words = max(rows, key=lambda r: r.created_at).topic_words if len(rows) >= FELL_THROUGH_MIN_SESSIONS else ""
            shown.append(FellThrough(words, len(rows), sum(r.handed_over for r in rows), questions))
        return sorted(shown, key=lambda g: (-g.sessions, -g.handed_over, g.words))[:FELL_THROUGH_SHOWN]
