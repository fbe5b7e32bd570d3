"""In Chromium, through the pages of a real OpenID provider (oidc-provider on loopback): a customer signs in with
the brand's account for the first time and asks a question; a brand moderator, made one by the provider's group,
is sent to set up two-factor sign-in before acting, marks an answer official only after the code, and at the next
sign-in passes the code step (with a recovery code) before acting again. Log-out ends the provider's session too.
Every page of signing in, in both languages, at a phone's and a desktop's width, light and dark: no axe violation.
"""

import re
import threading

import pyotp
import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from werkzeug.serving import make_server

from app.extensions import db
from app.models import User
from tests.conftest import PASSWORD
from tests.e2e.conftest import AXE
from tests.e2e.test_accessibility import VIEWS, untied_errors, violations
from tests.oidc_provider import Provider, free_port

pytestmark = pytest.mark.e2e
SECRET = "a client secret for the browser journey"
ACCOUNTS = {
    "nina": {"email": "nina@example.com", "email_verified": True, "name": "Nina Verdi",
             "preferred_username": "nina.verdi"},
    "giulia": {"email": "giulia.at.home@example.com", "email_verified": True, "name": "Giulia",
               "preferred_username": "giulia"},  # taken here: the username page
    "marta": {"email": "marta@aurora.example", "email_verified": True, "name": "Marta at Aurora",
              "preferred_username": "marta.care", "groups": ["brand-support"]},
}


@pytest.fixture(scope="module")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def provider(site_port):
    site = f"http://127.0.0.1:{site_port}"
    running = Provider([{"client_id": "sportello", "client_secret": SECRET,
                         "redirect_uris": [f"{site}/login/oidc/brand/callback"],
                         "post_logout_redirect_uris": [f"{site}/questions"]}], ACCOUNTS)
    yield running
    running.stop()


@pytest.fixture
def app_config(provider):
    return {"WTF_CSRF_ENABLED": True, "STAFF_2FA": "required", "OIDC_PROVIDERS": {"brand": {
        "issuer": provider.issuer, "client_id": "sportello", "client_secret": SECRET, "label": "Aurora ID",
        "scopes": "openid email profile groups", "role_claim": "groups", "roles": {"brand-support": "moderator"}}}}


@pytest.fixture(scope="module")
def axe_source() -> str:
    return AXE.read_text()


@pytest.fixture
def site(app, tags, site_port):
    """The app on the port the provider's client was registered with (its redirect URI names it)."""
    server = make_server("127.0.0.1", site_port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{site_port}"
    server.shutdown()
    thread.join(timeout=5)


def sign_in_at_provider(page: Page, site: str, login: str) -> None:
    """From the log-in page, the button, then the provider's own log-in and consent pages."""
    page.goto(f"{site}/login")
    page.locator("button.button-provider").click()
    expect(page).to_have_url(re.compile(r"^http://127\.0\.0\.1:\d+/interaction/"))
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()
    if "/interaction/" in page.url:  # the consent page, the first time
        page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(re.escape(site)))


def log_out(page: Page, site: str) -> None:
    """Log-out here, then the provider asks to confirm ending its session and sends the browser back."""
    page.get_by_role("button", name="Log out").click()
    page.locator("button[name=logout], button[value=yes]").first.click()
    page.wait_for_url(re.compile(re.escape(site)))
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def test_a_customer_signs_in_with_the_brand_account_and_asks(page: Page, site, provider):
    sign_in_at_provider(page, site, "nina")
    expect(page.locator(".account-nav .me")).to_contain_text("Nina Verdi")
    page.get_by_role("link", name="Ask a question").first.click()
    page.get_by_label("Title").fill("The milk frother of my Lattea stopped foaming")
    page.get_by_label("Details").fill("Since yesterday the frother spins but the milk stays flat. Any idea?")
    page.get_by_label("Products and topics").fill("aurora-one")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The milk frother of my Lattea stopped foaming")
    expect(page.locator(".question")).to_contain_text("Nina Verdi")
    nina = db.session.scalar(select(User).where(User.username == "nina.verdi"))
    assert nina.email == "nina@example.com" and nina.password_hash is None

    log_out(page, site)
    # The provider's session ended with ours: the next sign-in asks for the login again.
    page.goto(f"{site}/login")
    page.get_by_role("button", name="Continue with Aurora ID").click()
    expect(page.locator("input[name=login]")).to_be_visible()


def test_a_brand_moderator_passes_two_factor_before_marking_official(page: Page, site, provider, make_user,
                                                                    make_question, make_answer):
    question = make_question(make_user("olivia"), title="Error E04 after descaling the Aurora One")
    answer = make_answer(make_user("hugo"), question, body="Run a rinse cycle, then hold the power button 5 s.")
    later = make_answer(make_user("sara"), question, body="Firmware 2.3 fixes E04 for good: update it in the app.")
    question_url = f"{site}/questions/{question.id}/{question.slug}"

    sign_in_at_provider(page, site, "marta")
    # The provider's group made her a moderator; before any staff action, the set-up.
    expect(page).to_have_url(f"{site}/settings/two-factor")
    expect(page.locator(".flash")).to_contain_text("The brand team signs in with a second factor")
    page.goto(question_url)
    expect(page).to_have_url(f"{site}/settings/two-factor")
    page.get_by_role("button", name="Set up two-factor sign-in").click()
    expect(page.get_by_role("img", name="QR code of the key below")).to_be_visible()
    key = page.locator(".secret-key").inner_text().strip()
    page.get_by_role("textbox", name="Code").fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator(".recovery-codes code")).to_have_count(10)
    recovery_code = page.locator(".recovery-codes code").first.inner_text()

    page.goto(question_url)
    answer_box = page.locator(f"#answer-{answer.id}")
    answer_box.locator("summary", has_text="Mark official").click()
    answer_box.get_by_role("button", name="Mark official").click()
    expect(answer_box.locator(".official-label")).to_be_visible()
    log_out(page, site)

    # The next sign-in: the provider, then the code step, before anything else.
    sign_in_at_provider(page, site, "marta")
    expect(page).to_have_url(f"{site}/login/two-factor")
    page.goto(question_url)
    expect(page.locator(".account-nav .me")).to_have_count(0)  # not logged in before the code
    page.goto(f"{site}/login/two-factor")
    page.get_by_role("textbox", name="Code").fill("000000" if pyotp.TOTP(key).now() != "000000" else "111111")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#code-error")).to_contain_text("This code is not right")
    page.get_by_role("textbox", name="Code").fill(recovery_code)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".account-nav .me")).to_contain_text("Marta at Aurora")
    page.goto(question_url)
    later_box = page.locator(f"#answer-{later.id}")
    later_box.locator("summary", has_text="Mark official").click()
    later_box.get_by_role("button", name="Mark official").click()
    expect(later_box.locator(".official-label")).to_be_visible()


@pytest.mark.parametrize(("language", "width", "scheme"), VIEWS, ids=[f"{lang}-{w}px-{s}" for lang, w, s in VIEWS])
def test_no_axe_violations_on_the_sign_in_pages(browser: Browser, site, provider, make_user, axe_source,
                                                language, width, scheme):
    make_user("giulia")
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  reduced_motion="reduce", locale=language)
    context.add_cookies([{"name": "lang", "value": language, "url": site}])
    page = context.new_page()
    found = {}

    def check(name: str, refused: bool = False) -> None:
        expect(page.locator("html")).to_have_attribute("lang", language)
        if refused:
            expect(page.locator("[aria-invalid=true]").first).to_be_visible()
            assert untied_errors(page) == [], name
        if problems := violations(page, axe_source):
            found[name] = problems
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            found[name] = [*found.get(name, []), "wider than the window"]

    try:
        for path, name in (("/login", "log in, with a provider"), ("/register", "register, with a provider")):
            page.goto(site + path)
            expect(page.locator("button.button-provider")).to_be_visible()
            check(name)
        page.goto(f"{site}/login")
        page.locator("#login").fill("giulia")
        page.locator("#password").fill(PASSWORD)
        page.locator("#password").press("Enter")
        expect(page.locator(".account-nav .me")).to_be_attached()
        page.goto(f"{site}/settings/two-factor")
        check("two-factor, off")
        page.locator("form:has(input[name=which][value=start]) button").click()
        expect(page.locator(".secret-key")).to_be_visible()
        check("two-factor, set-up")
        key = page.locator(".secret-key").inner_text().strip()
        page.locator("#confirm-code").fill("000000" if pyotp.TOTP(key).now() != "000000" else "111111")
        page.locator("#confirm-code").press("Enter")
        check("two-factor, set-up refused", refused=True)
        page.locator("#confirm-code").fill(pyotp.TOTP(key).now())
        page.locator("#confirm-code").press("Enter")
        expect(page.locator(".recovery-codes code")).to_have_count(10)
        check("two-factor, recovery codes")
        for path, name in (("/settings/sign-in", "ways to log in"), ("/settings/sessions", "sessions")):
            page.goto(site + path)
            check(name)
        page.locator("form[action='/logout'] button").first.dispatch_event("click")
        expect(page.locator("form[action='/logout']")).to_have_count(0)
        page.goto(f"{site}/login")
        page.locator("#login").fill("giulia")
        page.locator("#password").fill(PASSWORD)
        page.locator("#password").press("Enter")
        expect(page).to_have_url(f"{site}/login/two-factor")
        check("two-factor code step")
        page.locator("#code").fill("12345")
        page.locator("#code").press("Enter")
        check("two-factor code step, refused", refused=True)

        context.clear_cookies()
        context.add_cookies([{"name": "lang", "value": language, "url": site}])
        sign_in_at_provider(page, site, "giulia")  # her username is taken here: she chooses one
        expect(page).to_have_url(f"{site}/login/oidc/username")
        check("choose a username")
        page.locator("#username").fill("")
        page.locator("#username").press("Enter")
        check("choose a username, refused", refused=True)
    finally:
        context.close()
    assert not found, "\n".join(f"{name}: {problem}" for name, problems in found.items() for problem in problems)
