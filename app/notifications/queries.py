"""Reads: the inbox, unread counts, follows and e-mail preferences."""

from flask import abort
from sqlalchemy import func, select

from app.extensions import db
from app.models import Follow, MailPreference, Notification, User, question_tags
from app.notifications import kinds


def get_notification(notification_id: int, user: User) -> Notification:
    """One of the user's own notifications; someone else's does not exist for them."""
    notification = db.session.get(Notification, notification_id)
    if notification is None or notification.user_id != user.id:
        abort(404)
    return notification


def unread_count(user_id: int) -> int:
    return db.session.scalar(select(func.count(Notification.id)).where(
        Notification.user_id == user_id, Notification.read_at.is_(None))) or 0


def list_notifications(user_id: int, order: str, page: int, per_page: int):
    """Newest first, or the unread ones first (each group newest first)."""
    query = select(Notification).where(Notification.user_id == user_id)
    if order == "unread":
        query = query.order_by(Notification.read_at.is_not(None), Notification.created_at.desc(),
                               Notification.id.desc())
    else:
        query = query.order_by(Notification.created_at.desc(), Notification.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def follows_question(user_id: int, question_id: int) -> bool:
    return db.session.scalar(select(Follow.id).where(Follow.user_id == user_id,
                                                     Follow.question_id == question_id)) is not None


def follows_tag(user_id: int, tag_id: int) -> bool:
    return db.session.scalar(select(Follow.id).where(Follow.user_id == user_id, Follow.tag_id == tag_id)) is not None


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
