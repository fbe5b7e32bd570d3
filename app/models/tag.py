"""Tags: the brand's products and topics."""

import re

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model, db

question_tags = Table(
    "question_tags",
    db.metadata,
    Column("question_id", ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_question_tags_tag_id", "tag_id"),
)


class Tag(Model):
    __tablename__ = "tags"
    # The one rule for a tag's name, typed by a moderator or read from an import: it appears in addresses, file
    # names and spreadsheet cells, so it starts with a letter or digit and holds no quote, space or bracket.
    NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9+.#-]{0,34}")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(35), unique=True)  # always lower-case
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Cache of non-deleted questions carrying the tag; rebuilt by `flask counters rebuild`.
    question_count: Mapped[int] = mapped_column(default=0, server_default="0")

    @classmethod
    def is_valid_name(cls, name: str) -> bool:
        return cls.NAME_PATTERN.fullmatch(name) is not None

    def __repr__(self) -> str:
        return f"<Tag {self.name}>"
