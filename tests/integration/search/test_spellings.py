"""Hyphenated and joined spellings meet ("wifi" finds "wi-fi" and the reverse), on every backend, at index
and at query time."""

import pytest

from app.text_analysis import spellings, with_compound_parts
from tests.integration.search.pages import result_titles

POSTS = {
    "hyphen": ("The Aurora Duo loses its Wi-Fi connection at night",
               "Every night the app says the machine is offline until I restart the router."),
    "joined": ("Cannot connect the app over wifi after the update",
               "Since the last firmware my phone no longer finds the machine on the home network."),
    "mail": ("No e-mail arrived after ordering descaling tablets",
             "I ordered on Monday and the confirmation never reached my inbox, not even the spam folder."),
}


@pytest.fixture
def posts(make_user, make_question):
    author = make_user()
    return {key: make_question(author, title, body) for key, (title, body) in POSTS.items()}


@pytest.mark.parametrize("query", ["wifi", "wi-fi", "WiFi", "Wi-Fi"])
def test_joined_and_hyphenated_spellings_find_each_other(posts, search, query):
    _, page = search(query)
    assert sorted(result_titles(page)) == sorted([POSTS["hyphen"][0], POSTS["joined"][0]])


@pytest.mark.parametrize("query", ["email", "e-mail"])
def test_email_either_way(posts, search, query):
    _, page = search(query)
    assert result_titles(page) == [POSTS["mail"][0]]


def test_phrases_with_a_hyphenated_pair(posts, search):
    _, page = search('"wifi connection"')
    assert result_titles(page) == [POSTS["hyphen"][0]]
    _, page = search('"wi-fi connection"')
    assert result_titles(page) == [POSTS["hyphen"][0]]


def test_a_part_of_a_pair_still_finds_it(posts, search):
    _, page = search("mail inbox")
    assert result_titles(page) == [POSTS["mail"][0]]


def test_analysis_of_pairs():
    assert spellings("wi-fi") == ["wifi", "wi fi"]
    assert spellings("wifi") == ["wifi"]
    assert spellings("2-3") == ["2-3"]  # numbers joined would be another number
    assert spellings("state-of-the-art") == ["state-of-the-art"]  # a chain is no spelling of one word
    assert with_compound_parts("the wi-fi router") == "the wifi router\nwi fi"
