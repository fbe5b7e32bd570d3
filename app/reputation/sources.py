"""Ledger sources: the facts in the primary data that are worth points, one typed definition per kind.

A source's text (`format()`) is what `reputation_events.source` stores and what the ledger's SQL rules build
(`sql()`, from the same fields), so both paths name a fact alike; `parse()` reads it back. The texts are the
ledger's history: a changed format would orphan every stored row, so they never change.
"""

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import ColumnElement, SQLColumnExpression, String, cast, literal_column


def _day_text(day: date) -> str:
    return f"{day:%Y%m%d}"


def _read_id(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"not an id: {text!r}")
    return int(text)


def _read_day(text: str) -> date:
    if not (len(text) == 8 and text.isascii() and text.isdigit()):
        raise ValueError(f"not a day: {text!r}")
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


# How each field type is written into a source's text and read back.
# Keyed by a field's declared type (`dataclasses.Field.type`, an object to a type checker).
_WRITERS: dict[object, Callable[[Any], str]] = {int: str, date: _day_text}
_READERS: dict[object, Callable[[str], object]] = {int: _read_id, date: _read_day}


@dataclass(frozen=True, slots=True)
class Source:
    """A fact worth points; its text is the kind and the fields in order, joined by colons."""

    kind: ClassVar[str]

    def format(self) -> str:
        return ":".join((self.kind, *(_WRITERS[f.type](getattr(self, f.name)) for f in fields(self))))

    @classmethod
    def prefix(cls, *leading: int) -> str:
        """The start of the text every source of this kind (with these leading fields) has: 'vote:12:'."""
        return ":".join((cls.kind, *map(str, leading), ""))

    @classmethod
    def sql(cls, *columns: SQLColumnExpression[Any]) -> ColumnElement[str]:
        """The same text in SQL from columns in field order (days as YYYYMMDD text), for the ledger's rules."""
        if len(columns) != len(fields(cls)):
            raise TypeError(f"{cls.__name__} has {len(fields(cls))} fields")
        text: ColumnElement[str] = literal_column(f"'{cls.kind}:'", String)
        for position, column in enumerate(columns):
            if position:
                text = text.op("||")(literal_column("':'", String))
            text = text.op("||")(cast(column, String))
        return text

    def __str__(self) -> str:
        return self.format()


@dataclass(frozen=True, slots=True)
class VoteSource(Source):
    """A vote, on the UTC day it was cast: a changed vote may move to another day (and its cap)."""

    kind: ClassVar[str] = "vote"
    voter_id: int
    post_id: int
    day: date


@dataclass(frozen=True, slots=True)
class CapSource(Source):
    """A user's upvote earnings on one UTC day, above the daily cap."""

    kind: ClassVar[str] = "cap"
    user_id: int
    day: date


@dataclass(frozen=True, slots=True)
class AcceptSource(Source):
    kind: ClassVar[str] = "accept"
    question_id: int


@dataclass(frozen=True, slots=True)
class OfficialSource(Source):
    kind: ClassVar[str] = "official"
    answer_id: int


@dataclass(frozen=True, slots=True)
class SolvedSource(Source):
    """The asker said Yes, it solved their problem, about the question's accepted answer."""

    kind: ClassVar[str] = "solved"
    question_id: int


@dataclass(frozen=True, slots=True)
class SpamSource(Source):
    kind: ClassVar[str] = "spam"
    post_id: int


KINDS: dict[str, type[Source]] = {kind.kind: kind for kind in (VoteSource, CapSource, AcceptSource, OfficialSource,
                                                               SolvedSource, SpamSource)}


def parse(text: str) -> Source:
    """The source a ledger text names; ValueError for anything `format()` would not have written."""
    kind, *parts = text.split(":")
    if kind not in KINDS:
        raise ValueError(f"not a ledger source: {text!r}")
    definition = KINDS[kind]
    if len(parts) != len(fields(definition)):
        raise ValueError(f"not a ledger source: {text!r}")
    source = definition(*(_READERS[f.type](part) for f, part in zip(fields(definition), parts, strict=True)))
    if source.format() != text:  # '+5', '05' and the like read as numbers but are not what was written
        raise ValueError(f"not a ledger source: {text!r}")
    return source
