"""Tags: the brand's products and topics."""

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

question_tags = Table(
    "question_tags",
    db.metadata,
    Column("question_id", ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_question_tags_tag_id", "tag_id"),
)


class Tag(db.Model):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(35), unique=True)  # always lower-case
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Cache of non-deleted questions carrying the tag; rebuilt by `flask counters rebuild`.
    question_count: Mapped[int] = mapped_column(default=0, server_default="0")

    def __repr__(self) -> str:
        return f"<Tag {self.name}>"
