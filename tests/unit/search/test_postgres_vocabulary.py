"""PostgreSQL's title vocabulary ("Did you mean", a long title's rare words) is read once per process; past its
age a search gets the kept one at once while one thread reads it again, since reading walks every title."""

import threading
from contextlib import contextmanager

import pytest
from flask import Flask

from app.search.postgres_backend import PostgresBackend, ReadingPool


@pytest.fixture(autouse=True)
def app_context():
    """A refresh runs in an application context of the app whose search started it."""
    with Flask(__name__).app_context():
        yield


class Titles:
    """Stands in for the database: the title words it holds (each row with the number of titles, as the read asks),
    and a gate the next read waits at."""

    def __init__(self, words: dict[str, int]):
        self.words, self.reads, self.gate = words, 0, threading.Event()
        self.gate.set()

    @contextmanager
    def session(self):
        yield self

    def engine(self):
        raise AssertionError("the vocabulary is read on the app's sessions, not on the searches' connections")

    def execute(self, _statement):
        self.reads += 1
        self.gate.wait(5)
        return [(word, titles, max(self.words.values(), default=0)) for word, titles in self.words.items()]


def test_the_first_read_waits_and_a_stale_vocabulary_is_answered_while_one_thread_reads_it_again():
    titles = Titles({"caffettiera": 3})
    backend = PostgresBackend(titles.session, ReadingPool(titles.engine), vocabulary_seconds=0)
    assert backend._title_words() == {"caffettiera": 3} and titles.reads == 1
    titles.words, titles.gate = {"caffettiera": 3, "macinino": 1}, threading.Event()
    # Past its age (0 s): both searches are answered from the kept vocabulary, and only one read starts.
    assert backend._title_words() == {"caffettiera": 3}
    assert backend._title_words() == {"caffettiera": 3}
    titles.gate.set()
    for thread in threading.enumerate():
        if thread.name == "search-vocabulary":
            thread.join(5)
    assert titles.reads == 2
    assert backend.corrections(["macinini"]) == {"macinini": "macinino"}


def test_a_failed_read_keeps_the_vocabulary_and_the_next_search_tries_again():
    titles = Titles({"caffettiera": 3})
    backend = PostgresBackend(titles.session, ReadingPool(titles.engine), vocabulary_seconds=0)
    backend._title_words()

    def broken(_statement):
        raise RuntimeError("connection lost")

    titles.execute = broken
    assert backend._title_words() == {"caffettiera": 3}
    for thread in threading.enumerate():
        if thread.name == "search-vocabulary":
            thread.join(5)
    assert not backend._refreshing.locked()
    assert backend._title_words() == {"caffettiera": 3}
