"""Signing in with a provider (whose world copy cannot be reached), the second factor, and the sessions page,
through the rendered forms."""

from datetime import UTC, datetime

from app import clock
from app.extensions import db
from app.models.sign_in import TwoFactorSecret
from app.two_factor import totp
from tests.conftest import PASSWORD
from tests.integration.forms.browser import Browser
from tests.integration.forms.registry import case
from tests.integration.security_key import SoftKey, fetch_options, fill_answer

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@case("oidc.start POST")
def sign_in_with_the_provider_down(w, browser):
    visitor = browser("anon")
    page = visitor.get(f"/questions/{w.question}").click("Log in", within=".site-header")
    page = page.form("oidc.start POST", button="Continue with Aurora ID").submit()
    assert page.url.startswith("/login") and "Aurora ID cannot be reached at the moment" in " ".join(page.flashes)
    assert "You can also log in with your password." in " ".join(page.flashes)
    page = page.form("sign_in.login POST").type("login", "olivia").type("password", PASSWORD).submit()
    assert page.url.startswith(f"/questions/{w.question}/"), "back where Log in was pressed"


@case("oidc.link POST", "oidc.unlink POST")
def linked_accounts(w, browser):
    member = browser("member")
    page = member.get("/settings").click("Ways to log in")
    assert "Linked" in page.text
    page = page.form("oidc.unlink POST").submit()
    assert "Aurora ID is unlinked." in page.flashes
    page = page.form("oidc.link POST").submit()
    assert page.url == "/settings/sign-in" and "Aurora ID cannot be reached" in " ".join(page.flashes)


@case("two_factor.settings POST which=start", "two_factor.settings POST which=confirm",
      "two_factor.settings POST which=codes", "two_factor.settings POST which=off", "two_factor.verify POST")
def two_factor_from_set_up_to_off(w, browser):
    owner = browser("owner")
    page = owner.get("/settings").click("Two-factor sign-in")
    page = page.form("two_factor.settings POST which=start").submit()
    secret = page.tree.css_first(".secret-key").text().strip()
    with clock.frozen(NOW):
        page = page.form("two_factor.settings POST which=confirm").type("confirm-code", "12 34").submit()
        assert page.status == 400 and page.errors
        page = page.form("two_factor.settings POST which=confirm").type("confirm-code", totp.code_at(secret, NOW)) \
            .submit()
    assert len(page.texts(".recovery-codes code")) == 10 and "Two-factor sign-in is on" in page.text
    later = Browser(owner.app, "owner again")
    page = later.get("/login").form("sign_in.login POST").type("login", "olivia").type("password", PASSWORD).submit()
    form = page.form("two_factor.verify POST")
    with clock.frozen(NOW.replace(minute=1)):
        page = form.type("code", totp.code_at(secret, NOW.replace(minute=1))).check("remember_device").submit()
    assert page.url == "/questions" and "olivia" in " ".join(page.texts(".account-nav"))
    with clock.frozen(NOW.replace(minute=2)):
        page = later.get("/settings/two-factor").form("two_factor.settings POST which=codes") \
            .type("codes-code", totp.code_at(secret, NOW.replace(minute=2))).submit()
        assert len(page.texts(".recovery-codes code")) == 10
    with clock.frozen(NOW.replace(minute=3)):
        page = page.form("two_factor.settings POST which=off").type("off-code", totp.code_at(
            secret, NOW.replace(minute=3))).submit()
    assert "Two-factor sign-in is off." in page.flashes and db.session.get(TwoFactorSecret, w.owner) is None


@case("two_factor.add_security_key POST", "two_factor.remove_security_key POST")
def security_keys_added_used_and_removed(w, browser):
    owner = browser("owner")
    page = owner.get("/settings/two-factor").form("two_factor.settings POST which=start").submit()
    secret = page.tree.css_first(".secret-key").text().strip()
    with clock.frozen(NOW):
        page = page.form("two_factor.settings POST which=confirm").type("confirm-code", totp.code_at(secret, NOW)) \
            .submit()
    key = SoftKey()
    options = fetch_options(page, "data-security-key-register")
    page = fill_answer(page.form("two_factor.add_security_key POST").type("name", "Phone"), key.create(options)) \
        .submit()
    assert "The security key “Phone” is added." in " ".join(page.flashes)
    assert page.texts(".security-keys .key-name") == ["Blue key", "Phone"]
    page = page.form("two_factor.remove_security_key POST", key_id=w.owner_security_key).submit()
    assert page.texts(".security-keys .key-name") == ["Phone"]
    later = Browser(owner.app, "owner again")
    page = later.get("/login").form("sign_in.login POST").type("login", "olivia").type("password", PASSWORD).submit()
    options = fetch_options(page, "data-security-key-sign-in")
    page = fill_answer(page.form("two_factor.verify POST"), key.get(options)).submit("Use a security key")
    assert page.url == "/questions" and "olivia" in " ".join(page.texts(".account-nav"))


@case("two_factor.admin_reset POST")
def reset_a_members_second_factor(w, browser):
    admin = browser("admin")
    page = admin.get("/admin/users?q=ilaria").form("two_factor.admin_reset POST").submit()
    assert "The two-factor sign-in of ilaria is reset; they have been told by e-mail." in page.flashes
    assert not page.forms_for("two_factor.admin_reset POST")
    assert Browser(admin.app).log_in("ilaria", PASSWORD).response.location == "/questions"


@case("sessions.end POST", "sessions.end_others POST")
def sessions_page(w, browser):
    owner = browser("owner")
    elsewhere = Browser(owner.app, "owner's laptop")
    elsewhere.log_in("olivia", PASSWORD)
    page = owner.get("/settings").click("Where you are logged in")
    assert len(page.texts(".session-list li")) == 3  # this browser, the laptop and the phone of the world
    phone = next(f for f in page.forms_for("sessions.end POST") if f.args["session_id"] == w.owner_session)
    page = phone.submit()
    assert "That session is logged out." in page.flashes and len(page.texts(".session-list li")) == 2
    page = page.form("sessions.end_others POST").submit()
    assert "You are logged out everywhere else." in page.flashes and len(page.texts(".session-list li")) == 1
    assert elsewhere.get("/settings").url.startswith("/login")
