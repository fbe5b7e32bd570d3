"""What customers asked the assistant, and the questions handed over from it to people.

A session is the customer's own data: what they typed, what the assistant offered, what they said of it. It is
never shown to anyone but its customer (the brand team sees sessions only counted), and `flask assistant prune`
deletes it after ASSISTANT_RETENTION_DAYS. A hand-over is part of a posted, public question: what the assistant
had offered, kept with the question for the brand team as long as the question exists."""

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime

SESSION_CHANNELS = ("help", "ask", "api")
SESSION_OUTCOMES = ("answer", "related", "nothing")
SESSION_FEEDBACK = ("solved", "not_helpful")


class AssistantSession(Model):
    """One question put to the assistant and what came of it. `key_hash` is the digest of the key the
    customer's page (or API client) holds: feedback and the hand-over need it, so a visitor's session is theirs
    alone. `offered` lists what was shown, in order: [question id, answer id or null] for each cited answer and
    related thread. `topic` groups sessions that fell through (the query's most telling stems, sorted) and
    `topic_words` is how the customer wrote them; `tag_id` is the product of the best matched thread."""

    __tablename__ = "assistant_sessions"
    __table_args__ = (Index("ix_assistant_sessions_created_at", "created_at"),
                      Index("ix_assistant_sessions_question_id", "question_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(Text, default="")  # the ask page's title, when asked from there
    text: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(String(200), default="")  # the ask page's tags, as typed
    outcome: Mapped[str] = mapped_column(String(8))
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    topic: Mapped[str] = mapped_column(String(200), default="")
    topic_words: Mapped[str] = mapped_column(String(200), default="")
    tag_id: Mapped[int | None] = mapped_column(ForeignKey("tags.id", ondelete="SET NULL"))
    offered: Mapped[list[list[int | None]]] = mapped_column(JSON, default=list)
    feedback: Mapped[str | None] = mapped_column(String(12))
    feedback_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    handed_over_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AssistantHandover(Model):
    """A question posted from an assistant session: when (the response clock runs from then: it is the
    question's own time), what the assistant had found (`outcome`) and offered ([question id, answer id or
    null] pairs, in order), shown to the brand team beside the question and first in the care queue."""

    __tablename__ = "assistant_handovers"
    # The care queue reads the hand-overs that can still be waiting: those since its oldest waiting question.
    __table_args__ = (Index("ix_assistant_handovers_handed_over_at", "handed_over_at"),)

    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True,
                                             autoincrement=False)
    handed_over_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    outcome: Mapped[str] = mapped_column(String(8))
    offered: Mapped[list[list[int | None]]] = mapped_column(JSON, default=list)
