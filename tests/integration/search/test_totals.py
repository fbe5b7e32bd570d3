"""The number of results a search page shows: exact up to a few pages past the one shown, "More than …" beyond, in
the reader's language — whether the matches are in titles, in the rest of the text or both, on every backend. On
PostgreSQL the ranking statement tells a language's total when its candidates do, and nothing is counted again."""

import importlib
import re

import pytest
from sqlalchemy import event

from app.extensions import db
from tests.integration.search.pages import result_count

# One result a page, and a count limit of 3: totals are exact up to (1 + 5) × 1 = 6 results on the first page.
LIMIT = 6


@pytest.fixture
def app_config(app_config):
    return {**app_config, "SEARCH_PER_PAGE": 1}


@pytest.fixture(autouse=True)
def low_count_limit(search_backend, monkeypatch):
    module = importlib.import_module(f"app.search.{search_backend}_backend")
    monkeypatch.setattr(module, "COUNT_LIMIT", 3)


@pytest.fixture
def kettles(app, make_user, tags):
    """Questions about kettles, each word in titles and bodies as many times as named:
    - "limescale": 8 titles (more than the limit in titles alone);
    - "gasket": 3 titles and 2 bodies (the titles fill the page, the rest is counted);
    - "thermostat": 4 bodies, no title;
    - "whistle": 2 titles and 9 bodies (together more than the limit)."""
    from app.questions import operations

    asker = make_user("asker")
    mentions = {"limescale": (8, 0), "gasket": (3, 2), "thermostat": (0, 4), "whistle": (2, 9)}
    for word, (in_titles, in_bodies) in mentions.items():
        for n in range(in_titles):
            operations.ask_question(asker, f"Kettle {word} question number {n}", "It started last week.",
                                    "aurora-one", "en")
        for n in range(in_bodies):
            operations.ask_question(asker, f"Kettle trouble report number {n} for {len(word)}",
                                    f"Since the move the {word} seems different.", "aurora-one", "en")
    db.session.commit()


_COUNT_LINE = re.compile(r'<p class="count" role="status">([^<]*)</p>')


def _count_line(client, query: str, language: str = "en") -> str:
    page = client.get("/search", query_string={"q": query}, headers={"Accept-Language": language})
    return _COUNT_LINE.search(page.get_data(as_text=True)).group(1)


@pytest.mark.parametrize(("query", "shown"), [("gasket", 5), ("thermostat", 4)])
def test_a_few_matches_are_counted_exactly(kettles, search, query, shown):
    _, page = search(query)
    assert result_count(page) == shown


@pytest.mark.parametrize("query", ["limescale", "whistle"])
def test_past_the_limit_the_page_says_more_than(kettles, client, query):
    assert _count_line(client, query) == f"More than {LIMIT} results"
    assert _count_line(client, query, "it") == f"Più di {LIMIT} risultati"


def test_a_phrase_is_counted_on_its_own(kettles, search):
    _, page = search('"kettle gasket"')
    assert result_count(page) == 3


@pytest.mark.postgres_only
@pytest.mark.parametrize(("query", "counted", "shown"), [
    ("gasket", True, "5 results"), ("whistle", True, f"More than {LIMIT} results"),
    ("thermostat", False, "4 results"), ("limescale", False, f"More than {LIMIT} results")])
def test_postgres_counts_only_what_its_ranking_did_not_tell(kettles, app, search, query, counted, shown):
    """The titles fill the page for "gasket" and "whistle", so their totals are counted after; "thermostat"'s
    whole texts were ranked, and "limescale" has more title candidates than the limit: the ranking told both."""
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    backend = app.extensions["search"]
    with backend.reading.connect() as connection:
        engine = connection.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        _, page = search(query, language="en")
    finally:
        event.remove(engine, "before_cursor_execute", record)
    counting = [statement for statement in statements if "(SELECT count(*) FROM (SELECT m.* FROM unnest" in statement]
    assert bool(counting) == counted
    assert _COUNT_LINE.search(page).group(1) == shown
