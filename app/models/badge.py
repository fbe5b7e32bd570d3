"""Badge awards. The catalogue itself is code (app/badges/catalog.py); awards name a badge by slug."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class BadgeAward(Model):
    __tablename__ = "badge_awards"
    __table_args__ = (
        # '' for once-only badges, 'post:<id>' or 'tag:<id>' for repeatable ones: never awarded twice.
        UniqueConstraint("user_id", "badge", "award_key"),
        Index("ix_badge_awards_badge_awarded_at", "badge", "awarded_at"),
        Index("ix_badge_awards_user_id_seen_at", "user_id", "seen_at"),
        # A profile's badge lines, grouped from the index alone (app/badges/queries.py).
        Index("ix_badge_awards_user_id_badge_tag_id_awarded_at", "user_id", "badge", "tag_id", "awarded_at", "post_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    badge: Mapped[str] = mapped_column(String(40))
    award_key: Mapped[str] = mapped_column(String(40), default="", server_default="")
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    tag_id: Mapped[int | None] = mapped_column(ForeignKey("tags.id", ondelete="SET NULL"))
    awarded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # When the user was told (a flash on their next page); null until then.
    seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class BadgeHolderCount(Model):
    """How many members hold each badge, kept beside the awards (app/badges/awards.py) so that the catalogue
    reads a row per badge instead of counting every award; `flask counters rebuild` recomputes it."""

    __tablename__ = "badge_holder_counts"

    badge: Mapped[str] = mapped_column(String(40), primary_key=True)
    holders: Mapped[int] = mapped_column(default=0, server_default="0")
