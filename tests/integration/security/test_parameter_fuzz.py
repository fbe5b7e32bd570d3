"""No parameter makes a server error: every route of the app (the route table of test_routes_enumerated.py, so a new
route is fuzzed as soon as it is described there, and the JSON API's), called by the user allowed to call it, with
each of its path values, each query or form parameter it reads, each name its own URL is built from and the names
`url_for` treats specially, in turn set to a hostile value: huge, beyond a database integer, negative, zero,
non-numeric, a date at either end of the calendar, unicode, long, repeated. The answer is never a 5xx, and a
redirect never leaves the site."""

import re
from urllib.parse import urlsplit

import pytest

from app.extensions import db
from app.parameters import TextParameters
from tests.integration import test_routes_enumerated as enumerated
from tests.integration.route_calls import ALLOWED, STATE_CHANGING
from tests.integration.route_tables import assistant as assistant_routes
from tests.integration.test_routes_enumerated import APP_ROUTES, ROUTES, USERNAMES, Visitor, build_url

# The route enumeration's world, copied for each test (pytest finds fixtures by these names).
world_template, database_url, search_index_dir = (enumerated.world_template, enumerated.database_url,
                                                  enumerated.search_index_dir)
world = enumerated.world

HUGE = "99999999999999999999"
VALUES = [HUGE, "2147483648", "-1", "abc", "é☃😀", "9999-12-31", "0001-01-01", "9" * 5000, [HUGE, "1"]]
PATH_VALUES = [HUGE, "2147483648", "-1", "0", "abc", "é"]
# Names Flask's url_for reads as options, and names a view's own address is built from: a request argument of
# that name forwarded into url_for would change the URL built (an off-site _external one) or fail. One value each.
URL_OPTIONS = {"_external": "1", "_scheme": "https", "_anchor": "x", "_method": "POST", "slug": "x",
               "question_id": "2", "user_id": "2", "post_id": "2", "name": "x"}
ARGUMENT = re.compile(r"<(?:([^:<>]+):)?([^<>]+)>")


class RecordingParameters(TextParameters):
    """Query and form parameters that note every name a request reads from them."""

    read: set = set()

    def __getitem__(self, key):
        RecordingParameters.read.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None, type=None):
        RecordingParameters.read.add(key)
        return super().get(key, default, type)

    def getlist(self, key, type=None):
        RecordingParameters.read.add(key)
        return super().getlist(key, type)

    def __contains__(self, key):
        RecordingParameters.read.add(key)
        return super().__contains__(key)


def _call(client, method, url, failures, **kwargs):
    try:
        response = client.open(url, method=method, **kwargs)
    except Exception as error:  # TESTING lets the view's exception through: what a visitor would get as a 500
        failures.append(f"{method} {url} {kwargs.get('data') or kwargs.get('json') or ''}: {error!r}"[:400])
        db.session.rollback()
        return None
    if response.status_code >= 500:
        failures.append(f"{method} {url} {kwargs.get('data') or kwargs.get('json') or ''}: {response.status_code}"
                        [:400])
    location = response.headers.get("Location")
    if location and urlsplit(location).netloc:
        failures.append(f"{method} {url}: redirected off the site's paths, to {location}"[:400])
    return response


def _read_by(app, client, method, url, data) -> set:
    """The parameter names a valid call reads."""
    RecordingParameters.read = set()
    recording = type("RecordingRequest", (app.request_class,), {"parameter_storage_class": RecordingParameters})
    app.request_class, plain = recording, app.request_class
    try:
        client.open(url, method=method, data=data)
    finally:
        app.request_class = plain
    return RecordingParameters.read - {"csrf_token"}


def _with_path_value(rule: str, call, w, name: str, value: str) -> str:
    def fill(match):
        return value if match.group(2) == name else str(getattr(w, call.values[match.group(2)]))

    path = ARGUMENT.sub(fill, rule)
    return path + (f"?{call.query}" if call.query else "")


FUZZED = [route for route in APP_ROUTES if route in ROUTES]


def test_every_route_of_the_table_is_fuzzed():
    assert len(FUZZED) == len(ROUTES) > 80


@pytest.mark.parametrize(("method", "rule"), FUZZED, ids=[f"{m} {r}" for m, r in FUZZED])
def test_no_parameter_makes_a_server_error(app, world, method, rule):
    call = ROUTES[method, rule]
    actor = call.actor or ALLOWED[call.access]
    client = Visitor(app, USERNAMES[actor]).client
    url = build_url(rule, call, world)
    data = call.data(world) if method in STATE_CHANGING else None
    failures: list[str] = []
    for match in ARGUMENT.finditer(rule):
        for value in PATH_VALUES:
            _call(client, method, _with_path_value(rule, call, world, match.group(2), value), failures, data=data)
    separator = "&" if "?" in url else "?"
    for name in sorted(_read_by(app, client, method, url, data) | set(data or {})):
        for value in VALUES:
            query = "&".join(f"{name}={v}" for v in (value if isinstance(value, list) else [value]))
            # A form's reader reads the body, another the query string: the value goes in both.
            _call(client, method, f"{url}{separator}{query}", failures,
                  data=None if data is None else {**data, name: value})
    for name, value in URL_OPTIONS.items():
        _call(client, method, f"{url}{separator}{name}={value}", failures, data=data,
              headers={"Host": "evil.example"})
    assert not failures, f"{len(failures)} requests failed:\n" + "\n".join(failures[:40])


# The JSON API: path values and query parameters, and the fields of a write's body (nesting is another test's).

API_VALUES = {"question_id": "question", "post_id": "answer", "answer_id": "featured", "user_id": "owner",
              "slug": "badge_slug", "session_id": "assistant_session"}
API_BODIES = {
    "/api/v1/questions": {"title": "The steam wand drips after I close it", "tags": ["aurora-one"],
                          "body": "Since last week the steam wand keeps dripping water for minutes after use."},
    "/api/v1/questions/<int:question_id>/answers": {"body": "Check the gasket under the steam knob, it wears."},
    "/api/v1/posts/<int:post_id>/comments": {"body": "Which firmware version does your machine show?"},
    "/api/v1/posts/<int:post_id>/vote": {"value": "up"},
    "/api/v1/posts/<int:post_id>/flags": {"reason": "needs-brand-answer"},
    "/api/v1/answers/<int:answer_id>/official": {"note": "Checked by the service team"},
    "/api/v1/questions/<int:question_id>/faq": {"title": "Descaling the Aurora One, step by step"},
    "/api/v1/assistant": {"text": "The machine shows error E04 after descaling", "title": "Error E04",
                          "language": "en"},
    "/api/v1/assistant/<int:session_id>/feedback": {"key": assistant_routes.KEY, "feedback": "not_helpful"},
}
API_ROUTES = [route for route in APP_ROUTES if route[1].startswith("/api/v1/")]
JSON_VALUES = [10**20, 2**31, -1, 1.5, "abc", "é☃😀", None, True, [], {}, "x" * 3000]


@pytest.mark.parametrize(("method", "rule"), API_ROUTES, ids=[f"{m} {r}" for m, r in API_ROUTES])
def test_no_api_parameter_makes_a_server_error(app, world, method, rule):
    from app.api import operations as tokens
    from app.models import User

    user = db.session.get(User, world.mod if "official" in rule or "faq" in rule else world.veteran)
    _row, secret = tokens.create_token(user, "fuzz")
    db.session.commit()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {secret}"}
    body = API_BODIES.get(rule, {}) if method in STATE_CHANGING else None
    url = ARGUMENT.sub(lambda m: str(getattr(world, API_VALUES[m.group(2)])), rule)
    failures: list[str] = []
    for match in ARGUMENT.finditer(rule):
        name = match.group(2)
        for value in PATH_VALUES:
            path = ARGUMENT.sub(lambda m, v=value, n=name: v if m.group(2) == n
                                else str(getattr(world, API_VALUES[m.group(2)])), rule)
            _call(client, method, path, failures, json=body, headers=headers)
    for name in sorted(_read_by(app, client, method, url, None) | {"page", "per_page"}):
        for value in VALUES:
            values = value if isinstance(value, list) else [value]
            _call(client, method, url, failures, json=body, headers=headers,
                  query_string=[(name, v) for v in values])
    for name, value in URL_OPTIONS.items():
        _call(client, method, url, failures, json=body, headers=headers, query_string={name: value})
    for field in body or {}:
        for value in JSON_VALUES:
            _call(client, method, url, failures, json={**body, field: value}, headers=headers)
    assert not failures, f"{len(failures)} requests failed:\n" + "\n".join(failures[:40])
