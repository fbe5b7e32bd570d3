"""Every route in `app.url_map`, called the way ROUTES describes, by everyone who should and should not.

A route that is not in ROUTES fails ("describe this route"), so a new page or action cannot be added
without saying who may use it. For each state-changing method:

- without a CSRF token: 400, and the database is unchanged;
- anonymous: sent to the log-in page (HTML) or 401 (JSON), and the database is unchanged;
- a member who is not the owner, lacks the privilege or the role: 403 (or 404 where existence is
  private), and the database is unchanged;
- the allowed user's valid request succeeds, and the unexpected fields sent along with it (role,
  reputation, author_id, is_official, official_at, user_id, score) end up in no stored row.

GET pages: public ones answer anonymous visitors; the others send them to log in (401 for JSON),
refuse members without the role (403) and answer the allowed user.
"""

import hashlib
import re
import shutil
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from app import create_app
from app.extensions import db
from app.models import PostSignal, Tag
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.integration import route_tables
from tests.integration.route_calls import (
    ADMIN,
    ALLOWED,
    MARKER,
    MEMBER,
    MODERATOR,
    OLD_DATE,
    OWNER,
    PRIVILEGE,
    PUBLIC,
    REFUSED,
    STATE_CHANGING,
    Call,
    post,
)
from tests.integration.route_tables import sign_in as sign_in_routes

Q = {"question_id": "question"}
P = {"post_id": "question"}

ROUTES: dict[tuple[str, str], Call] = {
    # Lists and pages anyone may read
    ("GET", "/"): Call(PUBLIC),
    ("GET", "/questions"): Call(PUBLIC, query="tab=active"),
    ("GET", "/questions/<int:question_id>"): Call(PUBLIC, Q, ok=301),
    ("GET", "/questions/<int:question_id>/<slug>"): Call(PUBLIC, {**Q, "slug": "question_slug"}),
    ("GET", "/posts/<int:post_id>"): Call(PUBLIC, {"post_id": "answer"}, ok=301),
    ("GET", "/posts/<int:post_id>/revisions"): Call(PUBLIC, P),
    ("GET", "/tags"): Call(PUBLIC),
    ("GET", "/tags/<name>"): Call(PUBLIC, {"name": "tag_name"}),
    ("GET", "/users"): Call(PUBLIC),
    ("GET", "/users/<int:user_id>"): Call(PUBLIC, {"user_id": "owner"}, ok=301),
    ("GET", "/users/<int:user_id>/<slug>"): Call(PUBLIC, {"user_id": "owner", "slug": "owner_slug"}),
    ("GET", "/help/privileges"): Call(PUBLIC),
    ("GET", "/badges"): Call(PUBLIC),
    ("GET", "/badges/<slug>"): Call(PUBLIC, {"slug": "badge_slug"}),
    ("GET", "/faq"): Call(PUBLIC),
    ("GET", "/faq/<name>"): Call(PUBLIC, {"name": "tag_name"}),
    ("GET", "/search"): Call(PUBLIC, query="q=descaling"),
    ("GET", "/search/suggest"): Call(PUBLIC, query="q=error+after+descaling"),
    ("GET", "/robots.txt"): Call(PUBLIC),
    ("GET", "/sitemap.xml"): Call(PUBLIC),
    ("GET", "/sitemaps/<section>-<int:number>.xml"): Call(PUBLIC, {"section": "sitemap_section",
                                                                   "number": "sitemap_number"}),
    # Accounts
    ("GET", "/register"): Call(PUBLIC),
    ("POST", "/register"): post(PUBLIC, data=lambda w: {"username": "newbie", "email": "newbie@example.com",
                                                        "password": "a long and unusual passphrase 42"}),
    ("GET", "/login"): Call(PUBLIC),
    ("POST", "/login"): post(PUBLIC, data=lambda w: {"login": "olivia", "password": PASSWORD}, changes=None),
    # Deletes this browser's session row: copies of its cookie stop working (test_sessions.py shows it).
    ("POST", "/logout"): post(PUBLIC, actor="owner", changes=None),
    ("POST", "/language"): post(PUBLIC, data=lambda w: {"language": "it", "next": "/faq"}, actor="owner"),
    ("GET", "/settings"): Call(MEMBER),
    ("POST", "/settings"): post(MEMBER, data=lambda w: {"profile-display_name": "Sam the barista",
                                                        "profile-about": "Espresso every morning.",
                                                        "profile-locale": ""}),
    # Asking, answering, commenting, editing, deleting, accepting, voting
    ("GET", "/questions/ask"): Call(MEMBER),
    ("POST", "/questions/ask"): post(MEMBER, data=lambda w: {
        "title": "The steam wand drips after I close it", "tags": "aurora-one",
        "body": "Since last week the steam wand keeps dripping water for minutes after use."}),
    # What the ask and answer forms' script asks while a post is typed: a read, nothing stored.
    ("POST", "/questions/detect-language"): post(MEMBER, data=lambda w: {"text": "La macchina non scalda il latte"},
                                                 ok=200, changes=False),
    ("POST", "/questions/<int:question_id>/answers"): post(MEMBER, Q, lambda w: {
        "body": "Check the gasket under the steam knob and replace it if it is worn."}),
    ("POST", "/posts/<int:post_id>/comments"): post(PRIVILEGE, P, lambda w: {
        "body": "Which firmware version does your machine show?"}),
    ("GET", "/posts/<int:post_id>/edit"): Call(OWNER, P),
    ("POST", "/posts/<int:post_id>/edit"): post(OWNER, P, lambda w: {
        "title": "The machine shows error E04 right after descaling", "tags": "aurora-one descaling",
        "body": "The red light blinks three times and then the pump stops completely.", "summary": "clearer"}),
    ("POST", "/posts/<int:post_id>/delete"): post(OWNER, {"post_id": "unanswered"},
                                                  refused=("member", "veteran")),
    ("POST", "/answers/<int:answer_id>/accept"): post(OWNER, {"answer_id": "answer"},
                                                      refused=("member", "veteran", "mod")),
    ("POST", "/posts/<int:post_id>/vote"): post(PRIVILEGE, {"post_id": "answer"}, lambda w: {"value": "up"}),
    ("POST", "/search/suggestions/<int:question_id>/click"): post(PUBLIC, Q, ok=204),
    # Flags and the brand team's actions
    ("POST", "/posts/<int:post_id>/flags"): post(PRIVILEGE, P, lambda w: {"reason": "needs-brand-answer"}),
    ("POST", "/posts/<int:post_id>/flags/resolve"): post(MODERATOR, {"post_id": "answer"},
                                                         lambda w: {"outcome": "dismiss"}),
    ("POST", "/answers/<int:answer_id>/official"): post(MODERATOR, {"answer_id": "answer"},
                                                        lambda w: {"note": "Checked by the service team"}),
    ("POST", "/questions/<int:question_id>/close"): post(MODERATOR, Q, lambda w: {"reason": "off-topic"}),
    ("POST", "/questions/<int:question_id>/reopen"): post(MODERATOR, {"question_id": "closed"}),
    ("POST", "/questions/<int:question_id>/lock"): post(MODERATOR, Q),
    ("POST", "/posts/<int:post_id>/undelete"): post(MODERATOR, {"post_id": "deleted_answer"}),
    ("POST", "/posts/<int:post_id>/redact"): post(MODERATOR, {"post_id": "personal"}),
    ("POST", "/signals/<int:signal_id>/dismiss"): post(MODERATOR, {"signal_id": "signal"}),
    ("GET", "/moderation"): Call(MODERATOR),
    ("GET", "/moderation/log"): Call(MODERATOR),
    # The FAQ
    ("GET", "/questions/<int:question_id>/faq"): Call(MODERATOR, {"question_id": "solved"}),
    ("POST", "/questions/<int:question_id>/faq"): post(MODERATOR, {"question_id": "solved"}, lambda w: {
        "title": "Descaling the Aurora One, step by step", "answer_id": w.featured, "tag": w.tag_id}),
    ("POST", "/faq/<int:entry_id>/demote"): post(MODERATOR, {"entry_id": "entry"}),
    ("POST", "/faq/<int:entry_id>/move"): post(MODERATOR, {"entry_id": "second_entry"}, lambda w: {"direction": "up"}),
    ("POST", "/faq/<int:entry_id>/approve"): post(MODERATOR, {"entry_id": "entry"}),
    # Administration
    ("GET", "/admin/users"): Call(ADMIN, query="q=tina"),
    ("POST", "/admin/users/<int:user_id>/role"): post(ADMIN, {"user_id": "target"}, lambda w: {"role": "moderator"}),
    ("GET", "/admin/users/<int:user_id>/suspend"): Call(ADMIN, {"user_id": "target"}),
    ("POST", "/admin/users/<int:user_id>/suspend"): post(ADMIN, {"user_id": "target"}, lambda w: {
        "until": (date.today() + timedelta(days=30)).isoformat(), "reason": "Spam links in every answer"}),
    ("POST", "/admin/users/<int:user_id>/unsuspend"): post(ADMIN, {"user_id": "suspended"}),
    ("GET", "/tags/new"): Call(MODERATOR),
    ("POST", "/tags/new"): post(MODERATOR, data=lambda w: {"name": "milk-frother",
                                                           "description": "The milk frother accessory"}),
    ("GET", "/tags/<name>/edit"): Call(MODERATOR, {"name": "tag_name"}),
    ("POST", "/tags/<name>/edit"): post(MODERATOR, {"name": "tag_name"}, lambda w: {
        "name": w.tag_name, "description": "Everything about the Aurora One"}),
}

ROUTES.update(route_tables.routes())  # each area's own table (notifications, API tokens, webhooks, ...)


# Sent with every valid request: none of them may reach a stored row.
def unexpected_fields(w) -> dict:
    return {"role": "admin", "reputation": str(MARKER), "author_id": str(w.victim), "user_id": str(w.victim),
            "score": str(MARKER), "is_official": "1", "official": "y", "official_at": OLD_DATE}


def _app_routes() -> list[tuple[str, str]]:
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return sorted({(method, rule.rule) for rule in app.url_map.iter_rules() if rule.endpoint != "static"
                   for method in rule.methods - {"HEAD", "OPTIONS"}}, key=lambda key: (key[1], key[0]))


APP_ROUTES = _app_routes()


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True, **sign_in_routes.APP_CONFIG}


# The world every route is called in, built once per module; each test gets a copy of its database and
# search index. Ids only (objects would go stale between requests).

def _user(username, role="member", reputation=1, **fields):
    from app.accounts import operations as accounts

    user = accounts.create_user(username, f"{username}@example.com", PASSWORD, role)
    user.reputation, user.ledger_total = reputation, reputation - 1
    for key, value in fields.items():
        setattr(user, key, value)
    return user


def build_world() -> SimpleNamespace:
    from app.faq import operations as faq
    from app.moderation import operations as moderation
    from app.questions import operations as posts

    def ask(title, body="The red light blinks three times and the pump stops. What can I do?", tags="aurora-one"):
        return posts.ask_question(owner, title, body, tags, "en", allow_personal_data=True)

    def answer_to(question, body="Run the descaling cycle again and then hold the power button for 5 s."):
        return posts.post_answer(helper, question, body, "en")

    tags = [Tag(name=name, description=f"About {name}") for name in ("aurora-one", "descaling", "orders")]
    db.session.add_all(tags)
    owner, helper, member = _user("olivia"), _user("hugo"), _user("sam")
    veteran = _user("vera", reputation=100_000)  # every reputation privilege, no role
    mod, admin = _user("marta", role="moderator"), _user("ada", role="admin")
    victim, target = _user("victor"), _user("tina")
    suspended = _user("sue", suspended_until=datetime.now(UTC) + timedelta(days=30), suspension_reason="Spam")
    db.session.flush()
    question = ask("The machine shows error E04 after descaling")
    answer = answer_to(question)
    deleted_answer = answer_to(question, "An answer its author deleted again a moment later.")
    posts.delete_post(helper, deleted_answer)
    moderation.flag_post(veteran, answer, "incorrect-or-outdated", "")
    solved = ask("How do I descale the Aurora One properly?")
    featured = answer_to(solved, "Use the descaling programme with the brand's own descaler.")
    posts.accept_answer(owner, featured)
    entry = faq.save_entry(mod, solved, "Descaling the Aurora One", featured, tags[0], None)
    other_solved = ask("Which water filter fits the Aurora One?")
    other_answer = answer_to(other_solved, "The Aurora Clear filter fits, the older one does not.")
    posts.accept_answer(owner, other_answer)
    second_entry = faq.save_entry(mod, other_solved, "The water filter for the Aurora One", other_answer, tags[0],
                                  None)
    personal = ask("Where is my order for the new grinder?", "Please write to me at olivia.rossi@example.com.",
                   "orders")
    closed = ask("A question the brand team has closed")
    moderation.close_question(mod, closed, "off-topic", None)
    unanswered = ask("A question nobody answered yet, to delete")
    deleted_question = ask("A question its author deleted again")
    posts.delete_post(owner, deleted_question)
    db.session.flush()
    signal = db.session.scalar(select(PostSignal).where(PostSignal.post_id == personal.id,
                                                        PostSignal.kind == "personal_data"))
    db.session.commit()
    w = SimpleNamespace()
    for name, row in {"owner": owner, "helper": helper, "member": member, "veteran": veteran, "mod": mod,
                      "admin": admin, "victim": victim, "target": target, "suspended": suspended,
                      "question": question, "answer": answer, "deleted_answer": deleted_answer, "solved": solved,
                      "featured": featured, "entry": entry, "second_entry": second_entry, "personal": personal,
                      "closed": closed, "unanswered": unanswered, "signal": signal,
                      "deleted_question": deleted_question}.items():
        setattr(w, name, row.id)
    w.question_slug, w.owner_slug, w.deleted_slug = question.slug, "olivia", deleted_question.slug
    w.tag_name, w.tag_id = tags[0].name, tags[0].id
    w.badge_slug = "helper"
    w.sitemap_section, w.sitemap_number = "questions", 1
    for extend in route_tables.world_builders():  # rows the other tables' routes act on
        extend(w)
    db.session.commit()
    return w


@pytest.fixture(scope="module")
def world_template(migrated_db, postgres, tmp_path_factory):
    folder = tmp_path_factory.mktemp("world")
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
def database_url(world_template, postgres, tmp_path):
    if postgres is None:
        shutil.copy(world_template.folder / "world.db", tmp_path / "test.db")
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    name = postgres.create(template=world_template.name)
    yield postgres.url_for(name)
    postgres.drop(name)


@pytest.fixture
def search_index_dir(world_template, tmp_path):
    if (world_template.folder / "index").exists():
        shutil.copytree(world_template.folder / "index", tmp_path / "search-index")
    return tmp_path / "search-index"


@pytest.fixture
def world(app, world_template):
    return world_template.world


def csrf_token(client) -> str:
    html = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


class Visitor:
    """A browser of its own (cookies, CSRF token), anonymous or logged in as one of the world's users."""

    def __init__(self, app, username: str | None = None):
        self.client = app.test_client()
        if username:
            response = self.client.post("/login", data={"login": username, "password": PASSWORD,
                                                         "csrf_token": csrf_token(self.client)})
            assert response.status_code == 302, f"{username} could not log in"
        self.token = csrf_token(self.client)  # the log-in started a fresh session: a fresh token


USERNAMES = {"anon": None, "owner": "olivia", "member": "sam", "veteran": "vera", "mod": "marta", "admin": "ada"}


# The database fingerprint: every table's rows, keyed by primary key.

def snapshot() -> dict[str, dict]:
    tables = {}
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            key_columns = list(table.primary_key.columns) or list(table.columns)
            tables[table.name] = {tuple(row._mapping[c.name] for c in key_columns): dict(row._mapping)
                                  for row in connection.execute(select(table))}
    return tables


def fingerprint(tables: dict[str, dict]) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every column, per table."""
    return {name: (len(rows), hashlib.sha256(repr(sorted(rows.items(), key=repr)).encode()).hexdigest()[:16])
            for name, rows in tables.items()}


def changed_rows(before: dict, after: dict) -> list[tuple[str, dict | None, dict]]:
    return [(name, rows.get(key), row) for name, rows in before.items() for key, row in after[name].items()
            if rows.get(key) != row]


def assert_unchanged(before: dict, what: str) -> None:
    after = fingerprint(snapshot())
    assert after == before, f"{what} changed the database: " + ", ".join(
        name for name in before if before[name] != after[name])


def build_url(rule: str, call: Call, w) -> str:
    def value(match):
        return str(getattr(w, call.values[match.group(1)]))

    path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", value, rule)
    query = call.query(w) if callable(call.query) else call.query  # a query built from the world (a signed link)
    return path + (f"?{query}" if query else "")


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and urlsplit(response.headers["Location"]).path == "/login"


def test_every_route_is_described():
    elsewhere = route_tables.described_elsewhere()
    missing = [f"{method} {rule}" for method, rule in APP_ROUTES if (method, rule) not in ROUTES
               and (method, rule) not in elsewhere]
    assert not missing, "describe these routes in ROUTES (how to call them, who may): " + "; ".join(missing)


def test_every_description_names_a_route():
    stale = [f"{method} {rule}" for method, rule in ROUTES if (method, rule) not in APP_ROUTES]
    assert not stale, "these ROUTES entries name no route any more: " + "; ".join(stale)


TABLE_ROUTES = [route for route in APP_ROUTES if route not in route_tables.described_elsewhere()]


@pytest.mark.parametrize(("method", "rule"), TABLE_ROUTES, ids=[f"{m} {r}" for m, r in TABLE_ROUTES])
def test_route(app, world, method, rule):
    call = ROUTES.get((method, rule))
    if call is None:
        pytest.fail(f"describe this route in ROUTES: {method} {rule}")
    url = build_url(rule, call, world)
    actor = call.actor or ALLOWED[call.access]
    refused = REFUSED[call.access] if call.refused is None else call.refused
    visitors = {name: Visitor(app, USERNAMES[name]) for name in {"anon", actor, *refused}}
    if method in STATE_CHANGING:
        check_state_change(method, url, call, world, visitors, actor, refused)
    else:
        check_page(method, url, call, visitors, actor, refused)


def check_page(method, url, call, visitors, actor, refused):
    anon = visitors["anon"].client
    if call.access == PUBLIC:
        response = anon.open(url, method=method)
        assert response.status_code == call.ok, f"anonymous {method} {url}"
        return
    response = anon.open(url, method=method)
    assert is_login_redirect(response), f"anonymous {method} {url} is not sent to log in: {response.status_code}"
    response = anon.open(url, method=method, headers={"Accept": "application/json"})
    assert response.status_code == 401 and response.json["error"]["code"] == "unauthorized"
    for name in refused:
        response = visitors[name].client.open(url, method=method)
        assert response.status_code == call.refused_status, f"{name} {method} {url}"
    response = visitors[actor].client.open(url, method=method)
    assert response.status_code == call.ok, f"{actor} {method} {url}"


def check_state_change(method, url, call, w, visitors, actor, refused):
    data = call.data(w)
    before = fingerprint(snapshot())
    # No CSRF token: refused before anything else, even for the one who may do it.
    response = visitors[actor].client.open(url, method=method, data=data)
    assert response.status_code == 400, f"{method} {url} without a CSRF token: {response.status_code}"
    assert_unchanged(before, f"{method} {url} without a CSRF token")
    response = visitors[actor].client.open(url, method=method, data={**data, "csrf_token": "forged"})
    assert response.status_code == 400, f"{method} {url} with a forged CSRF token: {response.status_code}"
    assert_unchanged(before, f"{method} {url} with a forged CSRF token")

    if call.access != PUBLIC:
        anon = visitors["anon"]
        response = anon.client.open(url, method=method, data={**data, "csrf_token": anon.token})
        assert is_login_redirect(response), f"anonymous {method} {url}: {response.status_code}"
        response = anon.client.open(url, method=method, data=data,
                                    headers={"Accept": "application/json", "X-CSRFToken": anon.token})
        assert response.status_code == 401, f"anonymous JSON {method} {url}: {response.status_code}"
        assert_unchanged(before, f"anonymous {method} {url}")
    for name in refused:
        visitor = visitors[name]
        response = visitor.client.open(url, method=method, data={**data, "csrf_token": visitor.token})
        assert response.status_code == call.refused_status, f"{name} {method} {url}: {response.status_code}"
        assert_unchanged(before, f"{name}'s {method} {url}")

    # The valid request, with unexpected fields along: it works, and no stored row takes them.
    visitor = visitors[actor]
    extra = {k: v for k, v in unexpected_fields(w).items() if k not in data}
    old = snapshot()
    response = visitor.client.open(url, method=method, data={**extra, **data, "csrf_token": visitor.token})
    assert response.status_code == call.ok, f"{actor} {method} {url}: {response.status_code}\n" + \
        response.get_data(as_text=True)[:2000]
    changes = changed_rows(old, snapshot())
    if call.changes is not None:
        assert bool(changes) == call.changes, f"{actor} {method} {url} changed {changes or 'nothing'}"
    acting_moderator = actor in ("mod", "admin")
    for table, was, row in changes:
        was = was or {}
        where = f"{table} row {row} after {method} {url}"
        if "role" in extra:
            assert not (row.get("role") == "admin" and was.get("role") != "admin"), where
        for column in ("reputation", "score"):
            assert row.get(column) != MARKER, where
        for column in ("author_id", "user_id"):
            assert not (row.get(column) == w.victim and was.get(column) != w.victim), where
        if row.get("official_at") is not None and was.get("official_at") != row["official_at"]:
            assert row["official_at"].year != 2001, where
            assert acting_moderator, f"a member's request made a post official: {where}"


POST_ARGUMENTS = {"post_id": "deleted_question", "question_id": "deleted_question", "answer_id": "deleted_answer",
                  "slug": "deleted_slug"}
PRIVATE_CASES = [(method, rule) for method, rule in APP_ROUTES
                 if re.search(r"<int:(post|question|answer)_id>", rule) and (method, rule) in ROUTES
                 and ROUTES[method, rule].access not in (MODERATOR, ADMIN)]


@pytest.mark.parametrize(("method", "rule"), PRIVATE_CASES, ids=[f"{m} {r}" for m, r in PRIVATE_CASES])
def test_a_deleted_post_does_not_exist_for_members(app, world, method, rule):
    """Where existence is private (a deleted post), members get 404 (or 410), never 403 or the page."""
    call = ROUTES[method, rule]
    url = build_url(rule, Call(call.access, {**call.values, **{k: v for k, v in POST_ARGUMENTS.items()
                                                               if f"<{k}>" in rule or f":{k}>" in rule}},
                               query=call.query), world)
    names = {"anon", "member", "veteran", "owner"}
    if call.access != PUBLIC:
        names.remove("anon")  # sent to log in first, as test_route checks
    visitors = {name: Visitor(app, USERNAMES[name]) for name in names}
    before = fingerprint(snapshot())
    for name, visitor in visitors.items():
        data = {**call.data(world), "csrf_token": visitor.token} if method in STATE_CHANGING else None
        response = visitor.client.open(url, method=method, data=data)
        # 410 Gone: a deleted question tells search engines to drop it (nothing of it is shown).
        assert response.status_code in (404, 410), f"{name} {method} {url}: {response.status_code}"
        assert "A question its author deleted" not in response.get_data(as_text=True)
    assert_unchanged(before, f"{method} {url} on a deleted post")


@pytest.fixture(scope="module", autouse=True)
def report_routes(request):
    """How many routes the enumeration covers goes to the test log (past output capture)."""
    yield
    elsewhere = route_tables.described_elsewhere()
    changing = sum(1 for method, _ in APP_ROUTES if method in STATE_CHANGING)
    with request.config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
        print(f"\nroutes covered: {len(APP_ROUTES)} ({changing} state-changing); {len(TABLE_ROUTES)} called here, "
              f"{len(elsewhere)} by the API's own enumeration")
