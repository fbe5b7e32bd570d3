"""Reads behind the care figures: the questions asked in a period with their answers and the brand team's
actions on them, and the period's suggestion clicks, surveys, unhappy signals and flags. Plain values, no ORM
objects, so app.care.metrics computes every figure as a pure function of these rows."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from app.care.assistant_figures import PostedQuestion, SessionRow
from app.care.filters import Filters
from app.care.helpfulness_figures import PageAnswers
from app.care.satisfaction_figures import SurveyRow
from app.extensions import db
from app.models import (
    AssistantSession,
    Comment,
    Flag,
    ModerationAction,
    Post,
    QuestionClaim,
    QuestionTwin,
    SatisfactionSurvey,
    SuggestionClick,
    Tag,
    User,
    VisitorFeedback,
    question_tags,
)
from app.moderation.queue import unhappy_signals as unhappy_thread_signals

STAFF_ROLES = ("moderator", "admin")


@dataclass(frozen=True)
class AnswerFacts:
    id: int
    author_id: int | None
    created_at: datetime
    deleted: bool
    official: bool


@dataclass
class QuestionFacts:
    id: int
    title: str
    slug: str
    asked_at: datetime
    author_id: int | None
    closed: bool
    accepted_answer_id: int | None
    tags: list[str] = field(default_factory=list)
    answers: list[AnswerFacts] = field(default_factory=list)
    # When the brand team answered (deleted answers too), commented on the question or an answer, or
    # logged a moderation action on either: what it did, not only what is still visible.
    staff_actions: list[datetime] = field(default_factory=list)
    twin_group_id: int | None = None  # linked to its translations: one customer need with them (app/care/needs.py)
    first_claimed_at: datetime | None = None  # when someone in the team first said "I'm on it" (or was assigned it)


def staff_ids() -> set[int]:
    """The brand team by today's roles (a member promoted later counts as staff for old posts too)."""
    return set(db.session.scalars(select(User.id).where(User.role.in_(STAFF_ROLES))))


def _tagged(question_id, tag: Tag | None):
    if tag is None:
        return True
    return question_id.in_(select(question_tags.c.question_id).where(question_tags.c.tag_id == tag.id))


def _cohort(filters: Filters):
    """Questions asked in the period, neither deleted nor hidden by flags, with the tag if one is chosen."""
    return select(Post.id).where(Post.kind == "question", Post.created_at >= filters.since,
                                 Post.created_at < filters.until, Post.deleted_at.is_(None),
                                 Post.hidden_at.is_(None), _tagged(Post.id, filters.tag))


def question_facts(filters: Filters, staff: set[int]) -> list[QuestionFacts]:
    cohort = _cohort(filters)
    questions = {row.id: QuestionFacts(row.id, row.title, row.slug, row.created_at, row.author_id,
                                       row.closed_reason is not None, row.accepted_answer_id)
                 for row in db.session.execute(
                     select(Post.id, Post.title, Post.slug, Post.created_at, Post.author_id, Post.closed_reason,
                            Post.accepted_answer_id).where(Post.id.in_(cohort)).order_by(Post.created_at, Post.id))}
    parent_of = {}
    for row in db.session.execute(select(Post.id, Post.parent_id, Post.author_id, Post.created_at, Post.deleted_at,
                                         Post.official_at)
                                  .where(Post.kind == "answer", Post.parent_id.in_(cohort))
                                  .order_by(Post.created_at, Post.id)):
        parent_of[row.id] = row.parent_id
        questions[row.parent_id].answers.append(AnswerFacts(row.id, row.author_id, row.created_at,
                                                            row.deleted_at is not None, row.official_at is not None))
    for question_id, name in db.session.execute(select(question_tags.c.question_id, Tag.name)
                                                .join(Tag, Tag.id == question_tags.c.tag_id)
                                                .where(question_tags.c.question_id.in_(cohort)).order_by(Tag.name)):
        questions[question_id].tags.append(name)
    _add_staff_actions(questions, parent_of, cohort, staff)
    for question_id, group_id in db.session.execute(select(QuestionTwin.question_id, QuestionTwin.group_id)
                                                    .where(QuestionTwin.question_id.in_(cohort))):
        questions[question_id].twin_group_id = group_id
    for question_id, claimed_at in db.session.execute(select(QuestionClaim.question_id, QuestionClaim.first_claimed_at)
                                                      .where(QuestionClaim.question_id.in_(cohort))):
        questions[question_id].first_claimed_at = claimed_at
    return list(questions.values())


def _add_staff_actions(questions: dict[int, QuestionFacts], parent_of: dict[int, int], cohort,
                       staff: set[int]) -> None:
    for question in questions.values():
        question.staff_actions = [a.created_at for a in question.answers if a.author_id in staff]
    if not staff or not questions:
        return
    thread = select(Post.id).where(or_(Post.id.in_(cohort), Post.parent_id.in_(cohort)))
    comments = select(Comment.post_id, Comment.created_at).where(Comment.author_id.in_(staff),
                                                                 Comment.post_id.in_(thread))
    actions = select(ModerationAction.target_id, ModerationAction.created_at).where(
        ModerationAction.target_type == "post", ModerationAction.target_id.in_(thread),
        ModerationAction.moderator_id.in_(staff))
    for post_id, created_at in [*db.session.execute(comments), *db.session.execute(actions)]:
        questions[parent_of.get(post_id, post_id)].staff_actions.append(created_at)


@dataclass(frozen=True)
class ClickFacts:
    clicked_at: datetime
    user_id: int | None
    # Whether the same member posted a question within the window after the click.
    followed_by_question: bool


def suggestion_clicks(filters: Filters, window: timedelta) -> list[ClickFacts]:
    clicks = db.session.execute(select(SuggestionClick.clicked_at, SuggestionClick.user_id).where(
        SuggestionClick.clicked_at >= filters.since, SuggestionClick.clicked_at < filters.until,
        _tagged(SuggestionClick.question_id, filters.tag)).order_by(SuggestionClick.clicked_at)).all()
    users = {user_id for _, user_id in clicks if user_id is not None}
    asked = defaultdict(list)
    if users:
        for author_id, created_at in db.session.execute(
                select(Post.author_id, Post.created_at).where(
                    Post.kind == "question", Post.author_id.in_(users), Post.created_at >= filters.since,
                    Post.created_at <= filters.until + window)):
            asked[author_id].append(created_at)
    return [ClickFacts(clicked_at, user_id, any(clicked_at <= t <= clicked_at + window for t in asked[user_id]))
            for clicked_at, user_id in clicks]


def _question_of_post():
    return func.coalesce(Post.parent_id, Post.id)


@dataclass(frozen=True)
class SignalFacts:
    thread_id: int
    created_at: datetime
    dismissed: bool


def unhappy_signals(filters: Filters) -> list[SignalFacts]:
    """The signals that make threads unhappy, as the care queue's Unhappy tab defines them: those raised in the
    period (open or dismissed since), and those open now whenever they were raised."""
    signals = unhappy_thread_signals().subquery()
    raised = (signals.c.created_at >= filters.since) & (signals.c.created_at < filters.until)
    rows = db.session.execute(select(signals.c.thread_id, signals.c.created_at, signals.c.dismissed_at)
                              .where(raised | signals.c.dismissed_at.is_(None),
                                     _tagged(signals.c.thread_id, filters.tag))
                              .order_by(signals.c.created_at, signals.c.id))
    return [SignalFacts(thread_id, created_at, dismissed_at is not None)
            for thread_id, created_at, dismissed_at in rows]


@dataclass(frozen=True)
class FlagFacts:
    created_at: datetime
    status: str  # open | dismissed | acted
    resolved_at: datetime | None


def flags(filters: Filters) -> list[FlagFacts]:
    """Flags raised or handled in the period."""
    raised = (Flag.created_at >= filters.since) & (Flag.created_at < filters.until)
    handled = (Flag.resolved_at >= filters.since) & (Flag.resolved_at < filters.until)
    rows = db.session.execute(select(Flag.created_at, Flag.status, Flag.resolved_at)
                              .join(Post, Post.id == Flag.post_id)
                              .where(raised | handled, _tagged(_question_of_post(), filters.tag))
                              .order_by(Flag.created_at, Flag.id))
    return [FlagFacts(*row) for row in rows]


def assistant_sessions(filters: Filters) -> list[SessionRow]:
    """The period's assistant sessions (with the tag: matched to it, or handed over as a question carrying it), each
    with its products and, when handed over, its question while public. Never what the customer typed."""
    condition = (AssistantSession.created_at >= filters.since) & (AssistantSession.created_at < filters.until)
    if filters.tag is not None:
        condition &= (AssistantSession.tag_id == filters.tag.id) | _tagged(AssistantSession.question_id, filters.tag)
    rows = db.session.execute(select(
        AssistantSession.created_at, AssistantSession.outcome, AssistantSession.feedback,
        AssistantSession.handed_over_at, AssistantSession.tag_id, AssistantSession.question_id,
        AssistantSession.topic, AssistantSession.topic_words).where(condition)
        .order_by(AssistantSession.created_at, AssistantSession.id)).all()
    question_ids = {row.question_id for row in rows if row.question_id is not None}
    questions = {row.id: PostedQuestion(row.id, row.title, row.slug) for row in db.session.execute(
        select(Post.id, Post.title, Post.slug).where(Post.id.in_(question_ids), Post.deleted_at.is_(None),
                                                     Post.hidden_at.is_(None)))} if question_ids else {}
    question_tag_names = defaultdict(list)
    if question_ids:
        for question_id, name in db.session.execute(select(question_tags.c.question_id, Tag.name).join(
                Tag, Tag.id == question_tags.c.tag_id).where(question_tags.c.question_id.in_(question_ids))
                .order_by(Tag.name)):
            question_tag_names[question_id].append(name)
    matched = dict(db.session.execute(select(Tag.id, Tag.name).where(
        Tag.id.in_({row.tag_id for row in rows if row.tag_id is not None}))).all())
    return [SessionRow(row.created_at, row.outcome, row.feedback, row.handed_over_at is not None,
                       tuple(question_tag_names[row.question_id]) if row.question_id in question_tag_names
                       else ((matched[row.tag_id],) if row.tag_id in matched else ()),
                       row.topic, row.topic_words, questions.get(row.question_id)) for row in rows]


def surveys(filters: Filters) -> list[SurveyRow]:
    """The askers' surveys asked in the period about questions not deleted (with the tag), each with its question's
    products and the author of the answer it was about. Never the asker's comment."""
    survey, question, answer = SatisfactionSurvey, aliased(Post, name="surveyed"), aliased(Post, name="surveyed_answer")
    asked = (select(survey.id).join(question, question.id == survey.question_id)
             .where(survey.asked_at >= filters.since, survey.asked_at < filters.until, question.deleted_at.is_(None),
                    _tagged(survey.question_id, filters.tag)))
    rows = db.session.execute(
        select(survey.asked_at, survey.answered_at, survey.outcome, survey.rating, survey.question_id,
               answer.author_id).outerjoin(answer, answer.id == survey.answer_id)
        .where(survey.id.in_(asked)).order_by(survey.asked_at, survey.id)).all()
    products = defaultdict(list)
    for question_id, name in db.session.execute(
            select(question_tags.c.question_id, Tag.name).join(Tag, Tag.id == question_tags.c.tag_id)
            .where(question_tags.c.question_id.in_(asked.with_only_columns(survey.question_id))).order_by(Tag.name)):
        products[question_id].append(name)
    return [SurveyRow(row.asked_at, row.answered_at is not None, row.outcome, row.rating,
                      tuple(products[row.question_id]), row.author_id) for row in rows]


def reader_answers(filters: Filters) -> list[PageAnswers]:
    """Readers' "Was this helpful?" answers given in the period on pages of questions not deleted (with the tag),
    counted per page and (helpful, reason), each with the page's title and products. Never who gave them."""
    feedback = VisitorFeedback
    counted = db.session.execute(
        select(feedback.question_id, Post.title, Post.slug, feedback.helpful, feedback.reason, func.count())
        .join(Post, Post.id == feedback.question_id)
        .where(feedback.created_at >= filters.since, feedback.created_at < filters.until,
               Post.deleted_at.is_(None), _tagged(feedback.question_id, filters.tag))
        .group_by(feedback.question_id, Post.title, Post.slug, feedback.helpful, feedback.reason)
        .order_by(feedback.question_id)).all()
    products = defaultdict(list)
    question_ids = {row[0] for row in counted}
    if question_ids:
        for question_id, name in db.session.execute(
                select(question_tags.c.question_id, Tag.name).join(Tag, Tag.id == question_tags.c.tag_id)
                .where(question_tags.c.question_id.in_(question_ids)).order_by(Tag.name)):
            products[question_id].append(name)
    return [PageAnswers(question_id, title, slug, helpful, reason, count, tuple(products[question_id]))
            for question_id, title, slug, helpful, reason, count in counted]


def users_by_id(ids) -> dict[int, User]:
    ids = set(ids)
    return {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
