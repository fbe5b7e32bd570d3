"""The index follows the database: edits, answers and deletions show at once; a locked or broken index
never fails the user's request and leaves a pending mark; `check` finds drift and `sync` repairs it."""

import sqlite3
from contextlib import contextmanager

from sqlalchemy import select, text, update

from app import clock
from app.extensions import db
from app.models import Post, SearchPending
from app.search import indexing
from tests.integration.search.pages import result_titles


def pending_ids():
    return set(db.session.scalars(select(SearchPending.question_id)))


def test_new_answer_edit_and_delete_show_at_once(client, auth, corpus, search, make_user):
    question = corpus["en-order"]
    helper = make_user("helper")
    auth.login(helper)
    client.post(f"/questions/{question.id}/answers", data={"body": "The courier Zephyrpost delivers on Tuesdays only."})
    assert result_titles(search("zephyrpost")[1]) == [question.title]
    auth.logout()
    auth.login("giulia")
    response = client.post(f"/posts/{question.id}/edit", data={
        "title": "My capsules parcel has not arrived after two weeks", "body": question.body_markdown,
        "tags": "orders", "summary": "clearer"})
    assert response.status_code == 302
    assert result_titles(search("parcel")[1]) == ["My capsules parcel has not arrived after two weeks"]
    assert result_titles(search('"order has not arrived"')[1]) == []
    auth.logout()
    auth.login(make_user("care", role="moderator"))
    assert client.post(f"/posts/{question.id}/delete").status_code == 302
    assert result_titles(search("zephyrpost")[1]) == []
    assert pending_ids() == set()


def test_deleted_answer_text_leaves_the_document(client, auth, corpus, search, make_user):
    answer = db.session.scalars(select(Post).where(Post.parent_id == corpus["en-tank"].id)).one()
    auth.login(make_user("care", role="moderator"))
    assert client.post(f"/posts/{answer.id}/delete").status_code == 302
    assert result_titles(search("valve")[1]) == []


def test_comment_text_is_searchable(client, auth, corpus, search):
    question = corpus["en-bluetooth"]
    auth.login("tom")
    client.post(f"/posts/{question.id}/comments", data={"body": "Which firmware version does the quokkaphone run?"})
    assert result_titles(search("quokkaphone")[1]) == [question.title]


@contextmanager
def another_writer(app, search_backend):
    """Another worker holding the index's write lock (for PostgreSQL, the documents table)."""
    backend = app.extensions["search"]
    if search_backend == "whoosh":
        writer = backend._index().writer()
        try:
            yield
        finally:
            writer.cancel()
    elif search_backend == "sqlite":
        connection = sqlite3.connect(backend._path(), isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            connection.execute("ROLLBACK")
            connection.close()
    else:
        with db.engine.connect() as connection, connection.begin():
            connection.execute(text("LOCK TABLE search_documents IN EXCLUSIVE MODE"))
            yield


def test_locked_index_leaves_a_pending_mark_then_sync(app, client, auth, corpus, search, search_backend):
    app.config["SEARCH_LOCK_WAIT"] = 0.2
    app.extensions["search"].lock_wait = 0.2
    auth.login("giulia")
    with another_writer(app, search_backend):
        response = client.post("/questions/ask", data={
            "title": "Frothing wand drips after steaming", "body": "Water drips from the wand for minutes.",
            "tags": "milk-frother"})
        assert response.status_code == 302
        question_id = db.session.scalar(select(Post.id).where(Post.title == "Frothing wand drips after steaming"))
        assert pending_ids() == {question_id}
    assert result_titles(search("drips")[1]) == []
    result = app.test_cli_runner().invoke(args=["search", "sync"])
    assert result.exit_code == 0 and "Indexed 1 pending questions" in result.output
    assert result_titles(search("drips")[1]) == ["Frothing wand drips after steaming"]
    assert pending_ids() == set()


def test_broken_index_never_fails_the_request(app, client, auth, corpus, search, monkeypatch):
    def broken(question_ids):
        raise OSError("disk full")

    monkeypatch.setattr(app.extensions["search"], "batch", broken)
    auth.login("giulia")
    response = client.post("/questions/ask", data={
        "title": "Cup warmer stays cold all day", "body": "The top plate never gets warm at all.",
        "tags": "aurora-one"})
    assert response.status_code == 302
    assert len(pending_ids()) == 1
    monkeypatch.undo()
    # The next write also takes older leftovers.
    leftover = pending_ids().pop()
    db.session.execute(update(SearchPending).values(marked_at=clock.now() - indexing.LEFTOVER_AGE * 2))
    db.session.commit()
    client.post(f"/questions/{corpus['en-order'].id}/answers",
                data={"body": "Mine came after three weeks, be patient."})
    assert pending_ids() == set()
    assert result_titles(search("cup warmer")[1]) == ["Cup warmer stays cold all day"]
    assert leftover


def test_rollback_leaves_no_mark(app, corpus, make_user):
    from app.questions import operations

    operations.ask_question(make_user(), "A question that is never committed", "Nothing to see here, really.",
                            "orders", "en")
    db.session.rollback()
    assert pending_ids() == set()


def cli(app, *args):
    return app.test_cli_runner().invoke(args=["search", *args])


def test_check_finds_drift_and_sync_repairs_it(app, corpus, search):
    assert cli(app, "check").exit_code == 0
    # Change the database behind the hook's back, and drop a document from the index.
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE posts SET title = 'Grinder squeaks loudly' WHERE id = :id"),
                           {"id": corpus["en-grinder"].id})
    with app.extensions["search"].batch([corpus["en-tank"].id]) as batch:
        batch.remove(corpus["en-tank"].id)
    result = cli(app, "check")
    assert result.exit_code == 1
    assert "1 missing from the index" in result.output and "1 out of date" in result.output
    assert cli(app, "check", "--repair").exit_code == 1
    assert cli(app, "sync").exit_code == 0
    assert cli(app, "check").exit_code == 0
    assert result_titles(search("squeaks")[1]) == ["Grinder squeaks loudly"]


def test_reindex_rebuilds_everything(app, corpus, search):
    before = result_titles(search("machine")[1])
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE posts SET title = 'Grinder squeaks loudly' WHERE id = :id"),
                           {"id": corpus["en-grinder"].id})
    result = cli(app, "reindex")
    assert result.exit_code == 0, result.output
    assert f"Indexed {len(corpus)} questions" in result.output and "docs/s" in result.output
    assert cli(app, "check").exit_code == 0
    assert result_titles(search("squeaks")[1]) == ["Grinder squeaks loudly"]
    assert set(result_titles(search("machine")[1])) == set(before)


def test_a_large_commit_is_indexed_in_batches(app, tags, make_user, search, monkeypatch):
    from app.questions import operations

    monkeypatch.setattr(indexing, "BATCH", 3)
    author = make_user()
    for n in range(7):
        operations.ask_question(author, f"Imported question number {n} about grinders", "Some imported body text.",
                                "orders", "en")
    db.session.commit()
    assert len(result_titles(search("imported grinders")[1])) == 7
    assert pending_ids() == set()
