"""Request parameters: form fields and query-string values arrive without NUL characters; ids and whole numbers
are read within what the database can hold; query arguments never reach url_for.

Nobody types a NUL, but a script or a pasted binary can send one, and PostgreSQL refuses text that
contains it: the write would fail with a server error and the user's text would be lost. Removing it
where parameters are parsed covers every form, every `request.form.get` and every query string at once.
"""

from datetime import date, datetime
from urllib.parse import urlencode

from flask import Request, abort, request
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.routing import IntegerConverter

# The largest id a table holds on every database (PostgreSQL's INTEGER). A larger number names no row, and as a
# query parameter the database refuses it (SQLite beyond 2^63 - 1, PostgreSQL beyond this) with a server error.
MAX_ID = 2**31 - 1
# The days a filter or a form may name: a day at either end of the calendar overflows the first day added to it
# (9999-12-31 + 1), and a span from year 1 makes a per-week chart of a hundred thousand weeks.
EARLIEST_DAY, LATEST_DAY = date(1970, 1, 1), date(2999, 12, 31)


class TextParameters(ImmutableMultiDict):
    def __init__(self, mapping=None):
        if mapping is not None:
            mapping = [(key, value.replace("\x00", "") if isinstance(value, str) else value)
                       for key, value in iter_multi_items(mapping)]
        super().__init__(mapping)


class TextRequest(Request):
    parameter_storage_class = TextParameters


class IdConverter(IntegerConverter):
    """`<int:…>` in every route: a number no row can have is read as 0, which no row has either, so the view's
    lookup answers 404 like for any unknown id. (Refusing it in the converter instead made Werkzeug answer 405
    where another method's route has the same address, and the database raised on numbers past its integers.)"""

    def to_python(self, value: str) -> int:
        if len(value) > len(str(MAX_ID)):  # Python refuses to read numbers of thousands of digits
            return 0
        number = super().to_python(value)
        return number if number <= MAX_ID else 0


def whole_number(text: str | None, low: int = 1, high: int = MAX_ID) -> int | None:
    """A whole number as typed (digits only: no sign, no spaces), or None; 404 beyond `high` (no such page or row)."""
    if text is None or not text.isascii() or not text.isdigit():
        return None
    if len(text) > len(str(high)) or not low <= int(text) <= high:
        abort(404)
    return int(text)


def row_id(value) -> int:
    """A form's choice of a row (`coerce=` of a SelectField): 0, which names no row, for a number no row can have;
    ValueError (the field's "could not coerce") for anything but a whole number."""
    number = int(value) if isinstance(value, int) else None
    if number is None:
        text = str(value).strip()
        if not text.isascii() or not text.isdigit():
            raise ValueError(f"not an id: {text[:20]!r}")
        number = int(text) if len(text) <= len(str(MAX_ID)) else 0
    return number if 0 < number <= MAX_ID else 0


def id_argument(args, name: str) -> int | None:
    """An id from the query string (`?moderator=3`): None when absent or empty, 400 when not a whole number, 404
    when no row could have it."""
    text = args.get(name, "").strip()
    if not text:
        return None
    number = whole_number(text, 1)
    if number is None:
        abort(400)
    return number


def day(text: str | None) -> date | None:
    """A day written YYYY-MM-DD, or None."""
    try:
        return datetime.strptime((text or "").strip(), "%Y-%m-%d").date()
    except ValueError:
        return None


def day_in_range(value: date) -> bool:
    return EARLIEST_DAY <= value <= LATEST_DAY


def with_query(url: str) -> str:
    """`url` with this request's query arguments, encoded again: a redirect to a page's canonical address keeps
    them (a tracking tag, the tab) without passing them to url_for, where `_external`, `_method` or a name of the
    route's own (`slug`, `user_id`) would change the address built or fail."""
    query = urlencode(list(request.args.items(multi=True)))
    if not query:
        return url
    path, hash_mark, anchor = url.partition("#")
    return f"{path}{'&' if '?' in path else '?'}{query}{hash_mark}{anchor}"
