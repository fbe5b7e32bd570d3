"""Reads for question pages and lists, each in a fixed number of queries."""

from collections import defaultdict

from flask import abort
from sqlalchemy import case, exists, select
from sqlalchemy.orm import aliased, selectinload

from app import permissions
from app.extensions import db
from app.models import Answer, Comment, Post, Question, Revision, Tag, TagRedirect, User, Vote

TABS = ("newest", "active", "unanswered", "votes")


def _answered():
    """An answer with a positive score exists (an accepted one counts separately)."""
    answer = aliased(Answer)  # same table as Question: alias it so the subquery correlates
    return exists().where(answer.parent_id == Question.id, answer.deleted_at.is_(None), answer.score > 0)


def list_questions(tab: str, page: int, per_page: int, tag: Tag | None = None):
    query = (select(Question).where(Question.deleted_at.is_(None), Question.hidden_at.is_(None))
             .options(selectinload(Question.tags)))
    if tag is not None:
        query = query.where(Question.tags.contains(tag))
    if tab == "active":
        query = query.order_by(Question.last_activity_at.desc(), Question.id.desc())
    elif tab == "unanswered":
        query = query.where(Question.accepted_answer_id.is_(None), ~_answered())
        query = query.order_by(Question.created_at.desc(), Question.id.desc())
    elif tab == "votes":
        query = query.order_by(Question.score.desc(), Question.created_at.desc())
    else:
        query = query.order_by(Question.created_at.desc(), Question.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def get_post(post_id: int, viewer: User | None) -> Post:
    """One question or answer, or 404 (hidden ones too, except for moderators); a deleted question is
    410 Gone, so search engines drop it at once."""
    post = db.session.get(Post, post_id)
    moderator = permissions.can_see_deleted(viewer)
    if post is None or (not post.is_public and not moderator):
        abort(410 if isinstance(post, Question) and post.deleted_at else 404)
    if isinstance(post, Answer) and not post.question.is_public and not moderator:
        abort(404)
    return post


def get_question(question_id: int, viewer: User | None) -> Question:
    post = get_post(question_id, viewer)
    if not isinstance(post, Question):
        abort(404)
    return post


def get_answer(answer_id: int, viewer: User | None) -> Answer:
    post = get_post(answer_id, viewer)
    if not isinstance(post, Answer):
        abort(404)
    return post


def list_answers(question: Question, viewer: User | None) -> list[Answer]:
    """Accepted first, then official (vouched for by the brand), then score, then oldest."""
    query = select(Answer).where(Answer.parent_id == question.id)
    if not permissions.can_see_deleted(viewer):
        query = query.where(Answer.deleted_at.is_(None), Answer.hidden_at.is_(None))
    accepted_first = case((Answer.id == question.accepted_answer_id, 0), else_=1)
    official_next = case((Answer.official_at.is_not(None), 0), else_=1)
    return list(db.session.scalars(query.order_by(accepted_first, official_next, Answer.score.desc(),
                                                  Answer.created_at, Answer.id)))


def comments_by_post(post_ids: list[int]) -> dict[int, list[Comment]]:
    grouped: dict[int, list[Comment]] = defaultdict(list)
    query = (select(Comment).where(Comment.post_id.in_(post_ids), Comment.deleted_at.is_(None))
             .order_by(Comment.created_at, Comment.id))
    for comment in db.session.scalars(query):
        grouped[comment.post_id].append(comment)
    return grouped


def votes_by_post(user: User | None, post_ids: list[int]) -> dict[int, int]:
    if user is None or not user.is_authenticated:
        return {}
    rows = db.session.execute(select(Vote.post_id, Vote.value).where(Vote.user_id == user.id,
                                                                     Vote.post_id.in_(post_ids)))
    return {post_id: value for post_id, value in rows}


def list_tags(order: str = "popular") -> list[Tag]:
    ordering = (Tag.name,) if order == "name" else (Tag.question_count.desc(), Tag.name)
    return list(db.session.scalars(select(Tag).order_by(*ordering)))


def find_renamed_tag(name: str) -> Tag | None:
    """The tag an old (renamed or merged) name now points to, if this name is no longer a tag."""
    if db.session.scalar(select(Tag.id).where(Tag.name == name.lower())) is not None:
        return None
    return db.session.scalar(select(Tag).join(TagRedirect, TagRedirect.tag_id == Tag.id)
                             .where(TagRedirect.old_name == name.lower()))


def get_tag(name: str) -> Tag:
    return db.session.scalar(select(Tag).where(Tag.name == name.lower())) or abort(404)


def list_revisions(post: Post) -> list[Revision]:
    return list(db.session.scalars(select(Revision).where(Revision.post_id == post.id)
                                   .order_by(Revision.number.desc())))


