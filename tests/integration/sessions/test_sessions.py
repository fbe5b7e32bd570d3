"""The sessions page: each signed-in browser listed (device, address, last seen), one ended or all the others, and
log-out ending this browser's session (and copies of its cookie) while the member's other browsers stay in."""

from datetime import timedelta

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models.sign_in import UserSession
from tests.conftest import PASSWORD
from tests.integration.forms.browser import Browser

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
PHONE = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile "
         "Safari/537.36")


def browser_of(app, agent: str, address: str, remember: bool = False) -> Browser:
    browser = Browser(app, agent[:20])
    browser.client.environ_base.update(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    form = browser.get("/login").form("sign_in.login POST").type("login", "giulia").type("password", PASSWORD)
    if remember:
        form.check("remember")
    assert form.submit(follow=False).status == 302
    return browser


def test_the_page_lists_each_browser_and_ends_one(app, make_user):
    make_user("giulia")
    laptop = browser_of(app, FIREFOX, "198.51.100.7")
    phone = browser_of(app, PHONE, "203.0.113.20")
    page = laptop.get("/settings").click("Where you are logged in")
    entries = page.texts(".session-list li")
    assert len(entries) == 2
    assert "Firefox · Windows (this browser)" in entries[0] or "Firefox · Windows (this browser)" in entries[1]
    phone_entry = next(e for e in entries if "Chrome · Android" in e)
    assert "203.0.113.20" in phone_entry and "Last seen" in phone_entry
    page = page.form("sessions.end POST").submit()  # only the other browser has the button
    assert "That session is logged out." in page.flashes
    assert phone.get("/settings").url.startswith("/login")
    assert laptop.get("/settings").status == 200


def test_log_out_everywhere_else(app, make_user):
    make_user("giulia")
    laptop = browser_of(app, FIREFOX, "198.51.100.7")
    phone = browser_of(app, PHONE, "203.0.113.20", remember=True)
    remember_me = phone.client.get_cookie("remember_token").value
    page = laptop.get("/settings/sessions").form("sessions.end_others POST").submit()
    assert "You are logged out everywhere else." in page.flashes
    assert len(page.texts(".session-list li")) == 1
    assert laptop.get("/settings").status == 200
    phone.client.delete_cookie("session")  # the session cookie gone: the remember-me cookie is tried
    assert phone.client.get_cookie("remember_token").value == remember_me
    assert phone.get("/settings").url.startswith("/login"), "remember-me cookies end too"


def test_log_out_ends_this_session_and_its_copies_only(app, make_user):
    make_user("giulia")
    laptop = browser_of(app, FIREFOX, "198.51.100.7")
    phone = browser_of(app, PHONE, "203.0.113.20")
    copied = laptop.client.get_cookie("session").value
    laptop.get("/settings").form("sign_in.logout POST").submit()
    thief = Browser(app, "thief")
    thief.client.set_cookie("session", copied)
    assert thief.get("/settings").url.startswith("/login"), "a copy of the cookie no longer works"
    assert phone.get("/settings").status == 200, "the member's other browser stays logged in"
    assert db.session.scalar(select(db.func.count()).select_from(UserSession)) == 1


def test_last_seen_moves_only_now_and_then(app, make_user):
    make_user("giulia")
    laptop = browser_of(app, FIREFOX, "198.51.100.7")
    row = db.session.scalar(select(UserSession))
    opened = row.last_seen_at
    with clock.frozen(opened + timedelta(minutes=2)):
        laptop.get("/settings")
    db.session.refresh(row)
    assert row.last_seen_at == opened, "page views stay reads"
    with clock.frozen(opened + timedelta(minutes=6)):
        laptop.get("/settings")
    db.session.refresh(row)
    assert row.last_seen_at == opened + timedelta(minutes=6)


def test_a_session_older_than_the_sessions_table_still_works_until_the_token_rotates(app, make_user, client):
    user = make_user("giulia")
    with client.session_transaction() as session:
        session["_user_id"] = f"{user.id}:{user.session_token}"  # an id from before sessions were rows
        session["_fresh"] = True
    assert client.get("/settings").status_code == 200
    laptop = browser_of(app, FIREFOX, "198.51.100.7")
    laptop.get("/settings/sessions").form("sessions.end_others POST").submit()
    assert client.get("/settings").status_code == 302
