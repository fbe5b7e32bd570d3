"""Search bookkeeping: questions waiting to be (re)indexed, the PostgreSQL search documents, and
clicks on the ask page's suggestions."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, SmallInteger, String, Text, text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class SearchPending(Model):
    """A question whose search document is out of date. Written in the same transaction as the change,
    deleted once the index has the new version; what a failure leaves behind `flask search sync` takes.

    No foreign key on purpose: a question removed from the database must still leave the index."""

    __tablename__ = "search_pending"

    question_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    # Each transaction marks with its own token and clears only its own mark, so a mark written by a
    # concurrent change while this one was being indexed survives until that change is indexed too.
    token: Mapped[str] = mapped_column(String(32))
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class SearchDocument(Model):
    """One row per searchable question, used by the PostgreSQL backend only (SQLite keeps it empty: its
    index is the Whoosh directory). `tsv` (the whole text) and `title_tsv` (the title and tag names) are
    tsvectors on PostgreSQL, built with the question's language configuration; elsewhere the columns are
    plain text and unused. The text indexes are per language and lead with `band` (btree_gin), so a
    search reads a common word's matches one quality band at a time (app/search/postgres_backend.py)."""

    __tablename__ = "search_documents"
    __table_args__ = (
        *(Index(f"ix_search_documents_{column}_{name}", "band", column, postgresql_using="gin",
                postgresql_where=text(f"language {operator} 'it'"))
          for column in ("tsv", "title_tsv") for name, operator in (("it", "="), ("other", "<>"))),
        # The few FAQ entries' titles, for the ask page's FAQ suggestions.
        Index("ix_search_documents_faq_titles", "title_tsv", postgresql_using="gin",
              postgresql_where=text("flags LIKE '% faq %'")),
        Index("ix_search_documents_created_at", "created_at"),
        Index("ix_search_documents_score", "score"),
    )

    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True,
                                             autoincrement=False)
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    answers: Mapped[str] = mapped_column(Text)
    accepted: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(Text)  # space-separated, with a space at each end for LIKE
    author: Mapped[str] = mapped_column(String(64))
    flags: Mapped[str] = mapped_column(String(64))  # space-separated flag names, same as tags
    score: Mapped[int]
    answer_count: Mapped[int]
    boost: Mapped[float]
    band: Mapped[int] = mapped_column(SmallInteger)  # the quality factor's band: see postgres_backend.BAND_STEP
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    stamp: Mapped[str] = mapped_column(String(64))
    tsv: Mapped[str | None] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"))
    title_tsv: Mapped[str | None] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"))


class SuggestionClick(Model):
    """A suggested question opened from the ask page: the deflection signal for the care metrics."""

    __tablename__ = "suggestion_clicks"
    __table_args__ = (Index("ix_suggestion_clicks_question_id_clicked_at", "question_id", "clicked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    clicked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
