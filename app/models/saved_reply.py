"""Saved replies: the brand team's canned answers, each written in one language, inserted into the answer form."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class SavedReply(Model):
    __tablename__ = "saved_replies"
    __table_args__ = (Index("ix_saved_replies_language_title", "language", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    # Markdown with the placeholders {asker} and {product}, filled in when the reply is inserted.
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    # Answers posted from this reply: a count of saved answers, not of insertions (one is kept with its answer).
    use_count: Mapped[int] = mapped_column(default=0, server_default="0")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
