"""The care figures: one computation for the dashboard, the CSV export and `flask care report`.

Definitions (the page explains them too; times are UTC):
- Questions asked: asked in the period, not deleted, not hidden by flags (with the tag, if one is chosen).
- Customer needs: a question and its linked translations are one need; which figures count needs and which
  questions is said in app/care/needs.py.
- Response: the first answer, not deleted, by someone other than the asker.
- Response target (RESPONSE_TARGET_HOURS): a question *met* it when its response came within the target,
  *missed* it when the response came later or the target passed without one; it is *pending* while the
  target has not passed and no response came, and *closed* when it was closed without any response (a
  duplicate or off-topic question needs no answer). The headline share is met / (met + missed).
- Time to first answer: response time minus asking time, over the questions with a response; the median
  is the middle value (the mean of the two middle ones for an even count), the 90th percentile the
  nearest-rank value (the smallest time at least 90 % of the questions were answered within).
- Solved: the question has a live accepted answer or a live official answer. Time to solution: from
  asking until the earliest of those answers was posted.
- Solved by the community alone: the accepted answer is by a member outside the brand team and no
  live answer on the question is by the brand team; every other solved question was solved with staff.
- Still unanswered: not closed and no response yet; the share is of the questions asked.
- Time to claim: from asking until someone in the brand team first claimed the question ("I'm on it") or was
  assigned it (app/moderation/claims.py); the median over the claimed needs of the period, and of each week.
  Releasing or letting a claim lapse does not reset it; the response clock still counts from asking.
- Escalated: missed the target. Staff responsiveness: time from asking to the first brand-team action on
  the question (an answer, a comment on it or its answers, or a logged moderation action).
- Suggestion clicks not followed by a question: clicks on an ask-page suggestion made in the period
  (on a suggested question with the tag) by members, after which the same member posted no question
  within DEFLECTION_WINDOW_HOURS; clicks with no member known (account deleted) are left out.
- Top helpers: authors of the live answers to the period's questions that are accepted or official;
  accepted + official (an answer that is both counts twice).
- Unhappy: threads, as the care queue's Unhappy tab counts them (app/moderation/queue.py unhappy_signals: an
  open 'unhappy' signal on a thread not solved, or the asker saying it is still not solved; deleted posts
  left out). Open now: the threads in the tab now (with the product, if one is chosen). Found in the
  period: threads with such a signal raised in the period; dismissed: those of them with none left open.
- Flags: raised in the period, and handled (dismissed or acted on) in the period, with the median time to
  handle them.
- The assistant's sessions: app/care/assistant_figures.py.
- The askers' survey (satisfaction, rating, response rate): app/care/satisfaction_figures.py.
- Readers' "Was this helpful?" (per product, the worklist of pages called outdated): app/care/helpfulness_figures.py.
"""

import math
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import current_app

from app import clock
from app.care import needs, queries
from app.care.assistant_figures import AssistantFigures
from app.care.filters import Filters
from app.care.helpfulness_figures import HelpfulnessFigures
from app.care.queries import ClickFacts, FlagFacts, QuestionFacts, SignalFacts
from app.care.satisfaction_figures import SatisfactionFigures
from app.escalation import response_target

HOUR = 3600.0
# Histogram of time to first answer: each bin holds lower <= hours < upper.
BINS_HOURS = (0, 1, 4, 12, 24, 48, 168, math.inf)
TOP_HELPERS = 10


def deflection_window() -> timedelta:
    return timedelta(hours=current_app.config["CARE_DEFLECTION_WINDOW_HOURS"])


@dataclass(frozen=True)
class QuestionRow:
    """One question behind the figures (a CSV row)."""

    id: int
    title: str
    slug: str
    asked_at: datetime
    tags: tuple[str, ...]
    closed: bool
    response_at: datetime | None
    response_by_staff: bool
    target_status: str  # met | missed | pending | closed
    solved_at: datetime | None
    solved_by: str | None  # community | staff
    first_staff_action_at: datetime | None
    first_claimed_at: datetime | None = None

    @property
    def claim_seconds(self) -> float | None:
        return _seconds(self.asked_at, self.first_claimed_at)

    @property
    def response_seconds(self) -> float | None:
        return _seconds(self.asked_at, self.response_at)

    @property
    def solution_seconds(self) -> float | None:
        return _seconds(self.asked_at, self.solved_at)

    @property
    def staff_action_seconds(self) -> float | None:
        return _seconds(self.asked_at, self.first_staff_action_at)

    @property
    def escalated(self) -> bool:
        return self.target_status == "missed"

    @property
    def unanswered(self) -> bool:
        return self.response_at is None and not self.closed


def _seconds(start: datetime, end: datetime | None) -> float | None:
    return None if end is None else (end - start).total_seconds()


def question_row(q: QuestionFacts, staff: set[int], target: timedelta, now: datetime) -> QuestionRow:
    live = [a for a in q.answers if not a.deleted]
    response = next((a for a in live if a.author_id is None or a.author_id != q.author_id), None)
    if response is not None:
        status = "met" if response.created_at - q.asked_at <= target else "missed"
    elif q.closed:
        status = "closed"
    else:
        status = "missed" if now - q.asked_at > target else "pending"
    solving = [a for a in live if a.id == q.accepted_answer_id or a.official]
    accepted = next((a for a in live if a.id == q.accepted_answer_id), None)
    staff_answered = any(a.author_id in staff for a in live)
    solved_by = None
    if solving:
        community = accepted is not None and accepted.author_id not in staff and not staff_answered
        solved_by = "community" if community else "staff"
    return QuestionRow(q.id, q.title, q.slug, q.asked_at, tuple(q.tags), q.closed,
                       response.created_at if response else None, bool(response and response.author_id in staff),
                       status, min((a.created_at for a in solving), default=None), solved_by,
                       min(q.staff_actions, default=None), q.first_claimed_at)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def claim_median(rows: list[QuestionRow]) -> float | None:
    """Time to claim: from asking to the first claim (or assignment) by the brand team, over the claimed ones."""
    return median([s for r in rows if (s := r.claim_seconds) is not None])


def percentile(values: list[float], share: float) -> float | None:
    """Nearest rank: the smallest value at least `share` of the values are at or below."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


def fraction(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Week:
    start: date  # Monday, UTC
    asked: int
    met: int
    missed: int
    response_median: float | None
    claim_median: float | None = None

    @property
    def headline(self) -> float | None:
        return fraction(self.met, self.met + self.missed)


@dataclass(frozen=True)
class Bin:
    lower_hours: float
    upper_hours: float
    count: int


@dataclass(frozen=True)
class Helper:
    user_id: int
    accepted: int
    official: int

    @property
    def total(self) -> int:
        return self.accepted + self.official


@dataclass
class Report:
    filters: Filters
    now: datetime
    target_hours: float
    window_hours: float
    rows: list[QuestionRow]
    clicks: list[ClickFacts]
    signals: list[SignalFacts]
    flags: list[FlagFacts]
    helpers: list[Helper] = field(default_factory=list)
    assistant: AssistantFigures | None = None
    need_rows: list[QuestionRow] | None = None  # a question and its twins merged (None: every question alone)
    satisfaction: SatisfactionFigures | None = None
    helpfulness: HelpfulnessFigures | None = None  # readers' "Was this helpful?"

    @property
    def named_user_ids(self) -> set[int]:
        """The people the report names: the top helpers, and the answerers with enough ratings."""
        answerers = self.satisfaction.answerers if self.satisfaction else []
        return {h.user_id for h in self.helpers} | {a.user_id for a in answerers}

    @property
    def needs(self) -> list[QuestionRow]:
        return self.need_rows if self.need_rows is not None else self.rows

    @property
    def needs_asked(self) -> int:
        return len(self.needs)

    def _count(self, rows: list[QuestionRow] | None = None, **where) -> int:
        return sum(all(getattr(r, k) == v for k, v in where.items()) for r in (self.rows if rows is None else rows))

    # Response
    @property
    def asked(self) -> int:
        return len(self.rows)

    @property
    def met(self) -> int:
        return self._count(self.needs, target_status="met")

    @property
    def missed(self) -> int:
        return self._count(self.needs, target_status="missed")

    @property
    def pending(self) -> int:
        return self._count(self.needs, target_status="pending")

    @property
    def closed_unanswered(self) -> int:
        return self._count(self.needs, target_status="closed")

    @property
    def headline(self) -> float | None:
        return fraction(self.met, self.met + self.missed)

    @property
    def response_times(self) -> list[float]:
        return [s for r in self.needs if (s := r.response_seconds) is not None]

    @property
    def response_median(self) -> float | None:
        return median(self.response_times)

    @property
    def response_p90(self) -> float | None:
        return percentile(self.response_times, 0.9)

    @property
    def solved(self) -> int:
        return sum(r.solved_at is not None for r in self.rows)

    @property
    def solution_median(self) -> float | None:
        return median([s for r in self.rows if (s := r.solution_seconds) is not None])

    @property
    def unanswered(self) -> int:
        return sum(r.unanswered for r in self.needs)

    @property
    def unanswered_share(self) -> float | None:
        return fraction(self.unanswered, self.needs_asked)

    @property
    def oldest_unanswered(self) -> QuestionRow | None:
        return min((r for r in self.needs if r.unanswered), key=lambda r: (r.asked_at, r.id), default=None)

    # Who solved it
    @property
    def community_alone(self) -> int:
        return self._count(solved_by="community")

    @property
    def with_staff(self) -> int:
        return self._count(solved_by="staff")

    @property
    def community_share(self) -> float | None:
        return fraction(self.community_alone, self.solved)

    @property
    def staff_share(self) -> float | None:
        return fraction(self.with_staff, self.solved)

    @property
    def member_clicks(self) -> list[ClickFacts]:
        return [c for c in self.clicks if c.user_id is not None]

    @property
    def clicks_not_followed(self) -> int:
        return sum(not c.followed_by_question for c in self.member_clicks)

    @property
    def deflection_share(self) -> float | None:
        return fraction(self.clicks_not_followed, len(self.member_clicks))

    # Staff responsiveness
    @property
    def escalated(self) -> int:
        return sum(r.escalated for r in self.needs)

    @property
    def escalated_with_action(self) -> int:
        return sum(r.escalated and r.first_staff_action_at is not None for r in self.needs)

    @property
    def claimed(self) -> int:
        return sum(r.first_claimed_at is not None for r in self.needs)

    @property
    def claim_median(self) -> float | None:
        return claim_median(self.needs)

    @property
    def staff_action_median(self) -> float | None:
        return median([s for r in self.needs
                       if r.escalated and (s := r.staff_action_seconds) is not None])

    # Signals and flags
    @property
    def unhappy_open(self) -> int:
        return len({s.thread_id for s in self.signals if not s.dismissed})

    @property
    def _unhappy_found(self) -> dict[int, bool]:
        """Threads with a signal raised in the period → whether one is still open."""
        found: dict[int, bool] = {}
        for s in self.signals:
            if self._in_period(s.created_at):
                found[s.thread_id] = found.get(s.thread_id, False) or not s.dismissed
        return found

    @property
    def unhappy_found(self) -> int:
        return len(self._unhappy_found)

    @property
    def unhappy_dismissed(self) -> int:
        return sum(not still_open for still_open in self._unhappy_found.values())

    def _in_period(self, moment: datetime | None) -> bool:
        return moment is not None and self.filters.since <= moment < self.filters.until

    @property
    def flags_raised(self) -> int:
        return sum(self._in_period(f.created_at) for f in self.flags)

    @property
    def flags_still_open(self) -> int:
        return sum(self._in_period(f.created_at) and f.status == "open" for f in self.flags)

    @property
    def handled_flags(self) -> list[FlagFacts]:
        return [f for f in self.flags if f.status != "open" and self._in_period(f.resolved_at)]

    @property
    def flags_dismissed(self) -> int:
        return sum(f.status == "dismissed" for f in self.handled_flags)

    @property
    def flags_acted(self) -> int:
        return sum(f.status == "acted" for f in self.handled_flags)

    @property
    def flag_handling_median(self) -> float | None:
        return median([s for f in self.handled_flags if (s := _seconds(f.created_at, f.resolved_at)) is not None])

    # Charts
    @property
    def weeks(self) -> list[Week]:
        first, last = _monday(self.filters.since), _monday(self.filters.until - timedelta(microseconds=1))
        by_week: dict[date, list[QuestionRow]] = {}
        for r in self.needs:
            by_week.setdefault(_monday(r.asked_at), []).append(r)
        weeks = []
        start = first
        while start <= last:
            rows = by_week.get(start, [])
            weeks.append(Week(start, len(rows), sum(r.target_status == "met" for r in rows),
                              sum(r.target_status == "missed" for r in rows),
                              median([s for r in rows if (s := r.response_seconds) is not None]),
                              claim_median(rows)))
            start += timedelta(days=7)
        return weeks

    @property
    def histogram(self) -> list[Bin]:
        hours = [s / HOUR for s in self.response_times]
        return [Bin(lower, upper, sum(lower <= h < upper for h in hours))
                for lower, upper in zip(BINS_HOURS, BINS_HOURS[1:], strict=False)]


def _monday(moment: datetime) -> date:
    day = moment.date()
    return day - timedelta(days=day.weekday())


def top_helpers(facts: list[QuestionFacts], limit: int = TOP_HELPERS) -> list[Helper]:
    accepted: dict[int, int] = {}
    official: dict[int, int] = {}
    for q in facts:
        for a in q.answers:
            if a.deleted or a.author_id is None:
                continue
            if a.id == q.accepted_answer_id:
                accepted[a.author_id] = accepted.get(a.author_id, 0) + 1
            if a.official:
                official[a.author_id] = official.get(a.author_id, 0) + 1
    helpers = [Helper(user_id, accepted.get(user_id, 0), official.get(user_id, 0))
               for user_id in accepted.keys() | official.keys()]
    return sorted(helpers, key=lambda h: (-h.total, -h.accepted, h.user_id))[:limit]


def compute(filters: Filters, now: datetime | None = None) -> Report:
    """Every figure for the filters, from the database rows as they are now."""
    now = now or clock.now()
    staff = queries.staff_ids()
    facts = queries.question_facts(filters, staff)
    target = response_target()
    rows = [question_row(q, staff, target, now) for q in facts]
    window = deflection_window()
    config = current_app.config
    assistant = AssistantFigures(queries.assistant_sessions(filters), now, filters.since,
                                 timedelta(hours=config["ASSISTANT_ABANDONED_AFTER_HOURS"]),
                                 int(config["ASSISTANT_RETENTION_DAYS"]))
    return Report(filters, now, target.total_seconds() / HOUR, window.total_seconds() / HOUR, rows,
                  queries.suggestion_clicks(filters, window), queries.unhappy_signals(filters),
                  queries.flags(filters), top_helpers(facts), assistant, needs.need_rows(facts, rows, target, now),
                  SatisfactionFigures(queries.surveys(filters)),
                  HelpfulnessFigures(queries.reader_answers(filters)))
