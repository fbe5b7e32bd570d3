"""The FTS5 index's own bookkeeping: the title term counts that pick a long title's rarest words are kept
right by edits and deletions (a rebuild finds the same), and the index is a file of its own that a
rebuild swaps whole. Runs on every pass: the index is a SQLite file whatever the database is."""

import pytest

from app.extensions import db


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
