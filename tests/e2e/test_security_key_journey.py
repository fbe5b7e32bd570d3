"""In Chromium with the DevTools virtual authenticator (CTAP2, built in, with user verification): a brand
moderator sets up two-factor sign-in, adds a passkey, logs out, logs in with the password and the passkey instead
of a code, and marks an answer official. The security-key parts of the two-factor pages, in both languages, at a
phone's and a desktop's width, light and dark: no axe violation.

The site is opened as http://localhost:<port>: an IP address cannot be a WebAuthn RP id."""

import threading

import pyotp
import pytest
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import make_server

from app import clock
from app.extensions import db
from app.models.sign_in import SecurityKey, TwoFactorSecret
from app.two_factor import totp
from tests.conftest import PASSWORD
from tests.e2e.conftest import AXE
from tests.e2e.test_accessibility import VIEWS, untied_errors, violations

pytestmark = pytest.mark.e2e


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True, "STAFF_2FA": "required"}


@pytest.fixture
def site(app, tags):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://localhost:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


def add_virtual_authenticator(page: Page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})


def log_in(page: Page, site: str, username: str) -> None:
    page.goto(f"{site}/login")
    page.locator("#login").fill(username)
    page.locator("#password").fill(PASSWORD)
    page.locator("#password").press("Enter")


def test_a_moderator_signs_in_with_a_passkey_and_marks_an_answer_official(page: Page, site, make_user,
                                                                          make_question, make_answer):
    make_user("marta", role="moderator")
    question = make_question(make_user("olivia"), title="Error E04 after descaling the Aurora One")
    answer = make_answer(make_user("hugo"), question, body="Run a rinse cycle, then hold the power button 5 s.")
    question_url = f"{site}/questions/{question.id}/{question.slug}"
    add_virtual_authenticator(page)

    log_in(page, site, "marta")
    expect(page).to_have_url(f"{site}/settings/two-factor")  # the brand team sets it up before acting
    page.get_by_role("button", name="Set up two-factor sign-in").click()
    key = page.locator(".secret-key").inner_text().strip()
    page.get_by_role("textbox", name="Code").fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Turn on two-factor sign-in").click()
    expect(page.locator(".recovery-codes code")).to_have_count(10)

    page.get_by_role("textbox", name="Name of the key").fill("This laptop")
    page.get_by_role("button", name="Add a security key").click()
    expect(page.locator(".flash")).to_contain_text("The security key “This laptop” is added.")
    expect(page.locator(".security-keys .key-name")).to_have_text(["This laptop"])

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    log_in(page, site, "marta")
    expect(page).to_have_url(f"{site}/login/two-factor")
    expect(page.get_by_role("textbox", name="Code")).to_be_visible()  # the code stays on the same page
    page.get_by_role("button", name="Use a security key").click()
    expect(page).to_have_url(f"{site}/questions")
    expect(page.locator(".account-nav .me")).to_be_attached()
    assert db.session.scalar(db.select(SecurityKey.last_used_at)) is not None

    page.goto(question_url)
    answer_box = page.locator(f"#answer-{answer.id}")
    answer_box.locator("summary", has_text="Mark official").click()
    answer_box.get_by_role("button", name="Mark official").click()
    expect(answer_box.locator(".official-label")).to_be_visible()


@pytest.fixture(scope="module")
def axe_source() -> str:
    return AXE.read_text()


@pytest.mark.parametrize(("language", "width", "scheme"), VIEWS, ids=[f"{lang}-{w}px-{s}" for lang, w, s in VIEWS])
def test_no_axe_violations_on_the_security_key_parts(browser: Browser, site, make_user, axe_source,
                                                     language, width, scheme):
    user = make_user("giulia")
    secret = totp.new_secret()
    db.session.add(TwoFactorSecret(user_id=user.id, secret_encrypted=totp.encrypt(secret), confirmed_at=clock.now()))
    # A listed key only needs its row: this test reads the pages, the journey above uses a real one.
    db.session.add(SecurityKey(user_id=user.id, name="Blue key", credential_id=b"a key", credential=b""))
    db.session.commit()
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  reduced_motion="reduce", locale=language)
    context.add_cookies([{"name": "lang", "value": language, "url": site}])
    page = context.new_page()
    found = {}

    def check(name: str, refused: bool = False) -> None:
        expect(page.locator("html")).to_have_attribute("lang", language)
        if refused:
            expect(page.locator(".error-summary").first).to_be_visible()
            assert untied_errors(page) == [], name
        if problems := violations(page, axe_source):
            found[name] = problems
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            found[name] = [*found.get(name, []), "wider than the window"]

    try:
        log_in(page, site, "giulia")
        expect(page).to_have_url(f"{site}/login/two-factor")
        expect(page.locator(".security-key-choice")).to_be_visible()
        check("code step with a security key")
        page.locator("#code").fill(pyotp.TOTP(secret).now())
        page.locator("#code").press("Enter")
        expect(page.locator(".account-nav .me")).to_be_attached()
        page.goto(f"{site}/settings/two-factor")
        expect(page.locator(".security-keys .key-name")).to_have_text(["Blue key"])
        check("two-factor, security keys")
        page.locator("#name").press("Enter")  # no name: the server says what is missing
        check("two-factor, security key refused", refused=True)
    finally:
        context.close()
    assert not found, "\n".join(f"{name}: {problem}" for name, problems in found.items() for problem in problems)
