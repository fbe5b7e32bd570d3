"""The database out of reach (restarting, failing over): every page answers 503 with Retry-After and a page in
the visitor's language, signed in or not, nothing half-written; the same process serves again once it is back.
The cluster's drill (tests/cluster/test_drills.py) restarts a real PostgreSQL server; here new connections are
refused, which is what a worker meets while it is down."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from app.extensions import db
from app.models import Question


@contextmanager
def database_down(app):
    """Every connection from now on is refused, as by a server that is restarting; pooled ones are dropped."""
    with app.app_context():
        engine = db.engine
        refused = engine.dialect.loaded_dbapi.OperationalError

    def refuse(*args, **kwargs):
        raise refused("connection refused: the server is restarting")

    engine.dispose()
    event.listen(engine, "do_connect", refuse)
    try:
        yield
    finally:
        event.remove(engine, "do_connect", refuse)


def questions_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Question.id)))


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The site cannot reach its database just now"),
    ("it", "Il sito non riesce a raggiungere il suo database"),
])
def test_a_visitor_gets_a_retry_page_in_their_language(app, client, language, text):
    with database_down(app):
        response = client.get("/questions", headers={"Accept-Language": language})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    assert text in response.get_data(as_text=True)
    assert client.get("/questions").status_code == 200  # back without a restart


def test_a_signed_in_member_gets_the_retry_page_not_an_error(app, client, auth, make_user, tags):
    make_user("giulia")
    auth.login("giulia")
    with database_down(app):
        response = client.get("/questions/ask")
    assert response.status_code == 503
    assert "Back in a moment" in response.get_data(as_text=True)
    assert client.get("/questions/ask").status_code == 200


def test_a_question_sent_during_the_outage_is_refused_whole(app, client, auth, make_user, tags):
    make_user("giulia")
    auth.login("giulia")
    before = questions_count(app)
    with database_down(app):
        response = client.post("/questions/ask", data={
            "title": "The grinder stops halfway through a dose", "tags": "aurora-one", "language": "en",
            "body": "Every second morning the grinder stops halfway and blinks orange."})
    assert response.status_code == 503
    assert questions_count(app) == before


def test_an_api_client_gets_a_json_error_to_retry(app, client):
    with database_down(app):
        response = client.get("/api/v1/questions", headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    assert response.get_json()["error"]["code"] == "unavailable"
