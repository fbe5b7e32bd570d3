"""Rows that abuse limits are counted from (failed log-ins, registrations, reset requests), so a limit is
exact however many workers or servers answer."""

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class RateEvent(Model):
    """One counted event: `kind` names the limit ('login_failure', 'registration', 'password_reset'),
    `subject` whom it is counted against ('ip:<keyed hash>', 'account:<id>', 'login:<keyed hash>').
    Rows older than the longest window decide nothing and are pruned now and then."""

    __tablename__ = "rate_events"
    __table_args__ = (Index("ix_rate_events_kind_subject_created_at", "kind", "subject", "created_at"),
                      Index("ix_rate_events_created_at", "created_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    # Keyed hashes, never a raw address or login: nothing personal is stored.
    subject: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
