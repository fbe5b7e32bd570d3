"""The world the forms are filled in: the route enumeration's world (so its route table's pages can be
crawled), built once per run and copied for each test, with CSRF on as in production."""

import shutil
from types import SimpleNamespace

import pytest
from jinja2 import BytecodeCache

from app import create_app
from app.extensions import db
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.integration.forms.browser import Browser
from tests.integration.route_tables import sign_in as sign_in_routes
from tests.integration.test_routes_enumerated import USERNAMES, build_world

# Who is who in the world: role name -> username (None: a visitor who has not logged in).
PEOPLE = {**USERNAMES, "helper": "hugo", "target": "tina", "suspended": "sue"}


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True, **sign_in_routes.APP_CONFIG}


class KeptTemplates(BytecodeCache):
    """Compiled templates kept for the whole run: each test builds its own app, and compiling the question
    page's templates again for each cost more than the test's requests (Jinja checks each source's checksum)."""

    def __init__(self):
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket):
        self.kept[bucket.key] = bucket.bytecode_to_string()


KEPT_TEMPLATES = KeptTemplates()




@pytest.fixture(scope="session")
def forms_world(migrated_db, postgres, tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms-world")
    if postgres is None:
        shutil.copy(migrated_db, folder / "world.db")
        url = f"sqlite:///{folder / 'world.db'}"
    else:
        name = postgres.create(template=migrated_db)
        url = postgres.url_for(name)
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url, "SEARCH_INDEX_DIR": str(folder / "index")})
    with app.app_context():
        world = build_world()
        db.session.remove()
        db.engine.dispose()
    yield SimpleNamespace(folder=folder, world=world, name=None if postgres is None else name)
    if postgres is not None:
        postgres.drop(name)


@pytest.fixture
def database_url(forms_world, postgres, tmp_path):
    if postgres is None:
        shutil.copy(forms_world.folder / "world.db", tmp_path / "test.db")
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    name = postgres.create(template=forms_world.name)
    yield postgres.url_for(name)
    postgres.drop(name)


@pytest.fixture
def search_index_dir(forms_world, tmp_path):
    if (forms_world.folder / "index").exists():
        shutil.copytree(forms_world.folder / "index", tmp_path / "search-index")
    return tmp_path / "search-index"


@pytest.fixture
def world(app, forms_world):
    return forms_world.world


@pytest.fixture
def browsers(app):
    """browsers("owner") is the owner's browser, logged in through the log-in form (one per person)."""
    app.jinja_env.bytecode_cache = KEPT_TEMPLATES
    opened: dict[str, Browser] = {}

    def browser(who: str = "anon") -> Browser:
        if who not in opened:
            opened[who] = Browser(app, who)
            if PEOPLE[who]:
                opened[who].log_in(PEOPLE[who], PASSWORD)
        return opened[who]

    browser.opened = opened
    return browser
