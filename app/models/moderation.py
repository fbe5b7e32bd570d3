"""Moderation: flags, the audit log, signals found in posts (unhappy, personal data), FAQ entries,
and old tag names that still redirect."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.post import Answer, Post, Question
from app.models.tag import Tag
from app.models.types import UTCDateTime
from app.models.user import User

FLAG_REASONS = ("spam", "offensive", "off-topic", "incorrect-or-outdated", "needs-brand-answer",
                "personal-data", "other")


class Flag(Model):
    __tablename__ = "flags"
    __table_args__ = (UniqueConstraint("post_id", "user_id"), Index("ix_flags_status_created_at", "status",
                                                                     "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(String(500), default="", server_default="")
    status: Mapped[str] = mapped_column(String(16), default="open", server_default="open")  # open|dismissed|acted
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    post: Mapped[Post] = relationship(foreign_keys=[post_id], lazy="joined")
    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id], lazy="joined")


class ModerationAction(Model):
    """The audit log: every moderator action, with before/after where it applies."""

    __tablename__ = "moderation_log"
    __table_args__ = (Index("ix_moderation_log_created_at", "created_at"),
                      Index("ix_moderation_log_moderator_id_created_at", "moderator_id", "created_at"),
                      # A post's entries, found again when its personal data is redacted.
                      Index("ix_moderation_log_target_type_target_id", "target_type", "target_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(16))  # post | user | tag | faq | flag
    target_id: Mapped[int]
    reason: Mapped[str] = mapped_column(String(500), default="", server_default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    moderator: Mapped[User | None] = relationship(lazy="joined")


class PostSignal(Model):
    """Something the heuristics found in a post when it was saved, for the care queue."""

    __tablename__ = "post_signals"
    __table_args__ = (Index("ix_post_signals_kind_dismissed_at", "kind", "dismissed_at"),
                      Index("ix_post_signals_post_id", "post_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))  # unhappy | still_unsolved | personal_data
    detail: Mapped[str] = mapped_column(String(500))  # the words that triggered it, or what was found
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    dismissed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    dismissed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    post: Mapped[Post] = relationship(lazy="joined")


class FaqEntry(Model):
    __tablename__ = "faq_entries"
    # One entry per thread and language: an Italian entry may word an English thread's answer in Italian.
    __table_args__ = (Index("ix_faq_entries_tag_id_position", "tag_id", "position"),
                      UniqueConstraint("question_id", "language"))

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    answer_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    tag_id: Mapped[int | None] = mapped_column(ForeignKey("tags.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(150))
    position: Mapped[int] = mapped_column(default=0, server_default="0")
    # The featured answer as a moderator last approved it: shown until a changed answer is reviewed.
    approved_html: Mapped[str] = mapped_column(Text)
    approved_revision: Mapped[int] = mapped_column(default=1, server_default="1")
    # The FAQ's own wording of the featured text (Markdown, rendered like posts), shown instead of the approved
    # answer when a moderator wrote one; the link to the answer and its review stay.
    wording_markdown: Mapped[str | None] = mapped_column(Text)
    wording_html: Mapped[str | None] = mapped_column(Text)
    needs_review_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    question: Mapped[Question] = relationship(foreign_keys=[question_id], lazy="joined")
    answer: Mapped[Answer | None] = relationship(foreign_keys=[answer_id], lazy="joined")
    tag: Mapped[Tag | None] = relationship(lazy="joined")


class TagRedirect(Model):
    """A tag's old name after a rename or merge, so old links keep working."""

    __tablename__ = "tag_redirects"

    old_name: Mapped[str] = mapped_column(String(35), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"))
