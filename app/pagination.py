"""Pagination: the page number from the query string, the links to other pages, and pagination over selects whose
rows carry more than one column (e.g. a user and their points)."""

from urllib.parse import urlencode

from flask import abort, request, url_for
from flask_sqlalchemy.pagination import Pagination, SelectPagination

from app.extensions import db
from app.parameters import whole_number

# Deeper than any listing goes: a larger page number is a 404 at once, never an offset the database overflows on.
MAX_PAGE = 1_000_000


def page_number() -> int:
    """`?page=`: 1 when absent or empty, 400 when not a whole number, 404 from 0 or beyond MAX_PAGE."""
    text = request.args.get("page", "").strip()
    if not text:
        return 1
    number = whole_number(text, 1, MAX_PAGE)
    if number is None:
        abort(400)
    return number


def page_url(endpoint: str, number: int) -> str:
    """Page `number` of this listing: the endpoint at this request's path values (never its query arguments, which
    url_for would read as its own options), the other query arguments kept as they came."""
    args = [(key, str(number) if key == "page" else value) for key, value in request.args.items(multi=True)]
    if "page" not in request.args:
        args.append(("page", str(number)))
    return url_for(endpoint, **(request.view_args or {})) + "?" + urlencode(args)


class RowPagination(SelectPagination):
    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select).all())


def paginate_rows(select, page: int, per_page: int) -> RowPagination:
    return RowPagination(select=select, session=db.session(), page=page, per_page=per_page,
                         error_out=False, count=True)


class CutPage(Pagination):
    """The pagination macro's interface over a page whose items are already read (view models, search results)."""

    def __init__(self, items: list, total: int, page: int, per_page: int):
        self._items, self._total = items, total
        super().__init__(page=page, per_page=per_page, max_per_page=None, error_out=False)

    def _query_items(self) -> list:
        return self._items

    def _query_count(self) -> int:
        return self._total
