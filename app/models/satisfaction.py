"""Satisfaction: whether an asker's problem was solved (one survey per asker and question, with every answer
they gave kept as history), and whether a question page helped its readers ("Was this helpful?")."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Select, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, aliased, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.post import Answer, Question
from app.models.types import UTCDateTime
from app.models.user import User

OUTCOMES = ("yes", "partly", "no")
# Why a page did not help, as a reader may say after answering No; the first two call its answer into question.
HELPFUL_REASONS = ("outdated", "did_not_work", "hard_to_follow", "other")
DOUBTING_REASONS = ("outdated", "did_not_work")


class SatisfactionSurvey(Model):
    """The asker's current answer to "Did this solve your problem?" about their question. Asked when an answer
    is accepted or marked official; the columns hold the latest answer, `SatisfactionResponse` every one."""

    __tablename__ = "satisfaction_surveys"
    __table_args__ = (
        UniqueConstraint("question_id", "asker_id"),
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating_range"),
        # The reminder command's worklist: asked, never answered, not reminded yet.
        Index("ix_satisfaction_surveys_answered_at_reminded_at", "answered_at", "reminded_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    asker_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The answer that was accepted or marked official when the asker was asked (the one a Yes confirms).
    answer_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(8))  # yes | partly | no
    rating: Mapped[int | None]
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # first answered: the 7 days run from it
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The e-mailed links' one use: a link carries this nonce, and using one draws a new nonce.
    link_nonce: Mapped[str | None] = mapped_column(String(32))

    question: Mapped[Question] = relationship(foreign_keys=[question_id])
    asker: Mapped[User] = relationship(foreign_keys=[asker_id])
    answer: Mapped[Answer | None] = relationship(foreign_keys=[answer_id])


class SatisfactionResponse(Model):
    """One answer the asker gave (on the page or from an e-mail's link), kept when they change it."""

    __tablename__ = "satisfaction_responses"
    __table_args__ = (Index("ix_satisfaction_responses_survey_id", "survey_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("satisfaction_surveys.id", ondelete="CASCADE"))
    outcome: Mapped[str] = mapped_column(String(8))
    rating: Mapped[int | None]
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    via: Mapped[str] = mapped_column(String(8))  # page | email
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class VisitorFeedback(Model):
    """A reader's "Was this helpful?" about a question page: one row per reader, page and day. The reader is a
    keyed hash of their network, browser and the day (its key changes every day too), never the address."""

    __tablename__ = "visitor_feedback"
    __table_args__ = (
        UniqueConstraint("question_id", "day", "visitor_key"),
        CheckConstraint("reason IS NULL OR NOT helpful", name="reason_when_not_helpful"),
        # The dashboard's period.
        Index("ix_visitor_feedback_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)  # UTC
    visitor_key: Mapped[str] = mapped_column(String(64))
    helpful: Mapped[bool]
    reason: Mapped[str | None] = mapped_column(String(16))  # one of HELPFUL_REASONS, after a No
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


def confirmed_solutions() -> Select[int, int, int | None]:
    """Answers their asker confirmed solved the problem, as (question_id, answer_id, author_id): the asker's
    current answer is Yes, about the answer that is still the accepted one, both posts live, and the answer is
    not the asker's own. What the ledger's bonus and the badges for confirmed solutions both count.

    Narrow it with `.where(...)` on `Question.id` (the question) or on the returned columns."""
    survey, answer = SatisfactionSurvey, aliased(Answer, name="confirmed_answer")
    return (select(Question.id.label("question_id"), answer.id.label("answer_id"),
                   answer.author_id.label("author_id"))
            .select_from(survey).join(Question, Question.id == survey.question_id)
            .join(answer, answer.id == survey.answer_id)
            .where(survey.outcome == "yes", survey.asker_id == Question.author_id,
                   Question.accepted_answer_id == survey.answer_id, Question.deleted_at.is_(None),
                   answer.deleted_at.is_(None), answer.author_id.is_not(None),
                   answer.author_id != Question.author_id))
