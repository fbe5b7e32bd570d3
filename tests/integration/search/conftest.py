"""Search fixtures: the fixed corpus in tests/data/search, and every search test run once per backend:
Whoosh always, PostgreSQL when TEST_DATABASE_URL points at a PostgreSQL database."""

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app import clock
from app.extensions import db
from app.models import Question, Tag

DATA = Path(__file__).resolve().parents[2] / "data" / "search"
PG_URL = os.environ.get("TEST_DATABASE_URL", "")
if PG_URL.startswith("postgresql://"):
    PG_URL = "postgresql+psycopg://" + PG_URL[len("postgresql://"):]


def load(name: str) -> dict:
    return json.loads((DATA / name).read_text())


@pytest.fixture(scope="session")
def postgres_url():
    """A migrated PostgreSQL database, once per run (its public schema is rebuilt)."""
    if not PG_URL.startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL does not point at PostgreSQL")
    from flask_migrate import upgrade

    from app import create_app
    from tests.conftest import TEST_CONFIG

    engine = create_engine(PG_URL)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        for name in ("sportello_english", "sportello_italian"):
            connection.execute(text(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}"))
    engine.dispose()
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": PG_URL})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return PG_URL


def _empty_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        tables = connection.scalars(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")).all()
        connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["whoosh", "postgres"])
def search_backend(request) -> str:
    return request.param


@pytest.fixture
def app_config(request, search_backend):
    if search_backend == "whoosh":
        return {}
    url = request.getfixturevalue("postgres_url")
    _empty_postgres(url)
    return {"SQLALCHEMY_DATABASE_URI": url, "SEARCH_BACKEND": "postgres"}


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
        if item.get("closed"):
            question.closed_reason = "duplicate"
        for answer_data in item["answers"]:
            answer = operations.post_answer(helper, question, answer_data["body"], item["language"])
            if answer_data.get("accepted"):
                operations.accept_answer(asker, answer)
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
