"""Twins: questions that ask the same thing in different languages, linked by a moderator as one group."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class TwinGroup(Model):
    """One customer need asked in several languages; its members are its questions (at most one a language)."""

    __tablename__ = "twin_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class QuestionTwin(Model):
    """A question's place in its group: a question belongs to at most one group (its primary key)."""

    __tablename__ = "question_twins"
    __table_args__ = (Index("ix_question_twins_group_id", "group_id"),)

    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("twin_groups.id", ondelete="CASCADE"))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    linked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
