"""The brand team's own records on a question: who is on it (a claim, perhaps assigned by a colleague) and the
team's internal notes. Neither is ever shown outside the team."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.post import Question
from app.models.types import UTCDateTime
from app.models.user import User


class QuestionClaim(Model):
    """One row per question a moderator ever claimed. The claim holds while `moderator_id` is set and
    `expires_at` is in the future; releasing clears the moderator and keeps the row, because `first_claimed_at`
    is the dashboard's time to claim."""

    __tablename__ = "question_claims"
    __table_args__ = (Index("ix_question_claims_moderator_id_expires_at", "moderator_id", "expires_at"),)

    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    first_claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    moderator: Mapped[User | None] = relationship(foreign_keys=[moderator_id], lazy="joined")
    assigned_by: Mapped[User | None] = relationship(foreign_keys=[assigned_by_id], lazy="joined")

    def holds(self, now: datetime) -> bool:
        return self.moderator_id is not None and self.expires_at > now


class InternalNote(Model):
    """A staff-only note on a question: Markdown as typed, and its HTML rendered and sanitised at write time."""

    __tablename__ = "internal_notes"
    __table_args__ = (Index("ix_internal_notes_question_id_created_at", "question_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User | None] = relationship(lazy="joined")
    question: Mapped[Question] = relationship(lazy="raise")
