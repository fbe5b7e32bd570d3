"""The care queue: who is waiting, for how long against the response target, and what needs a look."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import aliased, defer, lazyload, load_only, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from app import clock, team_work
from app.escalation import is_escalated, urgency
from app.extensions import db
from app.handovers import handover_details
from app.helpfulness import Helpfulness, tallies
from app.i18n import lazy_gettext as _l
from app.models import (
    Answer,
    AssistantHandover,
    FaqEntry,
    Flag,
    InboundMessage,
    Post,
    PostSignal,
    Question,
    QuestionClaim,
)
from app.moderation.queue_filters import NO_FILTERS, QueueFilters
from app.questions.list_counts import list_counts

TABS = ("waiting", "unresolved", "unhappy", "flags", "review", "personal", "held")
# One name per tab, shown by the queue and by the care dashboard's figures that count the same threads.
TAB_NAMES = {"waiting": _l("Waiting"), "unresolved": _l("Unresolved"), "unhappy": _l("Unhappy"), "flags": _l("Flags"),
             "review": _l("Review due"), "personal": _l("Personal data"), "held": _l("Held e-mail")}
# Whose questions the waiting and unresolved tabs list: claimed by the reader, claimed by nobody, or every one.
WHO = ("all", "mine", "unassigned")
LIMIT = 100
PER_PAGE = 50  # rows on a page of the waiting and unresolved tabs


def _live_questions(filters: QueueFilters):
    return filters.apply(select(Question).where(Question.deleted_at.is_(None), Question.hidden_at.is_(None),
                                                Question.closed_reason.is_(None)), Question.id)


def _waiting(filters: QueueFilters = NO_FILTERS):
    return _live_questions(filters).where(Question.answer_count == 0)


def _thread_of_post():
    return func.coalesce(Post.parent_id, Post.id)


def _unresolved(now: datetime, filters: QueueFilters = NO_FILTERS):
    days = current_app.config["UNRESOLVED_AFTER_DAYS"]
    still_unsolved = select(PostSignal.post_id).where(PostSignal.kind == "still_unsolved",
                                                      PostSignal.dismissed_at.is_(None))
    stale = ((Question.answer_count > 0) & Question.accepted_answer_id.is_(None)
             & ~Question.has_official_answer & (Question.created_at <= now - timedelta(days=days)))
    return _live_questions(filters).where(stale | Question.id.in_(still_unsolved))


UNHAPPY_KINDS = ("unhappy", "still_unsolved", "dissatisfied")
ASKER_SAID = ("still_unsolved", "dissatisfied")  # the asker's own word: it counts on a solved thread too


def unhappy_signals():
    """What makes a thread unhappy, one row per signal with its thread's id: an 'unhappy' signal on any of the
    thread's posts or comments while the thread is not solved (a solved thread's "it doesn't work" is history,
    and the asker's thanks are not a complaint), or the asker saying the solution did not solve it ("still not
    solved", or No or a low rating in the satisfaction survey). Deleted
    posts and deleted threads do not count. Open or dismissed: callers choose (the tab shows open ones, the
    dashboard also counts those dismissed in its period)."""
    thread = aliased(Question)
    solved = thread.accepted_answer_id.is_not(None) | thread.has_official_answer
    return (select(PostSignal.id, PostSignal.created_at, PostSignal.dismissed_at, thread.id.label("thread_id"))
            .join(Post, Post.id == PostSignal.post_id)
            .join(thread, thread.id == func.coalesce(Post.parent_id, Post.id))
            .where(PostSignal.kind.in_(UNHAPPY_KINDS), Post.deleted_at.is_(None), thread.deleted_at.is_(None),
                   PostSignal.kind.in_(ASKER_SAID) | ~solved))


def _open_unhappy(filters: QueueFilters = NO_FILTERS):
    signals = unhappy_signals().where(PostSignal.dismissed_at.is_(None))
    return filters.apply(signals, _thread_of_post()).subquery()


def _signals(kinds, filters: QueueFilters = NO_FILTERS):
    return filters.apply(select(PostSignal).join(Post, Post.id == PostSignal.post_id)
                         .where(PostSignal.kind.in_(kinds), PostSignal.dismissed_at.is_(None),
                                Post.deleted_at.is_(None)), _thread_of_post())


def _flagged_posts(filters: QueueFilters = NO_FILTERS):
    return filters.apply(select(Post.id).join(Flag, Flag.post_id == Post.id)
                         .where(Flag.status == "open", Post.deleted_at.is_(None)), _thread_of_post()).group_by(Post.id)


def _review_due(now: datetime, filters: QueueFilters = NO_FILTERS):
    # Through Post, with no kind condition (only answers carry a review date): given `kind = 'answer'`, SQLite
    # reads every answer from a kind index instead of the few due ones from the review-date index.
    return filters.apply(select(Post).where(Post.official_review_due_at <= now, Post.deleted_at.is_(None)),
                         Post.parent_id)


def _faq_review(filters: QueueFilters = NO_FILTERS):
    return filters.apply(select(FaqEntry).where(FaqEntry.needs_review_at.is_not(None)), FaqEntry.question_id)


def _held():
    """Received e-mails waiting for a moderator (app/inbound)."""
    return select(InboundMessage).where(InboundMessage.status == "held")


def counts(now: datetime | None = None, filters: QueueFilters = NO_FILTERS) -> dict[str, int]:
    """The tab counts (of the threads passing the filters); every moderator page shows them, so they are kept
    briefly (see ListCounts)."""
    if now is not None:
        return _counts(now, filters)
    return list_counts.get(("care queue", *filters.key()), lambda: _counts(clock.now(), filters))


def _counts(now: datetime, filters: QueueFilters) -> dict[str, int]:
    def count(query) -> int:
        # Counting one column: a subquery of whole rows makes SQLite read every post's text.
        lean = query.order_by(None).with_only_columns(query.selected_columns[0])
        return db.session.execute(select(func.count()).select_from(lean.subquery())).scalar_one()

    return {"waiting": count(_waiting(filters)), "unresolved": count(_unresolved(now, filters)),
            "unhappy": db.session.execute(select(func.count(_open_unhappy(filters).c.thread_id.distinct()))
                                          ).scalar_one(),
            "flags": count(_flagged_posts(filters)),
            "review": count(_review_due(now, filters)) + count(_faq_review(filters)),
            "personal": count(_signals(("personal_data",), filters)), "held": count(_held())}


@dataclass(frozen=True)
class Scope:
    """Whose questions a tab lists (WHO), for which moderator."""

    who: str = "all"
    moderator_id: int | None = None

    def apply(self, query, now: datetime):
        held = team_work.active_claims(now).with_only_columns(QuestionClaim.question_id)
        if self.who == "mine":
            return query.where(Question.id.in_(held.where(QuestionClaim.moderator_id == self.moderator_id)))
        if self.who == "unassigned":
            return query.where(Question.id.not_in(held))
        return query


@dataclass
class Row:
    question: Question
    urgency: str
    escalated: bool
    age: timedelta
    handover: AssistantHandover | None = None  # handed over by the assistant: what it had offered
    offered: list[Question] = field(default_factory=list)
    claim: QuestionClaim | None = None  # who in the team is on it now


# What a question row shows (title, link, age, answers, author, tags): not the posts' text.
_ROW_COLUMNS = load_only(Question.id, Question.kind, Question.title, Question.slug, Question.created_at,
                         Question.answer_count, Question.closed_reason, Question.author_id)


def _handed_over_ids(listed) -> list[int]:
    """The waiting questions (as `listed` chooses them) that the assistant handed over, read from the hand-overs:
    those since the oldest waiting question (a hand-over's time is its question's), each checked by its
    question's primary key. Asked from the questions' side, SQLite (which plans without statistics) walked
    every waiting question to find the few handed over."""
    oldest = listed.with_only_columns(Question.created_at).order_by(Question.created_at).limit(1).scalar_subquery()
    still_waiting = listed.with_only_columns(Question.id).where(Question.id == AssistantHandover.question_id)
    return list(db.session.scalars(select(AssistantHandover.question_id).where(
        AssistantHandover.handed_over_at >= oldest, still_waiting.exists())))


def waiting(now: datetime | None = None, page: int = 1, scope: Scope = Scope(),
            filters: QueueFilters = NO_FILTERS) -> list[Row]:
    """The questions handed over by the assistant first (the customer already tried it, and was told a person
    would answer), then the others; each part oldest first, so the escalated ones (past the target) lead it."""
    now = now or clock.now()
    listed = scope.apply(_waiting(filters), now)
    offset, order = (page - 1) * PER_PAGE, (Question.created_at, Question.id)
    handed_over = _handed_over_ids(listed)
    first = list(db.session.scalars(select(Question).where(Question.id.in_(handed_over)).options(_ROW_COLUMNS)
                                    .order_by(*order).offset(offset).limit(PER_PAGE))) if handed_over else []
    if len(first) < PER_PAGE:
        rest = db.session.scalars(listed.where(Question.id.not_in(handed_over)).options(_ROW_COLUMNS)
                                  .order_by(*order).offset(max(0, offset - len(handed_over)))
                                  .limit(PER_PAGE - len(first)))
        first += list(rest)
    handovers = handover_details([q.id for q in first])
    claims = team_work.claims_of([q.id for q in first], now)
    rows = []
    for q in first:
        handover, offered = handovers.get(q.id, (None, []))
        rows.append(Row(q, urgency(q.created_at, now), is_escalated(q, now), now - q.created_at, handover, offered,
                        claims.get(q.id)))
    return rows


def unresolved(now: datetime | None = None, page: int = 1, scope: Scope = Scope(),
               filters: QueueFilters = NO_FILTERS) -> list[Row]:
    now = now or clock.now()
    questions = list(db.session.scalars(scope.apply(_unresolved(now, filters), now).options(_ROW_COLUMNS)
                                        .order_by(Question.created_at, Question.id)
                                        .offset((page - 1) * PER_PAGE).limit(PER_PAGE)))
    claims = team_work.claims_of([q.id for q in questions], now)
    return [Row(q, urgency(q.created_at, now), False, now - q.created_at, claim=claims.get(q.id))
            for q in questions]


class QuestionPage(Pagination):
    """One page of the waiting or unresolved tab: rows read for that page, the total from the tab counts."""

    def _query_items(self) -> list:
        return self._query_args["rows"]

    def _query_count(self) -> int:
        return self._query_args["total"]


def question_page(tab: str, page: int, total: int, scope: Scope = Scope(),
                  filters: QueueFilters = NO_FILTERS) -> QuestionPage:
    """The waiting or unresolved tab a page at a time: each row costs a render, and every customer waiting
    is reachable, not only the oldest hundred. `total` is the tab's count (for the filters), for every question
    (`scope` all)."""
    page, now = max(page, 1), clock.now()
    rows = (waiting if tab == "waiting" else unresolved)(now, page, scope, filters)
    if scope.who != "all":
        listed = scope.apply(_waiting(filters) if tab == "waiting" else _unresolved(now, filters), now)
        total = db.session.execute(select(func.count()).select_from(
            listed.order_by(None).with_only_columns(Question.id).subquery())).scalar_one()
    return QuestionPage(rows=rows, total=total, page=page, per_page=PER_PAGE, error_out=False)


def tab_rows(tab: str, page: int, total: int, filters: QueueFilters = NO_FILTERS, scope: Scope = Scope()):
    """What a tab lists: the waiting and unresolved tabs a page at a time, the others their first LIMIT rows."""
    if tab in ("waiting", "unresolved"):
        return question_page(tab, page, total, scope, filters)
    if tab == "held":
        return held()
    if tab == "unhappy":
        return unhappy(filters)
    if tab == "flags":
        return flagged(filters)
    if tab == "review":
        return review(filters=filters)
    return personal(filters)


@dataclass
class UnhappyThread:
    question: Question
    signals: list[PostSignal]  # newest first


def unhappy(filters: QueueFilters = NO_FILTERS) -> list[UnhappyThread]:
    """One row per unhappy thread with all its open signals, the thread with the newest signal first."""
    open_signals = _open_unhappy(filters)
    newest = func.max(open_signals.c.created_at)
    latest = db.session.execute(select(open_signals.c.thread_id, newest).group_by(open_signals.c.thread_id)
                                .order_by(newest.desc(), open_signals.c.thread_id.desc()).limit(LIMIT)).all()
    thread_ids = [thread_id for thread_id, _ in latest]
    signal_ids = select(open_signals.c.id).where(open_signals.c.thread_id.in_(thread_ids))
    signals = db.session.scalars(select(PostSignal).where(PostSignal.id.in_(signal_ids))
                                 .options(selectinload(PostSignal.post))
                                 .order_by(PostSignal.created_at.desc(), PostSignal.id.desc())).all()
    questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(thread_ids)))}
    by_thread: dict[int, list[PostSignal]] = {thread_id: [] for thread_id in thread_ids}
    for signal in signals:
        by_thread[signal.post.question_id].append(signal)
    return [UnhappyThread(questions[thread_id], by_thread[thread_id]) for thread_id in thread_ids]


def personal(filters: QueueFilters = NO_FILTERS) -> list[PostSignal]:
    return list(db.session.scalars(_signals(("personal_data",), filters).order_by(PostSignal.created_at.desc())
                                   .limit(LIMIT)))


def held() -> list[InboundMessage]:
    """Oldest first, as the customers wait. Not yet questions: no product or language to filter by."""
    return list(db.session.scalars(_held().options(defer(InboundMessage.raw))
                                   .order_by(InboundMessage.received_at, InboundMessage.id).limit(LIMIT)))


@dataclass(frozen=True)
class FlaggedPost:
    """A row of the Flags tab: the post as flagged (its text, its author), the flags waiting, and those handled
    before (dismissed or acted on: the post's flag history)."""

    post: Post
    open_flags: list[Flag]
    history: list[Flag]

    @property
    def first_flagged_at(self) -> datetime:
        return self.open_flags[0].created_at


def flagged(filters: QueueFilters = NO_FILTERS) -> list[FlaggedPost]:
    """The flagged posts, the longest waiting first."""
    posts = db.session.scalars(select(Post).where(Post.id.in_(_flagged_posts(filters))).limit(LIMIT)).all()
    _set_questions([post for post in posts if isinstance(post, Answer)])
    flags = db.session.scalars(select(Flag).where(Flag.post_id.in_([p.id for p in posts]))
                               .order_by(Flag.created_at, Flag.id)).all()
    by_post: dict[int, tuple[list[Flag], list[Flag]]] = {p.id: ([], []) for p in posts}
    for flag in flags:
        by_post[flag.post_id][0 if flag.status == "open" else 1].append(flag)
    rows = [FlaggedPost(post, *by_post[post.id]) for post in posts]
    return sorted((row for row in rows if row.open_flags), key=lambda row: row.first_flagged_at)


def review(now: datetime | None = None, filters: QueueFilters = NO_FILTERS
           ) -> tuple[list[Answer], list[FaqEntry], dict[int, Helpfulness]]:
    """The answers and FAQ entries due for review, and what readers of their pages said ("Was this helpful?"):
    often the reason a review came early."""
    now = now or clock.now()
    answers = db.session.scalars(_review_due(now, filters).order_by(Post.official_review_due_at).limit(LIMIT)).all()
    _set_questions(answers)
    entries = db.session.scalars(_faq_review(filters).order_by(FaqEntry.needs_review_at).limit(LIMIT)).all()
    readers = tallies({a.parent_id for a in answers} | {e.question_id for e in entries})
    return list(answers), list(entries), readers


def _set_questions(answers: Sequence[Answer]) -> None:
    """The answers' questions in one read by primary key (a per-answer load, or one with a kind condition,
    costs a statement each or a scan of the kind index), set on the answers as if loaded with them."""
    parent_ids = {answer.question_id for answer in answers}
    if not parent_ids:
        return
    questions = {q.id: q for q in db.session.scalars(select(Post).where(Post.id.in_(parent_ids)).options(
        lazyload("*")))}
    for answer in answers:
        set_committed_value(answer, "question", questions.get(answer.question_id))
