"""Recent question views, so one visitor reloading a page is counted once per window."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model
from app.models.types import UTCDateTime


class QuestionView(Model):
    __tablename__ = "question_views"
    __table_args__ = (Index("ix_question_views_viewed_at", "viewed_at"),)

    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    # A keyed hash of the user id or IP address and user agent: no personal data is stored.
    visitor: Mapped[str] = mapped_column(String(32), primary_key=True)
    viewed_at: Mapped[datetime] = mapped_column(UTCDateTime)
