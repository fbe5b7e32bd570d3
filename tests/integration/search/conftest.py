"""Search fixtures: the fixed corpus in tests/data/search, and every search test run once per backend
this pass can run: SQLite FTS5 and Whoosh on the SQLite pass, PostgreSQL when TEST_DATABASE_URL names a
PostgreSQL server (then every test's database is on it)."""

import json
from pathlib import Path

import pytest

from app import clock
from app.extensions import db
from app.models import Question, Tag
from tests.conftest import TEST_DATABASE_URL

DATA = Path(__file__).resolve().parents[2] / "data" / "search"


def load(name: str) -> dict:
    return json.loads((DATA / name).read_text())


BACKENDS = ["postgres"] if TEST_DATABASE_URL else ["sqlite", "whoosh"]


@pytest.fixture(params=BACKENDS)
def search_backend(request) -> str:
    return request.param


@pytest.fixture
def app_config(search_backend):
    return {"SEARCH_BACKEND": search_backend}


@pytest.fixture
def corpus(app, make_user, tags) -> dict[str, Question]:
    """The fixed forum, written in one transaction (so indexed by one after-commit write)."""
    from app.questions import operations

    data = load("corpus.json")
    existing = {t.name for t in tags}
    db.session.add_all(Tag(name=name) for name in data["tags"] if name not in existing)
    db.session.commit()
    asker, helper = make_user("giulia", locale="it"), make_user("tom")
    questions = {}
    for n, item in enumerate(data["questions"]):
        clock_at = clock.now().replace(microsecond=0)
        question = operations.ask_question(asker, item["title"], item["body"], item["tags"], item["language"])
        question.created_at = clock_at.replace(day=1, month=1, year=2026).replace(hour=n)
        for answer_data in item["answers"]:
            answer = operations.post_answer(helper, question, answer_data["body"], item["language"])
            if answer_data.get("accepted"):
                operations.accept_answer(asker, answer)
        if item.get("closed"):  # after its answers: a closed question takes no new ones
            question.closed_reason = "duplicate"
        questions[item["key"]] = question
    db.session.commit()
    return questions


@pytest.fixture
def search(client):
    """GET /search and return (status, html)."""

    def run(q: str, **params):
        response = client.get("/search", query_string={"q": q, **params})
        return response.status_code, response.get_data(as_text=True)

    return run
