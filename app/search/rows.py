"""A search result row rendered once per process and shared by every reader who sees it alike.

A row shows the question's own facts (as a question list row does), the title and snippet with this
query's words marked, and the FAQ mark; it has no per-reader part (no votes, no moderator marks), so
members and visitors share it. Keyed like a list row (see app/seo/caching.py), it is right for as long
as those facts are: a new vote, answer, tag or title makes a new key.
"""

from collections.abc import Callable

from markupsafe import Markup

from app.search.queries import Row
from app.seo.caching import _row_facts, _time_step, keep_fragment


def kept_search_row(row: Row, render: Callable) -> Markup:
    question = row.question
    return keep_fragment(("search row", _row_facts(question), str(row.title), str(row.snippet), row.in_faq,
                          _time_step(question.created_at)), render, row)
