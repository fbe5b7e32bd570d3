"""Reads for account pages."""

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import Answer, Question, User


def get_user(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


def list_user_questions(user: User, page: int, per_page: int):
    query = (select(Question).where(Question.author_id == user.id, Question.deleted_at.is_(None),
                                    Question.hidden_at.is_(None))  # hidden after flags: no page to link to
             .order_by(Question.created_at.desc()))
    return _paginate(query, Question.id, page, per_page)


def list_user_answers(user: User, page: int, per_page: int):
    question = aliased(Question)
    query = (select(Answer).where(Answer.author_id == user.id, Answer.deleted_at.is_(None), Answer.hidden_at.is_(None))
             .join(question, Answer.question).where(question.deleted_at.is_(None), question.hidden_at.is_(None))
             .order_by(Answer.created_at.desc()))
    return _paginate(query, Answer.id, page, per_page)


def _paginate(query, key, page: int, per_page: int):
    """Counted over the key alone: a count over whole rows makes SQLite read each post's text."""
    listing = db.paginate(query, page=page, per_page=per_page, error_out=False, count=False)
    listing.total = db.session.scalar(select(func.count()).select_from(
        query.with_only_columns(key).order_by(None).subquery()))
    return listing
