"""The reputation ledger: every point a user gains or loses is a row; nothing is updated or deleted."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.post import Post
from app.models.types import UTCDateTime
from app.models.user import User


class ReputationEvent(Model):
    __tablename__ = "reputation_events"
    __table_args__ = (
        Index("ix_reputation_events_user_id_created_at", "user_id", "created_at"),
        Index("ix_reputation_events_source", "source"),
        Index("ix_reputation_events_created_at", "created_at"),
        Index("ix_reputation_events_post_id", "post_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    delta: Mapped[int]
    # What earned or cost the points, a name from reputation.points (e.g. 'answer_upvoted').
    reason: Mapped[str] = mapped_column(String(40))
    # The fact the points come from ('vote:<voter>:<post>', 'accept:<question>', 'cap:<user>:<day>' …):
    # its rows always sum to what that fact is worth now, so a reversal is a new row with the same source.
    source: Mapped[str] = mapped_column(String(64))
    # Why the amount changed when it is a correction: 'vote_retracted', 'post_deleted', 'serial_voting' …
    cause: Mapped[str | None] = mapped_column(String(40))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="raise")
    post: Mapped["Post | None"] = relationship(foreign_keys=[post_id], lazy="raise")
