"""On the fixed corpus, English and Italian queries — inflected, accented or not, any case — find the
expected question first, on every backend."""

import pytest

from tests.integration.search.conftest import load
from tests.integration.search.pages import result_titles

CASES = load("relevance.json")["first"]


@pytest.mark.parametrize(("query", "expected"), CASES, ids=[q for q, _ in CASES])
def test_expected_question_first(corpus, search, query, expected):
    status, page = search(query)
    assert status == 200
    titles = result_titles(page)
    assert titles, f"nothing found for {query!r}"
    assert titles[0] == corpus[expected].title


def test_closed_duplicate_ranks_below_the_original(corpus, search):
    _, page = search("E04 descaling")
    titles = result_titles(page)
    assert titles.index(corpus["en-e04"].title) < titles.index(corpus["en-e04-again"].title)


def test_accent_folding_both_ways(corpus, search):
    _, page = search("macinacaffe")
    assert result_titles(page)[0] == corpus["it-macinacaffe"].title
    _, page = search("garanzìa")  # a stray accent on the query side too
    assert result_titles(page)[0] == corpus["it-garanzia"].title


def test_words_found_in_answers_too(corpus, search):
    _, page = search("burrs brush")
    assert result_titles(page) == [corpus["en-grinder"].title]
