"""The care queue's filters by product (a tag, as the care dashboard takes it) and by language: the same two in
every tab, kept in the tabs' links and pages. One place for them, so that the queue's other filters stay apart.

A row belongs to a thread (a question, or the question an answer, a comment or a signal is on); the filters
choose threads: tagged with the product, asked in the language."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import QueryableAttribute

from app.content_language import LANGUAGES
from app.extensions import db
from app.models import Question, Tag, question_tags


@dataclass(frozen=True)
class QueueFilters:
    tag: Tag | None = None
    language: str | None = None

    @classmethod
    def from_args(cls, args) -> "QueueFilters":
        """An unknown product or language filters nothing (the page says which filters apply)."""
        name = args.get("tag", "")[:100]
        language = args.get("lang", "")
        return cls(find_tag(name) if name.strip() else None, language if language in LANGUAGES else None)

    @property
    def active(self) -> bool:
        return self.tag is not None or self.language is not None

    def args(self) -> dict[str, str]:
        """The query arguments that keep these filters in a link."""
        return {**({"tag": self.tag.name} if self.tag else {}), **({"lang": self.language} if self.language else {})}

    def key(self) -> tuple:
        return (self.tag.id if self.tag else None, self.language)

    def threads(self) -> Select:
        """The ids of the questions whose threads pass."""
        query = select(Question.id)
        if self.tag is not None:
            query = query.where(Question.id.in_(select(question_tags.c.question_id)
                                                .where(question_tags.c.tag_id == self.tag.id)))
        if self.language is not None:
            query = query.where(Question.language == self.language)
        return query

    def apply(self, query: Select, thread_id: ColumnElement[Any] | QueryableAttribute[Any]) -> Select:
        """`query` keeping the rows whose thread (`thread_id`, a column of it) passes."""
        return query.where(thread_id.in_(self.threads())) if self.active else query


NO_FILTERS = QueueFilters()


def find_tag(name: str) -> Tag | None:
    """The product a filter names (the care dashboard's filter too)."""
    return db.session.scalar(select(Tag).where(Tag.name == name.strip().lower()))


def products() -> list[Tag]:
    """The products to filter by (the care dashboard offers the same)."""
    return list(db.session.scalars(select(Tag).order_by(Tag.name)))
