"""One vote per user per post."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class Vote(Model):
    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("user_id", "post_id"),
        CheckConstraint("value IN (-1, 1)", name="value"),
        Index("ix_votes_post_id", "post_id"),
        Index("ix_votes_user_id_created_at", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    value: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # Set when the vote was found to be part of serial voting: it no longer counts for score or reputation.
    invalidated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
