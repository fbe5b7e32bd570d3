"""Received e-mail: every message kept raw (compressed) with what became of it."""

import zlib
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime
from app.models.user import User

# received: stored, not yet processed (a crash between the two leaves it here, to be processed again);
# posted, held (waiting for a moderator), refused (with a reason told to the sender), dropped (loops, bulk,
# bounces: recorded, never answered), duplicate (the same Message-ID again), rejected (a moderator refused
# a held one), failed (processing raised: kept for "process again").
INBOUND_STATUSES = ("received", "posted", "held", "refused", "dropped", "duplicate", "rejected", "failed")


class InboundMessage(Model):
    """One received message. `raw` is the message as it arrived, zlib-compressed; `draft` is what it would
    post ({"title", "body", "tags", "language"}), kept for a held message so a moderator can edit it."""

    __tablename__ = "inbound_messages"
    __table_args__ = (
        Index("ix_inbound_messages_status_received_at", "status", "received_at"),
        Index("ix_inbound_messages_from_address_replied_at", "from_address", "replied_at"),
        Index("ix_inbound_messages_received_at", "received_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The Message-ID (or, without one, a digest of the bytes): a second delivery of the same message finds
    # the first. Null on the copies recorded as duplicates.
    dedupe_key: Mapped[str | None] = mapped_column(String(255), unique=True)
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("inbound_messages.id", ondelete="SET NULL"))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column()
    # Only the first MAIL_INBOUND_MAX_BYTES are kept of a larger message (it is refused).
    truncated: Mapped[bool] = mapped_column(default=False)
    envelope_from: Mapped[str | None] = mapped_column(String(254))
    envelope_to: Mapped[list[str]] = mapped_column(JSON, default=list)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    # Read from the message when it is processed.
    message_id: Mapped[str | None] = mapped_column(String(255))
    from_address: Mapped[str | None] = mapped_column(String(254))
    subject: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default="received")
    reason: Mapped[str | None] = mapped_column(String(40))
    detail: Mapped[str | None] = mapped_column(Text)
    purpose: Mapped[str | None] = mapped_column(String(16))  # question, answer or comment
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    target_post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="SET NULL"))
    attempts: Mapped[int] = mapped_column(default=0)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What the sender was told (acknowledged, refused, held, approved, rejected) and when: replies per sender
    # and hour are counted from these.
    reply_kind: Mapped[str | None] = mapped_column(String(24))
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User | None] = relationship(foreign_keys=[user_id], lazy="joined")

    @property
    def raw_message(self) -> bytes:
        """The message as it arrived."""
        return zlib.decompress(self.raw)

    @raw_message.setter
    def raw_message(self, data: bytes) -> None:
        self.raw = zlib.compress(data)
