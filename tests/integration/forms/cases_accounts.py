"""Registering, logging in and out, the language, settings, passwords and API tokens, through the rendered forms."""

import re

from sqlalchemy import select

from app.extensions import db
from app.models import OutgoingMail
from tests.conftest import PASSWORD
from tests.integration.forms.browser import Browser
from tests.integration.forms.registry import case, refused

NEW_PASSWORD = "a brand new and long passphrase"


def header(page) -> str:
    return " ".join(page.texts(".account-nav"))


@case("sign_in.login POST")
def log_in(w, browser):
    visitor = browser("anon")
    page = visitor.get(f"/questions/{w.question}").click("Log in", within=".site-header")
    form = page.form("sign_in.login POST")
    page = form.type("login", "olivia").type("password", "not her password").submit()
    assert page.status == 400 and page.errors, "a wrong password is refused on the form"
    assert page.form("sign_in.login POST")["login"] == "olivia", "the name typed stays"
    page = page.form("sign_in.login POST").type("password", PASSWORD).check("remember").submit()
    assert page.url.startswith(f"/questions/{w.question}/"), "back on the page where Log in was pressed"
    assert "olivia" in header(page) and "Log in" not in header(page)


@case("sign_in.logout POST")
def log_out(w, browser):
    owner = browser("owner")
    page = owner.get("/settings").form("sign_in.logout POST").submit()
    assert page.url == "/questions" and "Log in" in header(page)
    assert owner.get("/settings").url.startswith("/login")


@case("sign_in.register POST")
def register(w, browser):
    visitor = browser("anon")
    form = visitor.get("/").click("Sign up").form("sign_in.register POST")
    page = form.type("username", "nuova.cliente").type("email", "nuova@example.com").type("password", "short").submit()
    form = refused(page, "sign_in.register POST", username="nuova.cliente", email="nuova@example.com")
    assert form["password"] == "", "a password is never sent back"
    page = form.type("password", "a long and unusual passphrase 42").submit()
    assert "Welcome to the community, nuova.cliente!" in page.flashes, page.errors
    assert "nuova.cliente" in header(page)
    assert "nuova.cliente" in browser("anon").get("/users").text


@case("accounts.set_language POST", buttons=("language=it", "language=en"))
def switch_language(w, browser):
    for who in ("anon", "member"):
        person = browser(who)
        page = person.get(f"/questions/{w.question}").form("accounts.set_language POST").submit("language=it")
        assert page.url.startswith(f"/questions/{w.question}/") and page.tree.css_first("body").attributes
        assert "Domande" in page.texts(".main-nav")[0], who
        page = person.get("/faq")
        assert "Domande" in page.texts(".main-nav")[0], f"{who}: the language stays on the next page"
        page = page.form("accounts.set_language POST").submit("language=en")
        assert page.url == "/faq" and "Questions" in page.texts(".main-nav")[0]


@case("accounts.settings POST which=profile")
def profile_settings(w, browser):
    member = browser("member")
    form = member.get("/").click("Settings").form("accounts.settings POST which=profile")
    page = form.type("profile-display_name", "").type("profile-about", "Espresso every morning.").submit()
    form = refused(page, "accounts.settings POST which=profile", **{"profile-about": "Espresso every morning."})
    page = form.type("profile-display_name", "Sam the barista").type("profile-about", "Espresso every morning.\n"
                                                                     "Two machines at home.") \
        .choose("profile-locale", "it").submit()
    assert "Le impostazioni sono state salvate." in page.flashes, page.errors  # saved, and said in Italian
    form = page.form("accounts.settings POST which=profile")
    assert form["profile-display_name"] == "Sam the barista" and form["profile-locale"] == "it"
    profile = browser("anon").get(f"/users/{w.member}")
    assert "Sam the barista" in profile.texts("h1")[0]
    assert "Two machines at home." in profile.text


@case("accounts.settings POST which=password")
def change_password(w, browser):
    owner = browser("owner")
    form = owner.get("/settings").form("accounts.settings POST which=password")
    page = form.type("password-current_password", "not the password").type("password-new_password", NEW_PASSWORD) \
        .submit()
    assert page.status == 400 and page.errors and not page.form(
        "accounts.settings POST which=password")["password-new_password"], "passwords are never sent back"
    form = page.form("accounts.settings POST which=password")
    page = form.type("password-current_password", PASSWORD).type("password-new_password", NEW_PASSWORD).submit()
    assert "Your password has been changed. Other sessions have been logged out and your API tokens revoked." \
        in page.flashes, page.errors
    assert "olivia" in header(owner.get("/")), "this session stays logged in"
    assert Browser(owner.app).log_in("olivia", NEW_PASSWORD)


@case("sign_in.forgot_password POST", "sign_in.reset_password POST")
def reset_forgotten_password(w, browser):
    visitor = browser("anon")
    form = visitor.get("/login").click("Forgot").form("sign_in.forgot_password POST")
    page = form.type("email", "olivia@example.com").submit()
    assert page.url == "/login" and page.flashes[0].startswith("If an account uses this address")
    mail = db.session.scalars(select(OutgoingMail).where(OutgoingMail.to_address == "olivia@example.com")
                              .order_by(OutgoingMail.id.desc())).first()
    link = re.search(r"https?://[^\s]+/password/reset/[^\s]+", mail.text_body).group(0)
    form = visitor.get(link).form("sign_in.reset_password POST")
    form = refused(form.type("new_password", "short").submit(), "sign_in.reset_password POST", new_password="")
    page = form.type("new_password", NEW_PASSWORD).submit()
    assert "Your new password is set and you are logged in." in page.flashes[0], page.errors
    assert "olivia" in header(page)
    assert Browser(visitor.app).log_in("olivia", NEW_PASSWORD)


@case("api_pages.tokens POST", "api_pages.revoke POST")
def api_tokens(w, browser):
    member = browser("member")
    form = member.get("/settings").click("API tokens").form("api_pages.tokens POST")
    form = refused(form.submit(), "api_pages.tokens POST")
    page = form.type("name", "Help desk sync").submit()
    assert page.status == 200 and "Your new token" in page.text, page.errors
    secret = page.tree.css_first("#new-token").attributes["value"]
    listed = member.get("/settings/api-tokens")
    assert "Help desk sync" in listed.text and "Active" in listed.text and secret not in listed.html
    api = member.app.test_client()
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200

    page = listed.form("api_pages.revoke POST").submit()
    assert "Revoked" in page.text and not page.forms_for("api_pages.revoke POST")
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401


@case("notifications.settings POST")
def mail_settings(w, browser):
    member = browser("member")
    form = member.get("/notifications").click("E-mail settings").form("notifications.settings POST")
    assert form["answer"] == "instant" and form["comment"] == "digest", "each kind shows its current choice"
    page = form.choose("answer", "off").choose("badge", "instant").submit()
    assert page.status == 200 and not page.errors, page.errors
    form = member.get("/settings/notifications").form("notifications.settings POST")
    assert (form["answer"], form["badge"], form["comment"]) == ("off", "instant", "digest")
