"""Questions and answers share one table, so votes, comments, revisions and flags point at posts.id."""

from datetime import datetime
from typing import cast

from sqlalchemy import CheckConstraint, ColumnElement, ForeignKey, Index, String, Text, and_, false
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.tag import Tag, question_tags
from app.models.types import UTCDateTime
from app.models.user import User


class Post(Model):
    __tablename__ = "posts"
    __table_args__ = (
        CheckConstraint("kind IN ('question', 'answer')", name="kind"),
        Index("ix_posts_kind_last_activity_at", "kind", "last_activity_at"),
        Index("ix_posts_kind_created_at", "kind", "created_at"),
        Index("ix_posts_kind_score", "kind", "score"),
        # The lists read in one language (a filter, or a reader's language first): each tab's order within it.
        Index("ix_posts_kind_language_created_at", "kind", "language", "created_at"),
        Index("ix_posts_kind_language_last_activity_at", "kind", "language", "last_activity_at"),
        Index("ix_posts_kind_language_score", "kind", "language", "score"),
        # An answer's score and deletion beside its question: "has an upvoted answer" (the unanswered tab's count)
        # answered from the index alone.
        Index("ix_posts_parent_id_score_deleted_at", "parent_id", "score", "deleted_at"),
        Index("ix_posts_author_id_kind_created_at", "author_id", "kind", "created_at"),
        Index("ix_posts_kind_answer_count_created_at", "kind", "answer_count", "created_at"),
        Index("ix_posts_official_review_due_at", "official_review_due_at"),
        Index("ix_posts_author_id_kind_deleted_at_created_at", "author_id", "kind", "deleted_at", "created_at"),
        # The lists' totals per language counted from the index alone: read from the table, a count of 40,000
        # questions read 26,000 pages of posts (230 ms on PostgreSQL at 100,000 questions).
        Index("ix_posts_kind_language_live", "kind", "language", "deleted_at", "hidden_at", "accepted_answer_id", "id"),
        # The care queue: its waiting tab oldest first and counted from the index alone; its unresolved count.
        Index("ix_posts_care_waiting", "kind", "answer_count", "deleted_at", "hidden_at", "closed_reason",
              "created_at"),
        Index("ix_posts_care_unresolved", "kind", "accepted_answer_id", "has_official_answer", "deleted_at",
              "hidden_at", "closed_reason", "created_at", "answer_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body_markdown: Mapped[str] = mapped_column(Text)
    # Rendered and sanitised once, at write time, by app.markup; page views never render Markdown.
    body_html: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(8))
    # The author chose the language (else it was read from the text): `flask posts detect-language` keeps it.
    language_chosen: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Cache: sum of vote values; rebuilt by `flask counters rebuild`.
    score: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Hidden pending review after enough spam/offensive flags: like deleted for the public.
    hidden_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 'spam' when a moderator deleted it as spam (costs the author reputation); null otherwise.
    deletion_reason: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    # Question columns
    title: Mapped[str | None] = mapped_column(String(150))
    slug: Mapped[str | None] = mapped_column(String(160))
    # Cache: non-deleted answers; rebuilt by `flask counters rebuild`.
    answer_count: Mapped[int] = mapped_column(default=0, server_default="0")
    view_count: Mapped[int] = mapped_column(default=0, server_default="0")
    accepted_answer_id: Mapped[int | None] = mapped_column(
        ForeignKey("posts.id", ondelete="SET NULL", use_alter=True)
    )
    closed_reason: Mapped[str | None] = mapped_column(String(32))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Cache: whether a live answer is marked official; rebuilt by `flask counters rebuild`.
    has_official_answer: Mapped[bool] = mapped_column(default=False, server_default=false())
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))

    # Answer columns
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    # Brand-verified: who vouched for the answer, when, a short note, and when to check it again.
    official_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    official_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    official_note: Mapped[str | None] = mapped_column(String(200))
    official_review_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Someone outside the brand team changed the answer after it was marked: the mark is suspended (the page
    # says when it was confirmed and that it changed since) until a moderator re-confirms or removes it.
    official_suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined", innerjoin=False)

    __mapper_args__ = {"polymorphic_on": kind, "polymorphic_abstract": True}

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_public(self) -> bool:
        return self.deleted_at is None and self.hidden_at is None

    @property
    def question_id(self) -> int:
        # An answer is always posted under its question (post_answer and the import set parent_id).
        return self.id if self.kind == "question" else cast(int, self.parent_id)

    @hybrid_property
    def is_official(self) -> bool:
        """The brand vouches for the answer as it reads now: marked, and not changed since by anyone else."""
        return self.official_at is not None and self.official_suspended_at is None

    @is_official.inplace.expression
    @classmethod
    def _is_official_expression(cls) -> ColumnElement[bool]:
        return and_(cls.official_at.is_not(None), cls.official_suspended_at.is_(None))

    @property
    def is_official_suspended(self) -> bool:
        return self.official_at is not None and self.official_suspended_at is not None


class Question(Post):
    __mapper_args__ = {"polymorphic_identity": "question"}

    tags: Mapped[list[Tag]] = relationship(secondary=question_tags, order_by=Tag.name, lazy="selectin")

    @property
    def is_solved(self) -> bool:
        return self.accepted_answer_id is not None

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.title!r}>"


class Answer(Post):
    __mapper_args__ = {"polymorphic_identity": "answer"}

    question: Mapped[Question] = relationship(
        foreign_keys=[Post.parent_id], remote_side=[Post.id], lazy="joined", innerjoin=True
    )
    official_by: Mapped[User | None] = relationship(foreign_keys=[Post.official_by_id], lazy="joined")

    @property
    def is_accepted(self) -> bool:
        return self.question.accepted_answer_id == self.id

    def __repr__(self) -> str:
        return f"<Answer {self.id} to {self.parent_id}>"


def question_of(post: Post) -> Question:
    """The question a post belongs to: the post itself, or the question an answer answers (a post is always
    one of the two)."""
    if isinstance(post, Question):
        return post
    assert isinstance(post, Answer)
    return post.question
