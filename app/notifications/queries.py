"""Reads: the inbox, unread counts, followers and e-mail preferences (whether one follows: app/follows.py)."""

from typing import Any

from flask import abort
from sqlalchemy import ColumnElement, func, select

from app.extensions import db
from app.models import Comment, Follow, MailPreference, Notification, User, question_tags
from app.notifications import groups, kinds
from app.pagination import paginate_rows


def get_notification(notification_id: int, user: User) -> Notification:
    """One of the user's own notifications; someone else's does not exist for them."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        abort(404)
    return notification


def unread_count(user_id: int) -> int:
    """Unread entries as the inbox shows them: a group of notifications counts once."""
    unread_groups = (select(Notification.kind).where(Notification.user_id == user_id, Notification.read_at.is_(None))
                     .group_by(*groups.key_columns()).subquery())
    return db.session.scalar(select(func.count()).select_from(unread_groups)) or 0


def list_groups(user_id: int, order: str, page: int, per_page: int):
    """A page of the inbox's groups, newest first, or the unread ones first (each part newest first);
    `items` are groups.Group, each with its newest notification and the comments it quotes loaded."""
    newest_id, newest_at = func.max(Notification.id), func.max(Notification.created_at)
    query = (select(newest_id, func.count(Notification.id), Notification.read_at.is_(None))
             .where(Notification.user_id == user_id).group_by(*groups.key_columns()))
    ordering: list[ColumnElement[Any]] = [newest_at.desc(), newest_id.desc()]
    if order == "unread":
        ordering.insert(0, Notification.read_at.is_(None).desc())
    listing = paginate_rows(query.order_by(*ordering), page, per_page)
    newest = {n.id: n for n in db.session.scalars(select(Notification).where(
        Notification.id.in_([row[0] for row in listing.items])))}
    comment_ids = [n.comment_id for n in newest.values() if n.comment_id]
    if comment_ids:  # the excerpts quote them: one query, then found in the session
        db.session.scalars(select(Comment).where(Comment.id.in_(comment_ids))).all()
    listing.items = [groups.Group(newest[row[0]], row[1], bool(row[2])) for row in listing.items]
    return listing


def question_followers(question_id: int) -> list[User]:
    return list(db.session.scalars(select(User).join(Follow, Follow.user_id == User.id)
                                   .where(Follow.question_id == question_id).order_by(User.id)))


def tag_followers(question_id: int) -> list[User]:
    """Members following any tag of the question (each once)."""
    tag_ids = select(question_tags.c.tag_id).where(question_tags.c.question_id == question_id)
    return list(db.session.scalars(select(User).where(User.id.in_(
        select(Follow.user_id).where(Follow.tag_id.in_(tag_ids)))).order_by(User.id)))


def mail_modes(user_id: int) -> dict[str, str]:
    """Every preference kind with the member's choice, or its default."""
    chosen = dict(db.session.execute(select(MailPreference.kind, MailPreference.mode)
                                     .where(MailPreference.user_id == user_id)).all())
    return {kind: chosen.get(kind, default) for kind, (_label, default) in kinds.PREFERENCES.items()}


def mail_mode(user_id: int, preference: str) -> str:
    chosen = db.session.scalar(select(MailPreference.mode).where(MailPreference.user_id == user_id,
                                                                 MailPreference.kind == preference))
    return chosen or kinds.default_mode(preference)
