"""Notifications of one kind about one question read as one entry ("3 new comments on “…”"): in the
inbox, in the header's unread count, when marked read, and in the daily summary.

A group is the member's notifications with the same kind, question and subject (a moderator action's
name, a followed tag's), read or unread alike; those without a question (badges) stand alone. The key is
written twice below, as SQL for the inbox and as Python for rows already loaded (the summary): change
both together.
"""

from dataclasses import dataclass

from sqlalchemy import func

from app.models import Notification


def key_columns() -> tuple:
    """The group key in SQL; read and unread entries of one kind and question are separate groups."""
    return (Notification.kind, func.coalesce(Notification.question_id, -Notification.id), Notification.subject,
            Notification.read_at.is_(None))


def key(notification: Notification) -> tuple:
    """The same key for a loaded row."""
    n = notification
    return n.kind, n.question_id if n.question_id is not None else -n.id, n.subject, n.read_at is None


def same_group(notification: Notification):
    """SQL conditions for the unread rows of a notification's group, for marking them read together."""
    conditions = [Notification.user_id == notification.user_id, Notification.read_at.is_(None)]
    if notification.question_id is None:
        return [*conditions, Notification.id == notification.id]
    return [*conditions, Notification.kind == notification.kind, Notification.question_id == notification.question_id,
            Notification.subject == notification.subject]


@dataclass(frozen=True)
class Group:
    newest: Notification  # what the entry quotes and leads to
    count: int
    unread: bool


def group(notifications: list[Notification]) -> list[Group]:
    """Loaded notifications grouped, in the order each group first appears."""
    members: dict[tuple, list[Notification]] = {}
    for notification in notifications:
        members.setdefault(key(notification), []).append(notification)
    return [Group(max(rows, key=lambda n: (n.created_at, n.id)), len(rows), rows[0].read_at is None)
            for rows in members.values()]
