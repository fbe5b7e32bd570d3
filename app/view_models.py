"""View models: the frozen dataclasses pages render from, each field declaring where its value comes from.

A field is `shown(column)` (read from a column or a column expression), or `composed()`: another view read
with it (`Joined`: the author of a post …), or built from other parts of the page, the settings or the clock.
A `Part` reads one kind of row of a page (the question, its answers, its tags …) and selects exactly the
shown columns of its dataclass and of the views joined to it; `Statement` reads several parts in one UNION ALL
whose layout is computed from those declarations. The same rows build the view models and, before anything
is rendered, the page's fingerprint (`Statement.key_facts`, `facts`): a key covers every shown field by
construction, including one declared later. A field that may lag (a view count) says `keyed=False`; times
the page shows as "3 minutes ago" say `moment=True`, and the newest of them decides how often the passing of
time changes the key (app/seo/caching.py). docs/architecture-caching.md tells the whole path.
"""

import dataclasses
import functools
import hashlib
import marshal
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, cast, literal_column, null, select, type_coerce, union_all
from sqlalchemy.sql import FromClause
from sqlalchemy.sql.util import ClauseAdapter
from sqlalchemy.types import NullType, TypeDecorator


def shown(column, *, keyed: bool = True, moment: bool = False):
    """A field read from `column` (an ORM attribute or a column expression)."""
    return dataclasses.field(metadata={"column": column, "keyed": keyed, "moment": moment})


def composed(*, keyed: bool = True):
    """A field holding a joined view, or built from other parts of the page, the settings or the clock."""
    return dataclasses.field(metadata={"keyed": keyed})


def model_property(model: type, name: str) -> property:
    """A model's computed property (`is_public`, `name` …) for a view of its rows: one rule, read from either."""
    return property(vars(model)[name].fget)


def shown_fields(view: type) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(view) if "column" in f.metadata]


def _expression(f: dataclasses.Field):
    column = f.metadata["column"]
    return getattr(column, "expression", column)


def _lane(column) -> type:
    """The kind of SQL type a column has: a UNION takes one kind of type in each position."""
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    for lane in (Boolean, Integer, DateTime, String):
        if isinstance(kind, lane):
            return lane
    raise TypeError(f"no lane for {column} of type {column.type!r}")


@dataclass(frozen=True, eq=False)  # compared by identity: SQL conditions define no equality
class Joined:
    """A view read with each row of a part through a LEFT OUTER JOIN of its table: `on(table, joined)` is the
    condition, given the joined table's alias and the aliases joined before it by field name."""
    field: str
    view: type
    on: Callable

    @functools.cached_property
    def table(self):
        return _expression(shown_fields(self.view)[0]).table


@dataclass(frozen=True, eq=False)
class Part:
    """One kind of row a page reads: its view dataclass, the table (or alias, or join) its own columns come from,
    which rows (a condition, which may use the bound parameters of the page's statement), the views joined to
    each row, and what orders the rows (so that a fingerprint does not depend on the database's plan)."""
    name: str
    view: type
    source: FromClause
    where: object = None
    joined: tuple[Joined, ...] = ()
    row_id: object = None

    @functools.cached_property
    def fields(self) -> list[tuple[str | None, dataclasses.Field]]:
        """(joined field or None, field) for every column read, own fields first."""
        return [(None, f) for f in shown_fields(self.view)] + [
            (j.field, f) for j in self.joined for f in shown_fields(j.view)]

    @functools.cached_property
    def _from_and_columns(self) -> tuple:
        source = self.source
        adapter = ClauseAdapter(source) if getattr(source, "original", None) is not None else None
        columns = [_expression(f) for f in shown_fields(self.view)]
        columns = [adapter.traverse(c) for c in columns] if adapter is not None else columns
        aliases: dict = {}
        for j in self.joined:
            alias = j.table.alias(j.field)
            source = source.outerjoin(alias, j.on(alias, aliases))
            aliases[j.field] = alias
            columns += [alias.c[_expression(f).name] for f in shown_fields(j.view)]
        return source, columns, aliases

    @property
    def columns(self) -> list:
        return self._from_and_columns[1]

    def alias(self, field: str):
        """The alias a joined view is read through (to order or filter by its columns)."""
        return self._from_and_columns[2][field]

    def select(self, *where):
        """The part's rows on their own (a list page): raw values, in the order of `fields`."""
        source, columns, _ = self._from_and_columns
        # Labelled by position: joined views repeat column names (`id`), which a result cannot tell apart.
        statement = select(*(type_coerce(c, NullType()).label(f"c{n}") for n, c in enumerate(columns))
                           ).select_from(source)
        conditions = [c for c in (self.where, *where) if c is not None]
        return statement.where(*conditions) if conditions else statement

    @functools.cached_property
    def _keyed(self) -> Callable:
        return operator.itemgetter(*(n for n, (_, f) in enumerate(self.fields) if f.metadata["keyed"]))

    def key_facts(self, rows: Iterable[tuple]) -> list[tuple]:
        """What a fingerprint of rows of `select()` covers: every row's keyed columns, joined views' included, as
        stored (the same fields its views' `facts` give, without building the views)."""
        return [self._keyed(row) for row in rows]

    def newest_moment(self, rows: Iterable[tuple], dialect):
        """The newest of the moments rows of `select()` show (as `newest_moment` finds among their views)."""
        positions = [n for n, (_, f) in enumerate(self.fields) if f.metadata["moment"]]
        return _newest_stored([row[p] for row in rows for p in positions if row[p] is not None],
                              self.columns[positions[0]].type if positions else None, dialect)

    def build(self, values: list, dialect, **extra):
        """The view of one row's raw values (in the order of `fields`), joined views included."""
        own: dict = {}
        joined: dict[str, dict] = {j.field: {} for j in self.joined}
        for (into, f), value, process in zip(self.fields, values, _processors(self, dialect), strict=True):
            value = process(value) if process is not None and value is not None else value
            (own if into is None else joined[into])[f.name] = value
        for j in self.joined:
            found = joined[j.field]
            own[j.field] = j.view(**found) if next(iter(found.values())) is not None else None
        return self.view(**own, **extra)


@functools.cache
def _processors_for(part: Part, dialect_name: str, dialect) -> list:
    return [c.type.dialect_impl(dialect).result_processor(dialect, None) for c in part.columns]


def _processors(part: Part, dialect) -> list:
    """Per column, what turns a stored value into its Python value (None where they are the same)."""
    return _processors_for(part, dialect.name, dialect)


class Statement:
    """Several parts in one UNION ALL: each row starts with its part's name and row id, then its columns in
    positions computed from the declarations (one kind of SQL type per position, typed NULLs elsewhere)."""

    def __init__(self, *parts: Part):
        self.parts = {part.name: part for part in parts}
        width: dict[type, int] = {}
        for part in parts:
            for lane in {_lane(c) for c in part.columns}:
                width[lane] = max(width.get(lane, 0), sum(_lane(c) is lane for c in part.columns))
        start, position = {}, 2
        for lane, count in width.items():
            start[lane], position = position, position + count
        self.width = position
        self.lane_of = {start[lane] + n: lane for lane, count in width.items() for n in range(count)}
        self.positions: dict[str, list[int]] = {}
        for part in parts:
            taken: dict[type, int] = {}
            self.positions[part.name] = []
            for column in part.columns:
                lane = _lane(column)
                self.positions[part.name].append(start[lane] + taken.get(lane, 0))
                taken[lane] = taken.get(lane, 0) + 1
        self._keyed = {name: operator.itemgetter(0, 1, *(p for p, (_, f) in zip(
            self.positions[name], self.parts[name].fields, strict=True) if f.metadata["keyed"]))
            for name in self.parts}
        moments = {p: column for name, part in self.parts.items()
                   for p, (_, f), column in zip(self.positions[name], part.fields, part.columns, strict=True)
                   if f.metadata["moment"]}
        self.moments = sorted(moments)
        self._moment_type = next(iter(moments.values())).type if moments else None
        self._own = {name: {f.name: p for p, (into, f) in zip(self.positions[name], part.fields, strict=True)
                            if into is None} for name, part in self.parts.items()}

    @functools.cached_property
    def statement(self):
        selects = []
        for name, part in self.parts.items():
            source, columns, _ = part._from_and_columns
            values = [cast(null(), self.lane_of[p]()) for p in range(2, self.width)]
            for position, column in zip(self.positions[name], columns, strict=True):
                values[position - 2] = column
            row_id = part.row_id if part.row_id is not None else columns[0]
            selects.append(select(literal_column(f"'{name}'").label("part"), row_id.label("row_id"),
                                  *(type_coerce(v, NullType()) for v in values))
                           .select_from(source).where(part.where))
        return union_all(*selects).order_by("part", "row_id")

    def key_facts(self, rows: list[tuple]) -> list[tuple]:
        """What a fingerprint of the rows covers: every row's keyed columns, as stored."""
        return [self._keyed[row[0]](row) for row in rows]

    def newest_moment(self, rows: list[tuple], dialect):
        """The newest of the moments shown. Compared as stored (SQLite's fixed-width text sorts like the times it
        holds; converting every one cost more than the rest of a kept page), then the newest converted alone."""
        return _newest_stored([row[p] for row in rows for p in self.moments if row[p] is not None],
                              self._moment_type, dialect)

    def value(self, row: tuple, name: str):
        """One of a row's own fields, as stored."""
        return row[self._own[row[0]][name]]

    def position(self, part: str, name: str) -> int:
        return self._own[part][name]

    def build(self, row: tuple, dialect, **extra):
        return self.parts[row[0]].build([row[p] for p in self.positions[row[0]]], dialect, **extra)


def _newest_stored(stored: list, moment_type, dialect):
    """The newest of moments as stored, compared as stored (SQLite's fixed-width text sorts like the times it
    holds; converting every one cost more than the rest of a kept page), then converted alone."""
    if not stored:
        return None
    assert moment_type is not None  # there are moments, so a type of them
    convert = moment_type.dialect_impl(dialect).result_processor(dialect, None)
    return convert(max(stored)) if convert else max(stored)


def digest(value) -> str:
    """A stable digest of plain values (str, int, bool, None, tuples and lists of them; datetimes as ISO text):
    the same in every process, so several workers give one page one key."""
    try:  # most keys hold no datetime (SQLite's rows keep times as text): marshalled as they are, without a walk
        data = marshal.dumps(value, 2)
    except ValueError:  # a datetime somewhere inside: made plain first
        data = marshal.dumps(_marshallable(value), 2)
    return hashlib.sha256(data).hexdigest()[:32]


def _marshallable(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return tuple(_marshallable(v) for v in value) if any(isinstance(v, tuple | list | datetime) for v in value) \
            else tuple(value)
    return value


# Values a key's walk keeps as they are; checked by exact type first, as the walks meet thousands of them on a
# list page.
_MARSHALLABLE = frozenset({str, int, float, bool, type(None)})
_LEAVES = _MARSHALLABLE | {datetime}  # and what holds no moment further down


@functools.cache
def _keyed_getter(view: type) -> Callable | None:
    """The keyed fields of a view model class as a tuple; None for a class that is not a dataclass."""
    if not dataclasses.is_dataclass(view):
        return None
    keyed = [f.name for f in dataclasses.fields(view) if f.metadata.get("keyed", True)]
    return operator.attrgetter(*keyed) if len(keyed) > 1 else (lambda v: (getattr(v, keyed[0]),))


def facts(value):
    """A view model's keyed fields as plain values, joined views and sequences of views included: what a key
    made from it covers (times as ISO text, as `digest` takes them)."""
    return _plain(value)


def _plain(value):
    kind = type(value)
    if kind in _MARSHALLABLE:
        return value
    if kind is datetime:
        return value.isoformat()
    if kind is tuple or kind is list:
        return tuple(map(_plain, value))
    getter = _keyed_getter(kind)
    if getter is not None:
        return tuple(map(_plain, getter(value)))
    if isinstance(value, tuple | list):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return tuple((_plain(k), _plain(v)) for k, v in value.items())
    if isinstance(value, str):
        return str(value)  # Markup and other str subclasses as the text they hold
    return value


def views(part: Part, rows: Iterable[tuple], dialect, **extra: Callable) -> list:
    """Rows of `part.select()` as views; `extra` builds each composed field from the view's row."""
    return [part.build(list(row), dialect, **{name: make(row) for name, make in extra.items()}) for row in rows]


@functools.cache
def _moment_plan(view: type) -> tuple[list[str], list[str]] | None:
    """A view model class's moment fields and the fields that may hold further views; None for a class that is
    not a dataclass."""
    if not dataclasses.is_dataclass(view):
        return None
    fields = dataclasses.fields(view)
    moments = [f.name for f in fields if f.metadata.get("moment")]
    nested = [f.name for f in fields if "column" not in f.metadata and f.metadata.get("keyed", True)]
    return moments, nested


def newest_moment(value) -> datetime | None:
    """The newest moment (`moment=True` field) among view models and sequences of them: what a key's clock step
    follows."""
    found: list[datetime | None] = []
    _moments(value, found)
    present = [moment for moment in found if moment is not None]
    return max(present) if present else None


def _moments(value, found: list) -> None:
    kind: type = type(value)
    if kind in _LEAVES:
        return
    plan = _moment_plan(kind)
    if plan is not None:
        moments, nested = plan
        found.extend(getattr(value, name) for name in moments)
        for name in nested:
            _moments(getattr(value, name), found)
    elif isinstance(value, tuple | list):
        for item in value:
            _moments(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            _moments(item, found)
