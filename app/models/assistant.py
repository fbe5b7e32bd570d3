"""The assistant's retrieval index: passages (a question, or one of its accepted or official answers), their
weighted terms, per-kind statistics, and the questions waiting to be re-indexed. All derived from posts,
rebuilt by `flask assistant reindex`; kept in the database so every app server reads the same index."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class AssistantPassage(Model):
    """A piece of a thread the assistant can match: kind `question` (title and body) or `answer` (an
    accepted or official answer with its comments). `length` is its analysed length, for BM25's
    length normalisation; `review_due_at` is an official answer's review date, after which it is no
    longer offered as an answer."""

    __tablename__ = "assistant_passages"
    __table_args__ = (Index("ix_assistant_passages_question_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    answer_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(8))
    length: Mapped[float]
    is_official: Mapped[bool] = mapped_column(default=False)
    is_accepted: Mapped[bool] = mapped_column(default=False)
    review_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stamp: Mapped[str] = mapped_column(String(24))
    # The passage's unit vectors from the semantic model, one per chunk of its text (float32 bytes one after the
    # other), when ASSISTANT_EMBEDDINGS is set.
    vector: Mapped[bytes | None] = mapped_column(LargeBinary)


class AssistantTerm(Model):
    """One analysed term of a passage with its BM25 term weight (`impact`, the saturated and
    length-normalised frequency; the term's rarity is applied at query time). A term is prefixed by
    the passage kind and the analysis language ("aen:descal"), so each kind and language has its own
    statistics. Read per term in impact order, so a query reads a bounded number of the best rows: the index
    holds the passage too, so those rows are read from the index alone (without it, each row read was also
    a look-up in the table: most of a query's time at 100,000 questions)."""

    __tablename__ = "assistant_terms"
    __table_args__ = (Index("ix_assistant_terms_term_impact_passage", "term", "impact", "passage_id"),)

    passage_id: Mapped[int] = mapped_column(ForeignKey("assistant_passages.id", ondelete="CASCADE"),
                                            primary_key=True)
    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    impact: Mapped[int] = mapped_column(Integer)  # the weight × IMPACT_SCALE, an integer for a compact index


class AssistantVocabulary(Model):
    """How many passages hold each term (its document frequency), kept on every write so a query never
    counts a common term's rows."""

    __tablename__ = "assistant_vocabulary"

    term: Mapped[str] = mapped_column(String(64), primary_key=True)
    passages: Mapped[int] = mapped_column(default=0)


class AssistantStatistics(Model):
    """Passages and their total analysed length per kind: BM25's collection size and average length."""

    __tablename__ = "assistant_statistics"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    passages: Mapped[int] = mapped_column(default=0)
    total_length: Mapped[float] = mapped_column(default=0.0)


class AssistantPending(Model):
    """A question whose passages are out of date, marked in the transaction that changed it and cleared
    once re-indexed after the commit (as `search_pending` is for the search index). No foreign key: a
    question removed from the database must still leave the index."""

    __tablename__ = "assistant_pending"

    question_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    token: Mapped[str] = mapped_column(String(32))
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
