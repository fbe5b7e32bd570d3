"""Badge rules: each takes a badge and an optional set of user ids (None = everyone) and returns the
grants it qualifies for. The incremental path (after an action) and `flask badges backfill` share them.
Each rule is registered, by `@rule(...)`, under the catalogue slugs of the badges it decides.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import aliased

from app.badges.catalog import BY_SLUG, Badge
from app.extensions import db
from app.models import Answer, Comment, Question, Revision, User, Vote, confirmed_solutions, question_tags


@dataclass(frozen=True)
class Grant:
    user_id: int
    award_key: str = ""
    post_id: int | None = None
    tag_id: int | None = None


Rule = Callable[[Badge, set[int] | None], list[Grant]]
RULES: dict[str, Rule] = {}  # catalogue slug -> the rule that decides that badge


def rule(*slugs: str) -> Callable[[Rule], Rule]:
    """Register the decorated function as the rule of these catalogue badges (each badge has exactly one)."""
    if not slugs:
        raise TypeError("a rule decides at least one badge")

    def register(function: Rule) -> Rule:
        for slug in slugs:
            if slug not in BY_SLUG:
                raise LookupError(f"{function.__name__}: no badge {slug!r} in the catalogue")
            if slug in RULES:
                raise ValueError(f"{function.__name__}: {slug!r} is decided by {RULES[slug].__name__} already")
        RULES.update(dict.fromkeys(slugs, function))
        return function

    return register


def for_badge(badge: Badge) -> Rule:
    return RULES[badge.slug]


def _for_users(query, column, user_ids):
    return query if user_ids is None else query.where(column.in_(user_ids))


# Questions and answers share a table: aliases (built once, they are costly) tell them apart in joins.
PARENT = aliased(Question)
ACCEPTED = aliased(Answer)


def _live_answers():
    """Answers that count: not deleted, on a live question, with a known author."""
    question = PARENT
    return question, (select(Answer).join(question, question.id == Answer.parent_id)
                      .where(Answer.deleted_at.is_(None), question.deleted_at.is_(None),
                             Answer.author_id.is_not(None)))


def _good(question):
    """Accepted by someone other than the author, or marked official by the brand."""
    return or_(question.accepted_answer_id == Answer.id, Answer.official_at.is_not(None))


@rule("helper", "problem-solver", "community-expert")
def accepted_answers(badge, user_ids):
    question, live = _live_answers()
    query = (live.with_only_columns(Answer.author_id).where(question.accepted_answer_id == Answer.id,
                                                            question.author_id != Answer.author_id)
             .group_by(Answer.author_id).having(func.count() >= badge.threshold))
    return [Grant(u) for u in db.session.scalars(_for_users(query, Answer.author_id, user_ids))]


@rule("solved-it", "fixer", "troubleshooter")
def confirmed_solved(badge, user_ids):
    solved = confirmed_solutions().subquery("solved").c
    query = select(solved.author_id).group_by(solved.author_id).having(func.count() >= badge.threshold)
    return [Grant(u) for u in db.session.scalars(_for_users(query, solved.author_id, user_ids))]


@rule("verified-expert")
def official_answers(badge, user_ids):
    _, live = _live_answers()
    query = (live.with_only_columns(Answer.author_id).where(Answer.official_at.is_not(None))
             .group_by(Answer.author_id).having(func.count() >= badge.threshold))
    return [Grant(u) for u in db.session.scalars(_for_users(query, Answer.author_id, user_ids))]


@rule("brand-verified")
def official_answer(badge, user_ids):
    _, live = _live_answers()
    query = live.with_only_columns(Answer.author_id, Answer.id).where(Answer.official_at.is_not(None))
    return [Grant(u, f"post:{a}", a) for u, a in db.session.execute(_for_users(query, Answer.author_id, user_ids))]


@rule("trusted-advisor")
def trusted_advisor(badge, user_ids):
    question, live = _live_answers()
    good = func.sum(case((_good(question), 1), else_=0))
    query = (live.with_only_columns(Answer.author_id, func.count(), good).group_by(Answer.author_id)
             .having(func.count() >= badge.threshold))
    rows = db.session.execute(_for_users(query, Answer.author_id, user_ids))
    return [Grant(u) for u, total, good_count in rows if (good_count or 0) >= 0.6 * total]


@rule("rapid-responder")
def rapid_responder(badge, user_ids):
    question, live = _live_answers()
    any_answer = aliased(Answer)
    first = select(any_answer.parent_id.label("question_id"), func.min(any_answer.created_at).label("at")).where(
        any_answer.deleted_at.is_(None))
    if user_ids is not None:  # only the questions these users answered, not the whole forum
        first = first.where(any_answer.parent_id.in_(select(Answer.parent_id).where(Answer.author_id.in_(user_ids))))
    first = first.group_by(any_answer.parent_id).subquery()
    query = (live.with_only_columns(Answer.author_id, Answer.id, Answer.created_at, question.created_at, first.c.at)
             .join(first, first.c.question_id == question.id))
    query = _for_users(query.where(_good(question)), Answer.author_id, user_ids)
    limit = timedelta(minutes=badge.threshold)
    return [Grant(u, f"post:{a}", a) for u, a, answered, asked, first_at in db.session.execute(query)
            if answered == first_at and answered - asked <= limit]


@rule("product-expert-bronze", "product-expert-silver", "product-expert-gold")
def product_expert(badge, user_ids):
    question, live = _live_answers()
    query = (live.with_only_columns(Answer.author_id, question_tags.c.tag_id)
             .join(question_tags, question_tags.c.question_id == question.id).where(_good(question))
             .group_by(Answer.author_id, question_tags.c.tag_id).having(func.count() >= badge.threshold))
    return [Grant(u, f"tag:{t}", None, t) for u, t in db.session.execute(_for_users(query, Answer.author_id, user_ids))]


def _scored(model, badge, user_ids):
    # For a few users (after a vote), "+ 0" keeps SQLite from reading every post above the threshold
    # through the (kind, score) index: it takes these authors' posts through the author index instead.
    score = model.score if user_ids is None else model.score + 0
    query = select(model.author_id, model.id).where(model.deleted_at.is_(None), model.author_id.is_not(None),
                                                    score >= badge.threshold)
    if model is Answer:
        _, live = _live_answers()
        query = live.with_only_columns(Answer.author_id, Answer.id).where(score >= badge.threshold)
    rows = db.session.execute(_for_users(query.order_by(model.id), model.author_id, user_ids)).all()
    if badge.repeatable:
        return [Grant(u, f"post:{p}", p) for u, p in rows]
    first: dict[int, int] = {}
    for user_id, post_id in rows:
        first.setdefault(user_id, post_id)
    return [Grant(u, "", p) for u, p in first.items()]


@rule("student", "nice-question", "good-question", "great-question")
def question_score(badge, user_ids):
    return _scored(Question, badge, user_ids)


@rule("teacher", "nice-answer", "good-answer", "great-answer")
def answer_score(badge, user_ids):
    return _scored(Answer, badge, user_ids)


@rule("necromancer")
def necromancer(badge, user_ids):
    question, live = _live_answers()
    query = live.with_only_columns(Answer.author_id, Answer.id, Answer.created_at, question.created_at)
    query = _for_users(query.where(Answer.score >= badge.threshold), Answer.author_id, user_ids)
    return [Grant(u, f"post:{a}", a) for u, a, answered, asked in db.session.execute(query)
            if answered - asked >= timedelta(days=60)]


@rule("scholar")
def scholar(badge, user_ids):
    answer = ACCEPTED
    query = (select(Question.author_id).join(answer, answer.id == Question.accepted_answer_id)
             .where(Question.deleted_at.is_(None), answer.author_id != Question.author_id).distinct())
    return [Grant(u) for u in db.session.scalars(_for_users(query, Question.author_id, user_ids)) if u]


@rule("editor")
def editor(badge, user_ids):
    query = select(Revision.author_id).where(Revision.number > 1, Revision.author_id.is_not(None)).distinct()
    return [Grant(u) for u in db.session.scalars(_for_users(query, Revision.author_id, user_ids))]


@rule("supporter", "critic")
def voter(badge, user_ids):
    query = select(Vote.user_id).where(Vote.value == badge.threshold).distinct()
    return [Grant(u) for u in db.session.scalars(_for_users(query, Vote.user_id, user_ids))]


@rule("commentator")
def commentator(badge, user_ids):
    query = (select(Comment.author_id).where(Comment.deleted_at.is_(None), Comment.author_id.is_not(None))
             .group_by(Comment.author_id).having(func.count() >= badge.threshold))
    return [Grant(u) for u in db.session.scalars(_for_users(query, Comment.author_id, user_ids))]


@rule("autobiographer")
def autobiographer(badge, user_ids):
    query = select(User.id).where(User.about != "", User.display_name != User.username)
    return [Grant(u) for u in db.session.scalars(_for_users(query, User.id, user_ids))]
