"""A live server on a free loopback port, and Playwright driving Debian's Chromium."""

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium is needed for the browser tests: install it at {CHROMIUM} (make test does)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


@pytest.fixture
def live_server(app, tags):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


NODE_DIR = Path(__file__).resolve().parent / "node"
AXE = NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"
DEMO_PASSWORD = "aurora-demo-2026"


@dataclass
class DemoSite:
    """The demo community served on a free port, with the ids of the pages worth checking."""

    url: str
    question: str  # a question with an accepted and an official answer
    profile: str
    flag_confirmation: str = ""  # deleting the flagged question as spam, asked first
    moderator: str = "aurora.care"


@pytest.fixture(scope="module")
def demo_site(migrated_db, tmp_path_factory):
    """The demo data (`flask demo seed`) in a database of its own, served once per module: pages to look at,
    not to change. The moderator's interface language follows the visitor's cookie, like a visitor's."""
    from app import create_app
    from app.demo.seed import seed_demo
    from app.extensions import db
    from app.models import Flag, Question, User
    from app.moderation import operations as moderation
    from app.urls import post_url, user_url
    from tests.conftest import TEST_CONFIG

    folder = tmp_path_factory.mktemp("demo")
    shutil.copy(migrated_db, folder / "demo.db")
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.db'}",
                      "SEARCH_INDEX_DIR": str(folder / "search-index"), "WTF_CSRF_ENABLED": True})
    with app.app_context():
        seed_demo()
        users = {user.username: user for user in db.session.scalars(select(User))}
        users["aurora.care"].locale = None
        question = db.session.scalars(select(Question).where(Question.accepted_answer_id.is_not(None),
                                                             Question.has_official_answer,
                                                             Question.language == "en")).first()
        if not db.session.scalar(select(Flag.id)):  # a flag waiting in the queue
            flagger = next(u for u in users.values() if u.id != question.author_id and not u.is_moderator)
            moderation.flag_post(flagger, question, "incorrect-or-outdated", "The warranty terms changed in May.")
        db.session.commit()
        with app.test_request_context():
            site = DemoSite("", post_url(question), user_url(users["giulia.rinaldi"]),
                            f"/posts/{question.id}/flags/resolve?outcome=delete-spam")
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site.url = f"http://127.0.0.1:{server.server_port}"
    yield site
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()
