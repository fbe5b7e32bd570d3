"""Search results in one's language: `?language=` (all, it, en), by default the reader's language first and then
the other (never hidden), a label on results in the other language, on every search backend."""

import re
from datetime import timedelta

import pytest

from app import clock
from app.extensions import db
from app.questions import operations
from tests.integration.search.pages import result_count, result_titles

ITALIAN = ("Errore E42 sulla macchina del caffè", "La macchina mostra E42 appena accesa e non scalda l'acqua.")
ENGLISH = ("Error E42 on the coffee machine", "The machine shows E42 as soon as it is on and does not heat water.")
IT = {"Accept-Language": "it-IT,it;q=0.9"}
SORTS = ("relevance", "newest", "votes")


@pytest.fixture
def mixed(app, tags, make_user):
    """Three Italian and three English questions about the same error, asked alternately (the newest is English)."""
    author, asked_at = make_user("giulia"), clock.now().replace(microsecond=0) - timedelta(hours=1)
    for number in range(3):
        for language, (title, body) in (("it", ITALIAN), ("en", ENGLISH)):
            question = operations.ask_question(author, f"{title} ({number + 1})", body, "aurora-one", language)
            asked_at += timedelta(minutes=1)  # apart by more than the index's second
            question.created_at = asked_at
            db.session.commit()


def _page(client, q: str, headers: dict | None = None, **params) -> str:
    response = client.get("/search", query_string={"q": q, **params}, headers=headers or {})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _languages(page: str) -> list[str]:
    return ["it" if title.startswith("Errore") else "en" for title in result_titles(page)]


def _labels(page: str) -> list[str]:
    """Each result's label of the other language ("" for none), in order."""
    results = re.findall(r'<li class="search-result".*?</h3>', page, re.S)
    return [(re.search(r'<span class="post-language" lang="\w+">([^<]+)</span>', r) or [None, ""])[1] for r in results]


@pytest.mark.parametrize("sort", SORTS)
def test_an_italian_reader_finds_italian_results_first_then_english_ones_labelled(client, mixed, sort):
    page = _page(client, "E42", IT, sort=sort)
    assert _languages(page) == ["it"] * 3 + ["en"] * 3
    assert _labels(page) == [""] * 3 + ["in English"] * 3
    assert result_count(page) == 6 or "6 risultati" in page


@pytest.mark.parametrize("sort", SORTS)
def test_a_visitor_without_a_language_finds_english_first(client, mixed, sort):
    page = _page(client, "E42", sort=sort)
    assert _languages(page) == ["en"] * 3 + ["it"] * 3
    assert _labels(page) == [""] * 3 + ["in italiano"] * 3
    assert result_count(page) == 6


def test_the_members_interface_setting_decides_over_accept_language(client, auth, make_user, mixed):
    auth.login(make_user("marco", locale="it"))
    assert _languages(_page(client, "E42", {"Accept-Language": "en"})) == ["it"] * 3 + ["en"] * 3


def test_an_explicit_filter_finds_one_language_or_every_one_in_one_order(client, mixed):
    assert _languages(_page(client, "E42", IT, language="en")) == ["en"] * 3
    assert _languages(_page(client, "E42", language="it")) == ["it"] * 3
    assert _languages(_page(client, "E42", IT, language="all", sort="newest")) == ["en", "it"] * 3
    assert "3 results" in _page(client, "E42", language="it")


def test_filters_without_words_read_by_language_too(client, mixed):
    assert _languages(_page(client, "[aurora-one]", IT)) == ["it"] * 3 + ["en"] * 3
    assert _languages(_page(client, "is:unanswered", IT, language="en", sort="newest")) == ["en"] * 3
    assert _languages(_page(client, "is:unanswered", language="all", sort="newest")) == ["en", "it"] * 3


def test_the_other_language_is_found_when_it_alone_has_the_words(client, mixed):
    page = _page(client, "coffee heat", IT)
    assert _languages(page) == ["en"] * 3
    assert _labels(page) == ["in English"] * 3
    assert _languages(_page(client, "coffee heat", IT, language="it")) == []


@pytest.mark.parametrize("sort", SORTS)
def test_pages_run_on_from_the_readers_language_into_the_other(app, client, mixed, sort):
    app.config["SEARCH_PER_PAGE"] = 2
    pages = [_languages(_page(client, "E42", IT, sort=sort, page=n)) for n in (1, 2, 3, 4)]
    assert pages == [["it", "it"], ["it", "en"], ["en", "en"], []]
    titles = [result_titles(_page(client, "E42", IT, sort=sort, page=n)) for n in (1, 2, 3)]
    assert len({t for page in titles for t in page}) == 6  # each result once, none skipped


def test_the_sort_tabs_pages_and_corrections_keep_the_filter_and_the_filter_keeps_the_query(app, client, mixed):
    app.config["SEARCH_PER_PAGE"] = 2
    page = _page(client, "E42", sort="votes", language="it")
    tabs = re.search(r'<nav class="tabs".*?</nav>', page, re.S).group(0)
    assert all("language=it" in href for href in re.findall(r'href="([^"]+)"', tabs))
    filters = re.search(r'<nav class="language-filter".*?</nav>', page, re.S).group(0)
    links = dict((label, href) for href, label in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', filters))
    assert set(links) == {"English first", "All languages", "Only Italian", "Only English"}
    assert all("q=E42" in href and "sort=votes" in href for href in links.values())
    assert "language=" not in links["English first"].replace("&amp;", "&")
    pages = re.findall(r'href="(/search\?[^"]*page=\d[^"]*)"', page)
    assert pages and all("language=it" in href for href in pages)
    assert 'name="language" value="it"' in page  # a new search from the box keeps it


def test_results_with_some_of_the_words_are_read_in_the_languages_asked_for(client, mixed):
    page = _page(client, "E42 frullatore", language="it")
    assert "No question has all of your words" in page
    assert _languages(page) == ["it"] * 3
