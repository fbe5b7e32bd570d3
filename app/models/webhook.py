"""Webhooks: the brand's endpoints, the deliveries queued for them, and the questions already escalated."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime

WEBHOOK_EVENTS = ("question.created", "question.escalated", "answer.accepted", "answer.official", "flag.created",
                  "post.unhappy")
TEST_EVENT = "webhook.test"


class Webhook(Model):
    """An endpoint an admin registered: where to send, the shared secret that signs, which events."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    # Kept readable (not hashed): every delivery is signed with it.
    secret: Mapped[str] = mapped_column(String(200))
    events: Mapped[list[str]] = mapped_column(JSON)
    description: Mapped[str] = mapped_column(String(200), default="", server_default="")
    is_active: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class WebhookDelivery(Model):
    """One event for one endpoint: queued in the transaction of its cause, then sent and retried.

    status: pending (waiting for `next_attempt_at`), delivered, failed (gave up after the last attempt).
    The body is stored as sent, so every retry carries the same bytes (with a fresh timestamp and signature).
    """

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
                      Index("ix_webhook_deliveries_webhook_id_created_at", "webhook_id", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status_code: Mapped[int | None]
    last_response_ms: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    webhook: Mapped[Webhook] = relationship(lazy="joined")


class WebhookEscalation(Model):
    """A question found past the response target without an answer: recorded once, so it is announced once."""

    __tablename__ = "webhook_escalations"

    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    escalated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

