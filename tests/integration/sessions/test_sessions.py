"""The sessions page: each signed-in browser listed (device, address, last seen), one ended or all the others, and
log-out ending this browser's session (and copies of its cookie) while the member's other browsers stay in."""

from datetime import timedelta

import pytest
from mmdb_writer import MMDBWriter
from netaddr import IPSet
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


@pytest.fixture
def places_database(tmp_path):
    """A small city database in MaxMind's format, written here: one network in Milan, one known only by country."""
    writer = MMDBWriter(ip_version=6, ipv4_compatible=True, database_type="GeoIP2-City", languages=["en", "it"])
    writer.insert_network(IPSet(["203.0.113.0/24"]), {
        "city": {"names": {"en": "Milan", "it": "Milano"}}, "country": {"names": {"en": "Italy", "it": "Italia"}}})
    writer.insert_network(IPSet(["2001:db8::/32"]), {"country": {"names": {"en": "Switzerland", "it": "Svizzera"}}})
    path = tmp_path / "places.mmdb"
    writer.to_db_file(str(path))
    return str(path)


def test_the_place_of_each_address_comes_from_a_local_database_when_there_is_one(app, make_user, places_database):
    make_user("giulia")
    laptop = browser_of(app, FIREFOX, "198.51.100.7")  # not in the database: the address only
    browser_of(app, PHONE, "203.0.113.20")
    browser_of(app, PHONE, "2001:db8::7")
    page = laptop.get("/settings/sessions")
    assert "Place" not in page.text, "without a database, just the address"
    app.config["SESSIONS_PLACES_DATABASE"] = places_database
    entries = {entry.split(" Address ")[1].split()[0]: entry for entry in laptop.get("/settings/sessions")
               .texts(".session-list li")}
    assert "Place Milan, Italy" in entries["203.0.113.20"] and "Place Switzerland" in entries["2001:db8::7"]
    assert "Place" not in entries["198.51.100.7"]
    laptop.get("/settings").form("accounts.set_language POST").submit("Italiano")
    assert "Luogo Milano, Italia" in " ".join(laptop.get("/settings/sessions").texts(".session-list li"))


def test_a_places_database_that_cannot_be_read_stops_the_start(tmp_path):
    from app import create_app
    from tests.conftest import TEST_CONFIG

    (tmp_path / "broken.mmdb").write_bytes(b"not a database")
    with pytest.raises(RuntimeError, match="cannot be read as a MaxMind database"):
        create_app({**TEST_CONFIG, "SESSIONS_PLACES_DATABASE": str(tmp_path / "broken.mmdb")})
