"""The FTS5 index's own bookkeeping: the title term counts that pick a long title's rarest words are kept
right by edits and deletions (a rebuild finds the same), and the index is a file of its own that a
rebuild swaps whole; the best-regarded matches are the ones ranked; an index in an older layout is
rebuilt, never misread. Runs on every pass: the index is a SQLite file whatever the database is."""

import sqlite3
import threading

import pytest

from app.extensions import db
from app.search import sqlite_backend
from app.search.syntax import parse
from tests.integration.search.pages import result_titles


@pytest.fixture
def app_config():
    return {"SEARCH_BACKEND": "sqlite"}


def title_terms(app) -> dict[tuple[str, str], int]:
    rows = app.extensions["search"].reader().execute(
        "SELECT language, term, documents FROM title_terms WHERE documents > 0").fetchall()
    return {(language, term): n for language, term, n in rows}


def test_title_counts_follow_edits_and_deletions(app, client, auth, corpus, make_user):
    question = corpus["en-grinder"]
    auth.login("giulia")
    response = client.post(f"/posts/{question.id}/edit", data={
        "title": "Grinder squeaks and grinds unevenly every morning", "body": question.body_markdown,
        "tags": "grinder", "summary": "clearer"})
    assert response.status_code == 302
    auth.logout()
    auth.login(make_user("care", role="moderator"))
    assert client.post(f"/posts/{corpus['en-tank'].id}/delete").status_code == 302
    counted = title_terms(app)
    assert counted[("en", "squeak")] == 1 and ("en", "tank") not in counted
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert title_terms(app) == counted


def test_the_index_is_a_file_of_its_own(app, corpus, search_index_dir):
    before = app.extensions["search"]._path()
    assert before.is_relative_to(search_index_dir / "fts5") and before.name == "index.sqlite"
    assert app.test_cli_runner().invoke(args=["search", "reindex"]).exit_code == 0
    after = app.extensions["search"]._path()
    assert after != before and after.exists()
    assert db.engine.url.database is None or str(after) != db.engine.url.database


def test_slots_order_by_quality_then_newest_and_read_back():
    pairs = [(7, 1.0), (3, 2.25), (9, 1.0), (1, 0.34), (4, 5.04), (2, 2.25)]
    slots = {sqlite_backend.slot(i, b): (i, b) for i, b in pairs}
    assert [slots[s][0] for s in sorted(slots)] == [4, 3, 2, 9, 7, 1]
    connection = sqlite3.connect(":memory:")
    for value, (question_id, boost) in slots.items():
        assert connection.execute(f"SELECT {sqlite_backend.slot_id('?1')}, {sqlite_backend.slot_boost('?1')}",
                                  (value,)).fetchone() == (question_id, boost)


def test_the_best_regarded_matches_are_ranked_first(app, corpus, monkeypatch):
    """With one candidate, the match ranked is the one with the highest quality factor: here, after
    votes, a question with "machine" in its title that is neither the oldest nor the newest."""
    monkeypatch.setattr(sqlite_backend, "RANK_CANDIDATES", 1)
    voted = corpus["en-bluetooth"]
    voted.score = 9
    db.session.commit()
    assert app.extensions["search"].search(parse("machine"), "relevance", 1, 1).ids == [voted.id]


def test_a_deep_page_is_ranked_from_enough_candidates(app, corpus, monkeypatch):
    monkeypatch.setattr(sqlite_backend, "RANK_CANDIDATES", 1)
    backend = app.extensions["search"]
    pages = [backend.search(parse("machine"), "relevance", page, 1).ids for page in (1, 2, 3, 4)]
    assert all(len(ids) == 1 for ids in pages) and len({ids[0] for ids in pages}) == 4


def test_an_index_in_an_older_layout_is_rebuilt_not_misread(app, corpus, search):
    backend = app.extensions["search"]
    with sqlite3.connect(backend._path()) as connection:
        connection.execute("PRAGMA user_version = 1")
    backend._local = threading.local()  # as a new worker would open it
    status, page = search("machine")
    assert status == 503 and result_titles(page) == []
    checked = app.test_cli_runner().invoke(args=["search", "check"])
    assert checked.exit_code == 1 and "run `flask search reindex`" in checked.output
    assert app.test_cli_runner().invoke(args=["search", "reindex"]).exit_code == 0
    status, page = search("machine")
    assert status == 200 and corpus["en-tank"].title in result_titles(page)
