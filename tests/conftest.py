"""Fixtures: a migrated database copied per test, the app, a client, and factories."""

import atexit
import shutil
import tempfile
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from app.models import Tag, User

TEST_CONFIG = {
    "TESTING": True,
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "SECRET_KEY": "test-secret",
    # Fast hashing in tests; production's scrypt parameters are checked in test_accounts.
    "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    "SERVER_NAME": None,
    # Apps built straight from TEST_CONFIG index into a throwaway folder, never the instance folder;
    # the `app` fixture gives each test its own index.
    "SEARCH_INDEX_DIR": tempfile.mkdtemp(prefix="sportello-search-"),
}
atexit.register(shutil.rmtree, TEST_CONFIG["SEARCH_INDEX_DIR"], True)
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory) -> Path:
    """An SQLite file upgraded by the real migrations, once per run; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return path


@pytest.fixture
def db_path(migrated_db, tmp_path) -> Path:
    path = tmp_path / "test.db"
    shutil.copy(migrated_db, path)
    return path


@pytest.fixture
def app_config():
    return {}


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: a fresh `g` and its own database
    session. Afterwards the test's session forgets what it cached, so it sees what the request wrote."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def search_index_dir(tmp_path) -> Path:
    """Each test gets a real search index of its own (search is never switched off in tests)."""
    return tmp_path / "search-index"


@pytest.fixture
def app(db_path, app_config, search_index_dir):
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{db_path}",
                      "SEARCH_INDEX_DIR": str(search_index_dir), **app_config})
    app.test_client_class = IsolatedClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def tags(app):
    created = [Tag(name=name, description=f"About {name}") for name in ("aurora-one", "descaling", "orders")]
    db.session.add_all(created)
    db.session.commit()
    return created


@pytest.fixture
def make_user(app):
    from app.accounts import operations

    counter = iter(range(1, 10_000))

    def make(username=None, role="member", locale=None, reputation=1, **fields) -> User:
        """A member; `reputation` sets only the cached figure, for tests about what it allows."""
        username = username or f"user{next(counter)}"
        user = operations.create_user(username, f"{username}@example.com", PASSWORD, role)
        user.locale = locale
        user.reputation, user.ledger_total = reputation, reputation - 1
        for key, value in fields.items():
            setattr(user, key, value)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_question(app, tags):
    from app.questions import operations

    def make(author, title="The machine shows error E04 after descaling",
             body="The red light blinks three times and the pump stops. What can I do?", tag_names="aurora-one"):
        question = operations.ask_question(author, title, body, tag_names, "en")
        db.session.commit()
        return question

    return make


@pytest.fixture
def make_answer(app):
    from app.questions import operations

    def make(author, question, body="Run the descaling cycle again and then hold the power button for 5 s."):
        answer = operations.post_answer(author, question, body, "en")
        db.session.commit()
        return answer

    return make


class Actions:
    """Log in and out through the real forms."""

    def __init__(self, client):
        self.client = client

    def login(self, user_or_name, password=PASSWORD):
        login = user_or_name if isinstance(user_or_name, str) else user_or_name.username
        response = self.client.post("/login", data={"login": login, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return Actions(client)
