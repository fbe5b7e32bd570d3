"""axe-core in Chromium on every kind of page, in English and Italian, at a phone's and a desktop's width,
in the light theme and the dark one: no violation of any impact.

axe-core comes from the npm registry (tests/e2e/node, `npm ci`); it is evaluated in the page through the
DevTools protocol, which the Content-Security-Policy does not stop, so pages are checked under their real CSP.
"""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import AXE, DEMO_PASSWORD

pytestmark = pytest.mark.e2e

# (name, path or attribute of the demo site, logged in as the moderator, form to submit empty first)
PAGES = [
    ("home", "/", False, None),
    ("question", "question", False, None),
    ("search results", "/search?q=descaling", False, None),
    ("FAQ", "/faq", False, None),
    ("product FAQ", "/faq/aurora-one", False, None),
    ("FAQ, every language", "/faq?language=all", False, None),
    ("home, one language", "/?language=it", False, None),
    ("tag", "/tags/aurora-one", False, None),
    ("products", "/tags", False, None),
    ("user profile", "profile", False, None),
    ("members", "/users", False, None),
    ("badges", "/badges", False, None),
    ("help", "/help", False, None),
    ("help, refused", "/help", False, "Find an answer|Trova una risposta"),
    ("log in", "/login", False, None),
    ("log in, refused", "/login", False, "Log in|Accedi"),
    ("register", "/register", False, None),
    ("register, refused", "/register", False, "Create account|Crea account"),
    ("not found", "/questions/999999", False, None),
    ("question, as the brand team", "question", True, None),
    ("ask", "/questions/ask", True, None),
    ("ask, refused", "/questions/ask", True, "Post your question|Pubblica la tua domanda"),
    ("care queue", "/moderation", True, None),
    ("FAQ, as the brand team", "/faq", True, None),
    ("care queue: flags", "/moderation?tab=flags", True, None),
    ("deleting as spam, asked first", "flag_confirmation", True, None),
    ("moderation log", "/moderation/log", True, None),
]
VIEWS = [("en", 375, "light"), ("en", 1280, "light"), ("it", 375, "light"), ("it", 1280, "light"),
         ("en", 1280, "dark"), ("it", 375, "dark")]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run `npm ci` in {AXE.parents[2]} (make test does)")
    return AXE.read_text()


def violations(page: Page, axe_source: str) -> list[str]:
    page.evaluate(axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{rule['id']} ({rule['impact']}): {rule['help']} at {node['target']}"
            for rule in result["violations"] for node in rule["nodes"]]


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.locator("#login").fill(username)
    page.locator("#password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".account-nav .me")).to_be_attached()  # in the menu on a phone


@pytest.mark.parametrize(("language", "width", "scheme"), VIEWS, ids=[f"{lang}-{w}px-{s}" for lang, w, s in VIEWS])
def test_no_axe_violations(browser: Browser, demo_site, axe_source, language, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  reduced_motion="reduce", locale=language)
    context.add_cookies([{"name": "lang", "value": language, "url": demo_site.url}])
    page = context.new_page()
    found, logged_in = {}, False
    try:
        for name, where, as_moderator, submit in PAGES:
            if as_moderator and not logged_in:
                log_in(page, demo_site.url, demo_site.moderator)
                logged_in = True
            path = getattr(demo_site, where) if not where.startswith("/") else where
            response = page.goto(demo_site.url + path)
            assert response.status == (404 if name == "not found" else 200), name
            # A question page is in its own language (the demo question is English); the interface in the visitor's.
            content_language = "en" if name.startswith("question") else language
            expect(page.locator("html")).to_have_attribute("lang", content_language)
            if submit:
                page.locator("main form").get_by_role("button", name=submit_name(submit, language)).click()
                expect(page.locator("[aria-invalid=true]").first).to_be_visible()
                assert untied_errors(page) == [], name
            problems = violations(page, axe_source)
            if problems:
                found[name] = problems
    finally:
        context.close()
    assert not found, "\n".join(f"{name}: {problem}" for name, problems in found.items() for problem in problems)


def untied_errors(page: Page) -> list[str]:
    """Refused fields whose error message a screen reader would not read with the field (aria-describedby)."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('[aria-invalid=true]')).filter(field => {
        const ids = (field.getAttribute('aria-describedby') || '').split(/\\s+/);
        return !ids.some(id => { const el = id && document.getElementById(id);
                                 return el && el.classList.contains('error') && el.textContent.trim(); });
    }).map(field => field.id)""")


def submit_name(names: str, language: str) -> str:
    english, italian = names.split("|")
    return english if language == "en" else italian
