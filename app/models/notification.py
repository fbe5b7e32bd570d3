"""Notifications: inbox entries, follows of questions and tags, per-kind e-mail preferences, the accept
reminders already sent and the daily digests already sent."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.post import Post, Question
from app.models.types import UTCDateTime
from app.models.user import User

# How a notification's e-mail goes: queued at once, waiting for the daily digest, included in one, or none.
MAIL_STATES = ("instant", "digest", "digested", "off")
MAIL_MODES = ("instant", "digest", "off")


class Notification(Model):
    """One inbox entry. The sentence is composed when shown, in the reader's language, from these columns."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_id_read_at", "user_id", "read_at"),
        Index("ix_notifications_user_id_created_at", "user_id", "created_at"),
        Index("ix_notifications_mail_state_user_id", "mail_state", "user_id"),
        Index("ix_notifications_post_id", "post_id"),  # a post's entries, found again when it is redacted
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The question the entry leads to, and the answer or comment within it (null for badges).
    question_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    # A badge slug, a moderator action's name, a tag name: what the sentence needs besides the rows.
    subject: Mapped[str] = mapped_column(String(60), default="", server_default="")
    # A moderator's reason, a badge's tag name.
    detail: Mapped[str] = mapped_column(String(500), default="", server_default="")
    mail_state: Mapped[str] = mapped_column(String(10), default="off", server_default="off")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="joined")
    question: Mapped[Question | None] = relationship(foreign_keys=[question_id], lazy="joined")
    post: Mapped[Post | None] = relationship(foreign_keys=[post_id], lazy="joined")


class Follow(Model):
    """A member follows a question (its answers and comments) or a tag (its new questions)."""

    __tablename__ = "follows"
    __table_args__ = (
        CheckConstraint("(question_id IS NULL) <> (tag_id IS NULL)", name="one_target"),
        UniqueConstraint("user_id", "question_id"),
        UniqueConstraint("user_id", "tag_id"),
        Index("ix_follows_question_id", "question_id"),
        Index("ix_follows_tag_id", "tag_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    question_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    tag_id: Mapped[int | None] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class MailPreference(Model):
    """A member's choice for one kind of notification; without a row the kind's default applies."""

    __tablename__ = "mail_preferences"
    __table_args__ = (CheckConstraint("mode IN ('instant', 'digest', 'off')", name="mode"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    mode: Mapped[str] = mapped_column(String(8))


class AcceptReminder(Model):
    """The asker was reminded to accept an answer: once per question, ever."""

    __tablename__ = "accept_reminders"

    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class DigestSent(Model):
    """The daily digest went to this member on this (UTC) day: at most one a day."""

    __tablename__ = "digests_sent"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
