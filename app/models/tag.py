"""Tags: the brand's products and topics, their names in each language and the other words typed for them."""

import re
import unicodedata

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

DISPLAY_NAME_MAX = 60


def typed_form(text: str) -> str:
    """How a name is typed in the tag field, where a space separates tags: 'Decalcificazione' ->
    'decalcificazione', 'Garanzia e resi' -> 'garanzia-e-resi', 'caffè' -> 'caffe'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[\s,]+", "-", ascii_text.strip().lower()).strip("-")


def in_language(language: str, english: str | None, italian: str | None, fallback: str) -> str:
    """The reader's language's text, else the other language's, else `fallback` (the one rule for tags)."""
    mine, other = (italian, english) if language == "it" else (english, italian)
    return mine or other or fallback


class Tag(Model):
    __tablename__ = "tags"
    # The one rule for a tag's name, typed by a moderator or read from an import: it appears in addresses, file
    # names and spreadsheet cells, so it starts with a letter or digit and holds no quote, space or bracket.
    NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9+.#-]{0,34}")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(35), unique=True)  # the address (slug): one for both languages
    # What readers see in each language; empty falls back to the other language, then to `name`.
    name_en: Mapped[str] = mapped_column(String(DISPLAY_NAME_MAX), default="", server_default="")
    name_it: Mapped[str] = mapped_column(String(DISPLAY_NAME_MAX), default="", server_default="")
    description: Mapped[str] = mapped_column(Text, default="", server_default="")  # in English
    description_it: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Cache of non-deleted questions carrying the tag; rebuilt by `flask counters rebuild`.
    question_count: Mapped[int] = mapped_column(default=0, server_default="0")

    @classmethod
    def is_valid_name(cls, name: str) -> bool:
        return cls.NAME_PATTERN.fullmatch(name) is not None

    def display_name(self, language: str) -> str:
        return in_language(language, self.name_en, self.name_it, self.name)

    def description_in(self, language: str) -> str:
        return in_language(language, self.description, self.description_it, "")

    def __repr__(self) -> str:
        return f"<Tag {self.name}>"


class TagAlias(Model):
    """Another word typed for a tag in the tag field or a search's tag filter ("decalcificazione" for
    `descaling`): it finds the tag, and has no address of its own (unlike a TagRedirect, an old address)."""

    __tablename__ = "tag_aliases"

    term: Mapped[str] = mapped_column(String(35), primary_key=True)  # as `typed_form` writes it
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"), index=True)
