"""Every /api/v1 route, enumerated from the app: it is in the OpenAPI document and the route table; an
anonymous write (even with a logged-in browser's cookie) is 401 in JSON; a member's token on a brand-team
endpoint is 403; refused calls change nothing; the allowed call works and stores none of the unexpected
fields sent along (author, user, role, score, official mark)."""

import io
import re
from types import SimpleNamespace

import pytest

from app import create_app
from app.api import openapi
from app.assistant import operations as assistant
from app.extensions import db
from app.models import AssistantSession
from app.questions import operations as posts
from tests.conftest import TEST_CONFIG
from tests.integration.route_calls import MARKER, OLD_DATE, STATE_CHANGING
from tests.integration.route_tables import api as route_table
from tests.integration.test_routes_enumerated import changed_rows, fingerprint, snapshot
from tests.pictures import png


def _api_routes() -> tuple[list, list]:
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    routes = sorted({(method, rule.rule) for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/v1/")
                     for method in rule.methods - {"HEAD", "OPTIONS"}})
    with app.test_request_context():
        documented = sorted((e.method.upper(), e.path, e.access) for e in openapi.endpoints())
    return routes, documented


ROUTES, DOCUMENTED = _api_routes()
WRITES = [route for route in ROUTES if route[0] in STATE_CHANGING]
MODERATOR_ONLY = {(method, "/api/v1" + re.sub(r"\{(\w+)\}", r"<int:\1>", path))
                  for method, path, access in DOCUMENTED if access == openapi.MODERATOR}
# Writes anyone may make (the assistant: a visitor's session is theirs by its key); every other write needs a token.
OPEN_WRITES = {(method, "/api/v1" + re.sub(r"\{(\w+)\}", r"<int:\1>", path))
               for method, path, access in DOCUMENTED if access == openapi.OPTIONAL and method in STATE_CHANGING}
TOKEN_WRITES = [route for route in WRITES if route not in OPEN_WRITES]
# Reads for the brand team only: their figures are the brand's, not the public's.
BRAND_TEAM_READS = {("GET", "/api/v1/care/satisfaction")}


def as_openapi(rule: str) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.removeprefix("/api/v1"))


def test_every_route_is_documented_and_in_the_route_table():
    assert {(m, as_openapi(r)) for m, r in ROUTES} == {(m, p) for m, p, _ in DOCUMENTED}
    assert set(ROUTES) == route_table.DESCRIBED_ELSEWHERE
    assert MODERATOR_ONLY and MODERATOR_ONLY.issubset({*WRITES, *BRAND_TEAM_READS})
    assert BRAND_TEAM_READS.issubset(MODERATOR_ONLY)


# How the allowed user calls each write: who, the path's values, a valid body, the expected status.
CALLS = {
    ("POST", "/api/v1/questions"): ("member", {}, lambda w: {
        "title": "The steam wand drips after I close it", "tags": ["aurora-one"],
        "body": "Since last week the steam wand keeps dripping water for minutes after use."}, 201),
    ("POST", "/api/v1/questions/<int:question_id>/answers"): ("member", {"question_id": "question"}, lambda w: {
        "body": "Check the gasket under the steam knob and replace it if it is worn."}, 201),
    ("POST", "/api/v1/posts/<int:post_id>/comments"): ("veteran", {"post_id": "question"}, lambda w: {
        "body": "Which firmware version does your machine show?"}, 201),
    ("POST", "/api/v1/posts/<int:post_id>/vote"): ("veteran", {"post_id": "answer"}, lambda w: {"value": "up"}, 200),
    ("POST", "/api/v1/posts/<int:post_id>/flags"): ("veteran", {"post_id": "answer"},
                                                     lambda w: {"reason": "needs-brand-answer"}, 201),
    ("POST", "/api/v1/answers/<int:answer_id>/accept"): ("owner", {"answer_id": "answer"}, lambda w: {}, 200),
    ("DELETE", "/api/v1/answers/<int:answer_id>/accept"): ("owner", {"answer_id": "accepted"}, lambda w: {}, 200),
    ("POST", "/api/v1/answers/<int:answer_id>/official"): ("mod", {"answer_id": "answer"},
                                                            lambda w: {"note": "Checked by the service team"}, 200),
    ("DELETE", "/api/v1/answers/<int:answer_id>/official"): ("mod", {"answer_id": "official"}, lambda w: {}, 200),
    ("PUT", "/api/v1/questions/<int:question_id>/faq"): ("mod", {"question_id": "solved"}, lambda w: {
        "title": "Descaling the Aurora One, step by step"}, 201),
    ("GET", "/api/v1/care/satisfaction"): ("mod", {}, lambda w: {}, 200),
    ("POST", "/api/v1/images"): ("veteran", {}, lambda w: {"image": ("display.png", png())}, 201),
    ("POST", "/api/v1/assistant"): ("member", {}, lambda w: {"text": "How often should I descale the Aurora One?"},
                                    200),
    ("POST", "/api/v1/assistant/<int:session_id>/feedback"): ("member", {"session_id": "assistant_session"},
                                                               lambda w: {"key": w.assistant_key,
                                                                          "feedback": "not_helpful"}, 200),
}


def sent(body: dict) -> dict:
    """The body as JSON, or as a multipart form where it carries a file (name, content)."""
    if not any(isinstance(value, tuple) for value in body.values()):
        return {"json": body}
    return {"data": {name: (io.BytesIO(value[1]), value[0]) if isinstance(value, tuple) else str(value)
                     for name, value in body.items()}, "content_type": "multipart/form-data"}


def unexpected_fields(w) -> dict:
    return {"role": "admin", "reputation": MARKER, "author_id": w.victim, "user_id": w.victim, "score": MARKER,
            "is_official": True, "official_at": OLD_DATE, "accepted_answer_id": MARKER}


@pytest.fixture
def world(app, client, tags, make_user, make_token):
    from app.questions import official_answers

    users = {"owner": make_user("olivia"), "member": make_user("sam"),
             "veteran": make_user("vera", reputation=100_000), "mod": make_user("marta", role="moderator"),
             "victim": make_user("victor"), "helper": make_user("hugo")}
    question = posts.ask_question(users["owner"], "The machine shows error E04 after descaling",
                                  "The red light blinks three times and the pump stops. What can I do?",
                                  "aurora-one", "en")
    answer = posts.post_answer(users["helper"], question, "Run the descaling cycle again, then hold power 5 s.")
    solved = posts.ask_question(users["owner"], "How do I descale the Aurora One properly?",
                                "Which programme and which descaler should I use, and how often?", "aurora-one", "en")
    accepted = posts.post_answer(users["helper"], solved, "Use the descaling programme with the brand's descaler.")
    posts.accept_answer(users["owner"], accepted)
    official = posts.post_answer(users["helper"], solved, "Every three months, or when the light turns orange.")
    official_answers.mark_official(users["mod"], official)
    db.session.commit()
    w = SimpleNamespace(question=question.id, answer=answer.id, solved=solved.id, accepted=accepted.id,
                        official=official.id, victim=users["victim"].id, users=users)
    session, w.assistant_key = assistant.ask(users["member"], "api", "Descaling the Aurora One", "en")[1:]
    db.session.commit()
    w.assistant_session = session.id
    w.tokens = {name: make_token(user) for name, user in users.items()}
    for token in w.tokens.values():  # first use noted now (then at most every few minutes), not during a check
        assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    return w


def url_for_call(rule: str, values: dict, w) -> str:
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", lambda m: str(getattr(w, values[m.group(1)])), rule)


@pytest.mark.parametrize(("method", "rule"), TOKEN_WRITES, ids=[f"{m} {r}" for m, r in TOKEN_WRITES])
def test_anonymous_writes_are_refused(app, client, auth, world, method, rule):
    _actor, values, body, _ok = CALLS[method, rule]
    url = url_for_call(rule, values, world)
    before = fingerprint(snapshot())
    response = client.open(url, method=method, **sent(body(world)))
    assert response.status_code == 401, f"anonymous {method} {url}: {response.status_code}"
    assert response.json["error"]["code"] == "unauthorized" and response.headers["WWW-Authenticate"]
    assert fingerprint(snapshot()) == before, f"a refused {method} {url} changed the database"
    auth.login(world.users["mod"])  # a browser session, even a moderator's, authorises nothing here
    before = fingerprint(snapshot())  # the log-in itself records the browser's session
    response = client.open(url, method=method, **sent(body(world)))
    assert response.status_code == 401, f"{method} {url} with only a session cookie: {response.status_code}"
    assert fingerprint(snapshot()) == before, f"a refused {method} {url} changed the database"


@pytest.mark.parametrize(("method", "rule"), sorted(MODERATOR_ONLY), ids=[f"{m} {r}" for m, r in
                                                                           sorted(MODERATOR_ONLY)])
@pytest.mark.parametrize("who", ["member", "veteran", "owner"])
def test_members_tokens_are_refused_on_brand_team_endpoints(client, world, method, rule, who):
    _actor, values, body, _ok = CALLS[method, rule]
    url = url_for_call(rule, values, world)
    before = fingerprint(snapshot())
    response = client.open(url, method=method, **sent(body(world)),
                           headers={"Authorization": f"Bearer {world.tokens[who]}"})
    assert response.status_code == 403 and response.json["error"]["code"] == "forbidden", \
        f"{who} {method} {url}: {response.status_code}"
    assert fingerprint(snapshot()) == before


@pytest.mark.parametrize(("method", "rule"), WRITES, ids=[f"{m} {r}" for m, r in WRITES])
def test_the_allowed_call_works_and_takes_no_unexpected_fields(client, world, method, rule):
    actor, values, body, ok = CALLS[method, rule]
    url = url_for_call(rule, values, world)
    old = snapshot()
    response = client.open(url, method=method, **sent({**unexpected_fields(world), **body(world)}),
                           headers={"Authorization": f"Bearer {world.tokens[actor]}"})
    assert response.status_code == ok, f"{actor} {method} {url}: {response.status_code} {response.json}"
    changes = changed_rows(old, snapshot())
    assert changes, f"{method} {url} changed nothing"
    for table, was, row in changes:
        was = was or {}
        where = f"{table} row {row} after {method} {url}"
        assert row.get("role") != "admin", where
        assert MARKER not in (row.get("reputation"), row.get("score"), row.get("accepted_answer_id")), where
        for column in ("author_id", "user_id"):
            assert not (row.get(column) == world.victim and was.get(column) != world.victim), where
        if row.get("official_at") is not None and was.get("official_at") != row["official_at"]:
            assert row["official_at"].year != 2001 and actor == "mod", where


@pytest.mark.parametrize(("method", "rule"), sorted(OPEN_WRITES), ids=[f"{m} {r}" for m, r in sorted(OPEN_WRITES)])
def test_open_writes_take_no_browser_session(app, client, auth, world, method, rule):
    """A visitor may ask the assistant, but a logged-in browser's cookie makes nobody the session's member."""
    _actor, values, body, _ok = CALLS[method, rule]
    auth.login(world.users["mod"])
    response = client.open(url_for_call(rule, values, world), method=method, json=body(world))
    assert response.status_code == 200, response.json
    assert db.session.query(AssistantSession).filter_by(user_id=world.users["mod"].id).count() == 0


def test_reading_me_needs_a_token(client, world):
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {world.tokens['owner']}"}).json[
        "user"]["username"] == "olivia"
