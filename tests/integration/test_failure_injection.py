"""A failure injected into a write path: inside the transaction nothing is kept and the form comes back with
the user's text; after the commit (the search index) the change stands and the index is repaired later."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    Answer,
    Comment,
    OutgoingMail,
    Post,
    Question,
    RateEvent,
    Revision,
    SearchPending,
    Tag,
)

QUESTION = {"title": "The grinder stops halfway through a dose", "tags": "aurora-one",
            "body": "Every second morning the grinder stops halfway and blinks orange. Unusual words: zanzibarite."}


class Boom(RuntimeError):
    pass


def explode(*args, **kwargs):
    raise Boom("injected failure")


@pytest.fixture
def app_config(tmp_path):
    return {"MAIL_SEND_AFTER_COMMIT": False, "MAIL_DIR": str(tmp_path / "mail")}


def rows() -> dict[str, int]:
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Post, Revision, Comment, SearchPending, OutgoingMail, RateEvent)} | {
        "tag counts": db.session.scalar(select(func.sum(Tag.question_count))) or 0,
        "answer counts": db.session.scalar(select(func.sum(Question.answer_count))) or 0}


@pytest.fixture
def member(make_user, tags, auth):
    user = make_user("giulia", reputation=100)
    auth.login("giulia")
    return user


def assert_text_kept(response, *texts):
    html = response.get_data(as_text=True)
    assert response.status_code == 500, html[:500]
    assert "nothing was saved" in html
    for fragment in texts:
        assert fragment in html


def test_search_marks_failing_inside_the_transaction_keep_nothing(client, member, monkeypatch):
    from app import pending_marks

    write = pending_marks.write
    before = rows()
    monkeypatch.setattr(pending_marks, "write", lambda connection, model, *args: explode() if model is SearchPending
                        else write(connection, model, *args))
    response = client.post("/questions/ask", data=QUESTION)
    assert_text_kept(response, "zanzibarite", "The grinder stops halfway through a dose")
    assert rows() == before


def test_a_listener_failing_while_answering_keeps_nothing(client, member, make_user, make_question, monkeypatch):
    from app.badges import awards

    question = make_question(make_user("asker"))
    before = rows()
    monkeypatch.setattr(awards, "check", explode)
    response = client.post(f"/questions/{question.id}/answers",
                           data={"body": "Clean the burrs with the brush, then run it empty for ten seconds."})
    assert_text_kept(response, "Clean the burrs with the brush")
    assert rows() == before
    comment = client.post(f"/posts/{question.id}/comments", data={"body": "Which grinder setting do you use?"})
    assert_text_kept(comment, "Which grinder setting do you use?")
    assert rows() == before


def test_the_mailer_failing_in_a_reset_request_keeps_nothing(client, make_user, monkeypatch, caplog):
    """The link is queued once the answer has left (the answer must not tell whether the address has an
    account, docs/decisions.md): a mailer failing then keeps nothing and is logged; the answer was the usual one."""
    from app import mail

    make_user("giulia")
    before = rows()
    monkeypatch.setattr(mail, "queue", explode)
    response = client.post("/password/forgot", data={"email": "giulia@example.com"}, follow_redirects=True)
    assert response.status_code == 200
    assert "If an account uses this address" in response.get_data(as_text=True)
    assert rows() == before
    assert "work after the response failed" in caplog.text


def test_the_mailer_failing_never_costs_an_answer(client, member, make_user, make_question, monkeypatch):
    """Notification e-mails are queued in the answer's transaction; a mailer that raises there is caught by
    the notifications (the e-mail waits for the daily summary) and the answer stands, whole."""
    from app import mail

    question = make_question(make_user("asker"))
    monkeypatch.setattr(mail, "queue", explode)
    response = client.post(f"/questions/{question.id}/answers",
                           data={"body": "Clean the burrs with the brush, then run it empty for ten seconds."})
    assert response.status_code == 302
    answer = db.session.scalar(select(Answer))
    assert answer is not None and db.session.get(Question, question.id).answer_count == 1
    assert db.session.scalar(select(func.count()).select_from(Revision).where(Revision.post_id == answer.id)) == 1
    assert db.session.scalar(select(func.count()).select_from(OutgoingMail)) == 0


def test_the_index_failing_after_commit_loses_nothing_and_sync_repairs_it(app, client, member, monkeypatch):
    from app.search import indexing

    monkeypatch.setattr(indexing, "index_marks", explode)
    response = client.post("/questions/ask", data=QUESTION)
    assert response.status_code == 302  # the question is saved; only the index is behind
    question = db.session.scalar(select(Question))
    assert question.title == QUESTION["title"]
    assert db.session.scalar(select(SearchPending.question_id)) == question.id  # marked for a later write
    assert QUESTION["title"] not in client.get("/search?q=zanzibarite").get_data(as_text=True)
    monkeypatch.undo()
    runner = app.test_cli_runner()
    assert runner.invoke(args=["search", "check"]).exit_code == 1
    assert runner.invoke(args=["search", "sync"]).exit_code == 0
    assert runner.invoke(args=["search", "check"]).exit_code == 0
    assert QUESTION["title"] in client.get("/search?q=zanzibarite").get_data(as_text=True)
