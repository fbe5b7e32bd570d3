"""Pagination over selects whose rows carry more than one column (e.g. a user and their points)."""

from flask_sqlalchemy.pagination import SelectPagination

from app.extensions import db


class RowPagination(SelectPagination):
    def _query_items(self) -> list:
        select = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(select).all())


def paginate_rows(select, page: int, per_page: int) -> RowPagination:
    return RowPagination(select=select, session=db.session(), page=page, per_page=per_page,
                         error_out=False, count=True)
