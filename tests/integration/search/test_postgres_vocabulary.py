"""PostgreSQL only: "Did you mean" picks from the titles' vocabulary, which each process reads once and, past its
age, reads again on a thread of its own while searches go on with the one kept: a word from a title written
since is offered once that read is done."""

import threading

import pytest

from app.search import indexing

pytestmark = pytest.mark.postgres_only  # run in the PostgreSQL pass, left out of the SQLite one (not skipped)


def _refreshed() -> None:
    for thread in threading.enumerate():
        if thread.name == "search-vocabulary":
            thread.join(30)


def test_a_title_written_since_reaches_did_you_mean_after_the_vocabulary_is_read_again(
        app, corpus, search, make_user, make_question, search_backend):
    assert search_backend == "postgres"
    search("garanzla")  # the vocabulary read for the first time
    make_question(make_user("asker"), title="Il portafiltro perde dal gruppo erogatore")
    _, page = search("portafiltor", as_typed="1")
    assert "Did you mean" not in page  # the vocabulary kept is the one read before the title was written
    indexing.backend().vocabulary_seconds = 0
    search("portafiltor", as_typed="1")  # past its age: answered as kept, read again on its own thread
    _refreshed()
    _, page = search("portafiltor", as_typed="1")
    assert '<a href="/search?q=portafiltro">portafiltro</a>' in page and "Did you mean" in page
