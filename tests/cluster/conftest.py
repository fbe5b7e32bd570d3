"""One cluster for the session (tests/cluster/ runs in `make test-cluster`): PostgreSQL, Redis, two app servers and
HAProxy, with an administrator (made as a deployment makes its first one) who creates a tag through the admin
form. Tests that stop a part start it again before they end."""

import itertools

import pytest
from sqlalchemy import create_engine

from deploy.cluster import Cluster
from tests.cluster.browsing import Browser, errors_on

PASSWORD = "cluster member's password"
ADMIN = "care.admin"

# Small limits, so that counting them across servers takes a few requests.
SEARCH_LIMIT = 8
# A sender's claim on an e-mail or a webhook delivery: short, so that the drills of a server killed mid-send wait
# for it to lapse. A delivery's timeouts (connecting, then reading) stay within it, as docs/deploy.md asks.
CLAIM_SECONDS = 15  # room for a drain command to start on a busy machine, within the claim


@pytest.fixture(scope="session")
def cluster():
    # The administrator signs in with a password alone, as in `make run`; the help desk's webhook receiver in the
    # drill is on loopback, as everything here.
    settings = {"FLASK_SEARCH_RATE_LIMIT": f"{SEARCH_LIMIT}/minute", "FLASK_STAFF_2FA": "optional",
                "FLASK_MAIL_CLAIM_SECONDS": str(CLAIM_SECONDS), "FLASK_WEBHOOKS_CLAIM_SECONDS": str(CLAIM_SECONDS),
                "FLASK_WEBHOOKS_TIMEOUT_SECONDS": "4",
                "FLASK_WEBHOOKS_ALLOW_PRIVATE": "true"}
    with Cluster(extra_env=settings) as running:
        running.flask("users", "create", ADMIN, "--email", "care@example.com", "--password", PASSWORD,
                      "--role", "admin")
        admin = Browser(running, "10.8.0.1")
        admin.log_in(0, ADMIN, PASSWORD)
        created = admin.submit(0, "/tags/new", "name_en", {
            "name": "aurora-one", "name_en": "Aurora One", "name_it": "Aurora One",
            "description": "The Aurora One espresso machine."}, allow_redirects=False)
        assert created.status_code == 302, errors_on(created.text)
        yield running


@pytest.fixture(scope="session")
def database(cluster):
    """The cluster's PostgreSQL, read as an operator would with psql (what the outbox holds)."""
    engine = create_engine(cluster.postgres.url.replace("postgresql://", "postgresql+psycopg://"))
    yield engine
    engine.dispose()


_networks = itertools.count(1)


@pytest.fixture
def address() -> str:
    """A client address no other test uses."""
    return f"10.9.{next(_networks)}.7"


MEMBERS = 24  # more than the tests ask for


@pytest.fixture(scope="session")
def member_names(cluster):
    """Member accounts made in one go with the operation `flask users create` runs (a command per account cost
    seconds each, most of it starting Python)."""
    names = [f"member{n}" for n in range(1, MEMBERS + 1)]
    cluster.python("\n".join((
        "from app.accounts import operations",
        "from app.extensions import db",
        f"for name in {names!r}:",
        f"    operations.create_user(name, name + '@example.com', {PASSWORD!r}, 'member')",
        "db.session.commit()")))
    return iter(names)


@pytest.fixture
def make_member(member_names):
    """A new member account; returns its name."""
    def make() -> str:
        return next(member_names)
    return make


@pytest.fixture
def member(cluster, make_member, address) -> Browser:
    """A browser signed in as a new member, through app server 0."""
    browser = Browser(cluster, address)
    browser.log_in(0, make_member(), PASSWORD)
    return browser


@pytest.fixture
def visitor(cluster, address) -> Browser:
    return Browser(cluster, address)


@pytest.fixture
def moderator(cluster) -> Browser:
    """The brand team's administrator, signed in through app server 0."""
    browser = Browser(cluster, "10.8.0.2")
    browser.log_in(0, ADMIN, PASSWORD)
    return browser
