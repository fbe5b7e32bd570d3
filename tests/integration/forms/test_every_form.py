"""The forms harness (registry.py): every case runs, and no page renders a form the harness has no case for.

The pages are found by crawling, as each person of the world, every GET page of the route table
(tests/integration/test_routes_enumerated.py and route_tables/) and every page those pages link to.
"""

from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.integration import route_tables
from tests.integration.forms.registry import all_cases, cases_by_key
from tests.integration.route_calls import STATE_CHANGING
from tests.integration.test_routes_enumerated import APP_ROUTES, ROUTES, build_url

CASES = all_cases()

# State-changing routes that no page renders a form for, and where each is tested instead.
NOT_FORMS = {
    "assistant.preview POST": "sent by static/js/assistant.js while a question is typed on the ask page, to show "
                              "what the assistant finds; it stores nothing (tests/e2e/test_assistant_journey.py)",
    "search.suggestion_click POST": "sent by static/js/suggest.js when a suggestion is followed "
                                    "(tests/e2e/test_scripts.py)",
    "oidc.choose_username POST": "shown only in the middle of a sign-in through an OpenID provider, when its name "
                                 "cannot be a username here: tests/integration/oidc/test_oidc.py fills it in as "
                                 "rendered",
    "questions.detect_language POST": "sent by static/js/post-language.js while a post is typed, to name its "
                                      "language on the form; it changes nothing "
                                      "(tests/e2e/test_post_language_journey.py)",
    "uploads.upload POST": "sent by static/js/composer.js for each photo chosen, dropped or pasted (the form itself "
                           "sends photos without the script: the remove_image case; tests/e2e/test_photo_journey.py)",
    "questions.preview POST": "sent by static/js/composer.js for the Preview tab; it changes nothing (the form's "
                              "Preview button without the script: the ask case; tests/e2e/test_photo_journey.py)",
    **dict.fromkeys(("two_factor.registration_options POST", "two_factor.sign_in_options POST"),
                    "sent by static/js/passkeys.js for the WebAuthn options before a security key answers (the "
                    "security_keys case sends them as the script does; tests/e2e/test_security_key_journey.py)"),
}

HOW_TO_ADD = ("add its case: a function in tests/integration/forms/cases_<area>.py decorated with "
              "@case({key!r}) that opens the page, types what a person would, submits and checks what they see "
              "next (tests/integration/forms/registry.py explains)")


@pytest.mark.parametrize("form_case", CASES, ids=[c.name for c in CASES])
def test_form(world, browsers, form_case):
    form_case.run(world, browsers)
    pressed = {button for b in browsers.opened.values() for key, button in b.pressed if key in form_case.keys}
    missing = sorted(form_case.buttons - pressed)
    assert not missing, f"{form_case.name} declares buttons it never pressed: {missing}"


def _start_pages(w) -> list[str]:
    elsewhere = route_tables.described_elsewhere()
    return [build_url(rule, call, w) for (method, rule), call in sorted(ROUTES.items())
            if method == "GET" and (method, rule) not in elsewhere]


# The pages linked from the route table's pages are visited too: every question page (what a question shows
# depends on its state: closed, locked, solved, in the FAQ, deleted), and one of each other kind, a kind being
# an endpoint with its query (a queue's or a profile's tab, a filter) but not its path arguments or page.
LINKED_PER_ENDPOINT = 1
# The administrator has every moderator tool besides her own; a member with every privilege sees what
# members see, and the owner what an asker sees of her question.
CRAWLERS = ("anon", "owner", "veteran", "admin")


def crawl(browser, w) -> dict[str, list]:
    """Every form on the route table's pages and on the pages they link to: key -> [(page, form)]."""
    found: dict[str, list] = {}
    seen: set[str] = set()
    linked: list[str] = []
    for hop, urls in enumerate((_start_pages(w), linked)):
        for url in urls:
            if url in seen:
                continue
            seen.add(url)
            page = browser.get(url)
            if page.tree is None:
                continue
            for form in page.forms:
                found.setdefault(form.key, []).append((page, form))
            if hop == 0:
                linked.extend(_links(browser, page))
    return found


def _links(browser, page) -> list[str]:
    out, per_endpoint = [], {}
    for a in page.tree.css("a[href]"):
        parts = urlsplit(a.attributes.get("href") or "")
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "localhost") or \
                parts.path.startswith("/static/") or not parts.path.startswith("/"):
            continue
        endpoint = browser.route(parts.path, "GET")[0]
        if endpoint.startswith("unrouted:"):
            continue
        kind = (endpoint, tuple(sorted((k, v) for k, v in parse_qsl(parts.query) if k != "page")))
        per_endpoint[kind] = per_endpoint.get(kind, 0) + 1
        if endpoint == "questions.show" or per_endpoint[kind] <= LINKED_PER_ENDPOINT:
            out.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def test_every_rendered_form_has_a_case(world, browsers):
    """One crawl per person (one app, so each template is compiled once)."""
    by_key = cases_by_key()
    problems = []
    for who in CRAWLERS:
        for key, places in sorted(crawl(browsers(who), world).items()):
            problems.extend(_check(key, places, who, by_key))
    assert not problems, "\n".join(problems)


def _check(key, places, who, by_key) -> list[str]:
    page, form = places[0]
    where = f"{page.url} (as {who})"
    if key.split()[0].startswith("unrouted:"):
        return [f"{where} renders a form sending {form.method} to {form.action}, which no route takes"]
    if key not in by_key:
        return [f"{where} renders a form for {key!r} that the forms harness has no case for: "
                + HOW_TO_ADD.format(key=key)]
    for other_page, other in places:
        unknown = sorted({f"{b.name}={b.value}" for b in other.buttons if b.name} - by_key[key].buttons)
        if unknown:
            return [f"{other_page.url} (as {who}): {key!r} has buttons {unknown} that its case "
                    f"{by_key[key].name} does not press (list them in its buttons= and press each)"]
    return []


def test_every_state_changing_route_has_a_case_or_a_reason():
    by_key = cases_by_key()
    keys = {key.split(" which=")[0] for key in by_key} | set(NOT_FORMS)
    app_endpoints = _endpoints()
    elsewhere = route_tables.described_elsewhere()
    missing = [f"{method} {rule} ({app_endpoints[method, rule]})" for method, rule in APP_ROUTES
               if method in STATE_CHANGING and (method, rule) not in elsewhere
               and f"{app_endpoints[method, rule]} {method}" not in keys]
    assert not missing, "no forms harness case sends these: " + "; ".join(missing) + \
        " (add a case in tests/integration/forms/cases_<area>.py, or say in NOT_FORMS why no form sends it)"


def _endpoints() -> dict:
    from app import create_app
    from tests.conftest import TEST_CONFIG

    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return {(method, rule.rule): rule.endpoint for rule in app.url_map.iter_rules() for method in rule.methods}
