"""Which pages belong in a search engine's index: thin pages get `noindex` and stay out of the sitemaps.

Each rule exists twice, as a Python predicate for the page and as an SQL condition for the sitemap, side
by side here so they cannot drift apart.
"""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, exists, not_, or_, select
from sqlalchemy.orm import aliased

from app import clock
from app.extensions import db
from app.models import Post, Question, User


def thin_question_cutoff() -> datetime:
    return clock.now() - timedelta(days=current_app.config["THIN_QUESTION_DAYS"])


def is_thin_question(question: Question) -> bool:
    """Nobody answered and nobody found it useful for a month: a page that helps no searcher.
    Deleted or hidden questions (only moderators see them) are never for the index either."""
    if not question.is_public:
        return True
    return question.answer_count == 0 and question.score <= 0 and question.created_at < thin_question_cutoff()


def indexable_question_condition(question=Question):
    """SQL twin of `not is_thin_question` for rows of Question (or of an alias of it)."""
    thin = and_(question.answer_count == 0, question.score <= 0, question.created_at < thin_question_cutoff())
    return and_(question.deleted_at.is_(None), question.hidden_at.is_(None), not_(thin))


def user_has_content_condition():
    """A user wrote a live question, or a live answer to a live question: their profile has something to show."""
    post, question = aliased(Post), aliased(Post)  # the kind is spelled out: exists() adds no inheritance filter
    live_question = exists().where(post.author_id == User.id, post.kind == "question", post.deleted_at.is_(None),
                                   post.hidden_at.is_(None))
    live_answer = exists().where(post.author_id == User.id, post.kind == "answer", post.deleted_at.is_(None),
                                 post.hidden_at.is_(None), question.id == post.parent_id,
                                 question.deleted_at.is_(None), question.hidden_at.is_(None))
    return or_(live_question, live_answer)


def is_thin_profile(user: User) -> bool:
    return not db.session.scalar(select(user_has_content_condition()).where(User.id == user.id)
                                 .select_from(User))

