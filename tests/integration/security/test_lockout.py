"""Wrong passwords from elsewhere cannot lock a member out of the browser they use (issue 26, finding 15: six
wrong passwords locked an account for everyone, the right password included). The limit itself holds: a
browser the account has never logged in on, and the known browser's own guesses, are still refused."""

import pytest

from app.extensions import db
from app.models import User
from tests.conftest import PASSWORD
from tests.integration.security.rendered_forms import submit

NEW_PASSWORD = "a brand new long passphrase"
LOCKED = "Too many failed log-ins for this account or from your network."


@pytest.fixture
def app_config():
    return {"ABUSE_LIMITS_ENABLED": True}


def log_in(client, password, address, login="olivia"):
    return submit(client, "/login", {"login": login, "password": password}, having="login",
                  environ_base={"REMOTE_ADDR": address})


@pytest.fixture
def owner_browser(app, make_user):
    """Olivia's own browser, where she logged in yesterday (and logged out)."""
    make_user("olivia")
    browser = app.test_client()
    assert log_in(browser, PASSWORD, "198.51.100.1").status_code == 302
    assert browser.get_cookie("device") is not None
    browser.post("/logout")
    return browser


def test_an_attacker_cannot_lock_the_owner_out_of_her_browser(app, owner_browser):
    attacker = app.test_client()
    statuses = [log_in(attacker, f"guess number {n}", f"203.0.113.{n}").status_code for n in range(8)]
    assert statuses == [400] * 6 + [429] * 2
    assert LOCKED in log_in(attacker, PASSWORD, "203.0.113.99").get_data(as_text=True)  # the limit holds
    assert log_in(app.test_client(), PASSWORD, "198.51.100.2").status_code == 429  # a new browser waits too
    response = log_in(owner_browser, PASSWORD, "198.51.100.1")
    assert response.status_code == 302 and owner_browser.get("/settings").status_code == 200


def test_the_known_browser_has_a_budget_of_its_own(app, owner_browser):
    statuses = [log_in(owner_browser, f"typo {n}", "198.51.100.1").status_code for n in range(7)]
    assert statuses == [400] * 6 + [429]
    assert log_in(app.test_client(), PASSWORD, "198.51.100.3").status_code == 302  # its typos lock nobody else


def test_a_made_up_or_copied_cookie_gives_no_budget(app, owner_browser, make_user):
    make_user("mallory")
    mallory = app.test_client()
    assert log_in(mallory, PASSWORD, "203.0.113.1", login="mallory").status_code == 302
    mallory.post("/logout")  # her own device cookie, for her own account, is worth nothing for Olivia's
    forged = app.test_client()
    forged.set_cookie("device", "eyJ1IjoxfQ.forged.signature")
    for client in (mallory, forged):
        statuses = [log_in(client, f"guess {n}", f"203.0.113.{n + 10}").status_code for n in range(3)]
        assert 429 not in statuses
    assert log_in(app.test_client(), "guess", "203.0.113.40").status_code == 429  # all six counted together


def test_a_new_password_ends_the_standing_of_browsers_that_knew_the_old_one(app, owner_browser, make_user):
    thief = app.test_client()
    assert log_in(thief, PASSWORD, "203.0.113.1").status_code == 302  # knew the old password once
    thief.post("/logout")
    user = db.session.scalar(db.select(User).where(User.username == "olivia"))
    from app.accounts import operations

    operations.change_password(user, PASSWORD, NEW_PASSWORD)
    db.session.commit()
    statuses = [log_in(thief, f"guess {n}", f"203.0.113.{n + 10}").status_code for n in range(7)]
    assert statuses == [400] * 6 + [429]  # counted against the account, like any stranger
