"""Fixtures: a migrated database copied per test, the app, a client, and factories.

With TEST_DATABASE_URL set to a PostgreSQL server (tests/postgres/run.sh does that), each test gets
its own database on that server instead of an SQLite file.
"""

import atexit
import itertools
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

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
    # Apps built straight from TEST_CONFIG index into a throwaway folder (made only when something is
    # indexed, so processes that never index leave nothing), never the instance folder; the `app`
    # fixture gives each test its own index.
    "SEARCH_INDEX_DIR": os.path.join(tempfile.gettempdir(), f"sportello-test-search-{os.getpid()}"),
    # After-commit work (the search index, e-mail, webhooks) runs before the request returns, as commands do.
    "AFTER_COMMIT": "inline",
    # E-mails stay in the outbox until a test sends them (mail.send_pending), into a throwaway folder.
    "MAIL_SEND_AFTER_COMMIT": False,
    "MAIL_DIR": os.path.join(tempfile.gettempdir(), f"sportello-test-mail-{os.getpid()}"),
    # Uploaded images likewise (the `app` fixture gives each test its own folder).
    "UPLOADS_DIR": os.path.join(tempfile.gettempdir(), f"sportello-test-uploads-{os.getpid()}"),
}
atexit.register(shutil.rmtree, TEST_CONFIG["SEARCH_INDEX_DIR"], True)
atexit.register(shutil.rmtree, TEST_CONFIG["MAIL_DIR"], True)
atexit.register(shutil.rmtree, TEST_CONFIG["UPLOADS_DIR"], True)
PASSWORD = "correct horse battery"

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
if TEST_DATABASE_URL and make_url(TEST_DATABASE_URL).get_backend_name() != "postgresql":
    raise pytest.UsageError("TEST_DATABASE_URL must name a PostgreSQL server; SQLite files are the default.")


def pytest_collection_modifyitems(config, items):
    """A test for one database runs in that database's pass of `make test` and is left out of the other."""
    other = "sqlite_only" if TEST_DATABASE_URL else "postgres_only"
    left_out = [item for item in items if item.get_closest_marker(other)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker(other)]


CLUSTER_TESTS = Path(__file__).parent / "cluster"


def pytest_ignore_collect(collection_path, config):
    """tests/cluster/ starts a whole cluster of servers: it runs when named (`make test-cluster`), not in the
    SQLite and PostgreSQL passes, which run everything else."""
    if collection_path != CLUSTER_TESTS:
        return None
    named = [Path(str(arg).split("::")[0]).resolve() for arg in config.args]
    return not any(path == CLUSTER_TESTS or CLUSTER_TESTS in path.parents for path in named)


def pytest_report_header(config):
    if TEST_DATABASE_URL:
        url = make_url(TEST_DATABASE_URL)
        return f"database: PostgreSQL at {url.host}:{url.port} (a database per test)"
    return "database: SQLite (a file per test)"


class PostgresDatabases:
    """Creates and drops databases on the server TEST_DATABASE_URL names."""

    def __init__(self, url: str):
        self.url = make_url(url)
        # CREATE/DROP DATABASE cannot run inside a transaction.
        self.engine = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.numbers = itertools.count(1)

    def url_for(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, name: str | None = None, template: str | None = None) -> str:
        name = name or f"test_{next(self.numbers)}"
        self.drop(name)  # a leftover from an interrupted run on a reused server
        with self.engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        return name

    def drop(self, name: str) -> None:
        with self.engine.connect() as connection:
            # A connection still open (a pool not disposed, a thread) would make DROP fail.
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": name})
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))


@pytest.fixture(scope="session")
def postgres():
    if not TEST_DATABASE_URL:
        yield None
        return
    databases = PostgresDatabases(TEST_DATABASE_URL)
    yield databases
    databases.engine.dispose()


def _migrate(url: str) -> None:
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def migrated_db(tmp_path_factory, postgres):
    """A database upgraded by the real migrations, once per run; each test gets a copy.

    SQLite: a template file, copied. PostgreSQL: a template database, cloned by CREATE DATABASE.
    """
    if postgres is not None:
        template = postgres.create("sportello_template")
        _migrate(postgres.url_for(template))
        yield template
        postgres.drop(template)
        return
    path = tmp_path_factory.mktemp("template") / "template.db"
    _migrate(f"sqlite:///{path}")
    yield path


@pytest.fixture
def db_path(migrated_db, tmp_path, postgres) -> Path:
    if postgres is not None:
        pytest.fail("db_path is an SQLite file: use database_url (or make_database) to run on PostgreSQL too")
    path = tmp_path / "test.db"
    shutil.copy(migrated_db, path)
    return path


@pytest.fixture
def make_database(migrated_db, postgres, tmp_path):
    """Makes another copy of the migrated database (e.g. one per Hypothesis example) and returns its URL."""
    names = []

    def make() -> str:
        if postgres is None:
            path = tmp_path / f"copy-{len(names)}.db"
            names.append(path.name)
            shutil.copy(migrated_db, path)
            return f"sqlite:///{path}"
        names.append(postgres.create(template=migrated_db))
        return postgres.url_for(names[-1])

    yield make
    if postgres is not None:
        for name in names:
            postgres.drop(name)


@pytest.fixture
def database_url(request, postgres):
    """The URL of this test's own copy of the migrated database."""
    if postgres is None:
        return f"sqlite:///{request.getfixturevalue('db_path')}"
    return request.getfixturevalue("make_database")()


@pytest.fixture
def empty_database_url(tmp_path, postgres):
    """The URL of an empty database, for tests that run the migrations themselves."""
    if postgres is None:
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name = postgres.create()
    yield postgres.url_for(name)
    postgres.drop(name)


@pytest.fixture
def app_config():
    return {}


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: a fresh `g` and its own database
    session. Afterwards the test's session forgets what it cached, so it sees what the request wrote.
    The response is read whole and closed, as a server does once it is sent (work deferred to that moment
    has run)."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        db.session.expire_all()
        return response


@pytest.fixture
def search_index_dir(tmp_path) -> Path:
    """Each test gets a real search index of its own (search is never switched off in tests)."""
    return tmp_path / "search-index"


@pytest.fixture
def mail_dir(tmp_path):
    """Where the development mail backend writes this test's e-mails (.eml files)."""
    return tmp_path / "mail"


@pytest.fixture
def uploads_dir(tmp_path):
    """Where the filesystem storage keeps this test's uploaded images."""
    return tmp_path / "uploads"


@pytest.fixture
def app(database_url, app_config, search_index_dir, mail_dir, uploads_dir):
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url,
                      "SEARCH_INDEX_DIR": str(search_index_dir), "MAIL_DIR": str(mail_dir),
                      "UPLOADS_DIR": str(uploads_dir), **app_config})
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


@contextmanager
def statements():
    """The SQL statements run inside the block, as a list of their texts."""
    from sqlalchemy import event

    from app.extensions import db

    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
