"""Password reset by e-mail: a signed link that expires, works once, says nothing about who has an account,
is rate-limited, arrives in the member's language, and lets imported members without a password claim
their account once an administrator gives it an address."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import ModerationAction, OutgoingMail, User
from tests.conftest import PASSWORD

NEW_PASSWORD = "a brand new long passphrase"
SAME_ANSWER = "If an account uses this address, we have sent it a link to choose a new password."


@pytest.fixture
def app_config(tmp_path):
    return {"MAIL_SEND_AFTER_COMMIT": False, "MAIL_DIR": str(tmp_path / "mail")}


def mails(**where) -> list[OutgoingMail]:
    return list(db.session.scalars(select(OutgoingMail).filter_by(**where).order_by(OutgoingMail.id)))


def link_in(message: OutgoingMail) -> str:
    return re.search(r"https?://[^/\s]+(/password/reset/\S+)", message.text_body).group(1)


def ask_for_link(client, email) -> str:
    response = client.post("/password/forgot", data={"email": email})
    assert response.status_code == 302, response.get_data(as_text=True)
    return link_in(mails(kind="password_reset")[-1])


def test_the_link_sets_a_new_password_logs_in_and_ends_other_sessions(app, client, make_user):
    make_user("giulia")
    elsewhere = app.test_client()
    elsewhere.post("/login", data={"login": "giulia", "password": PASSWORD})
    link = ask_for_link(client, "Giulia@Example.com")
    [message] = mails(kind="password_reset")
    assert message.to_address == "giulia@example.com" and "giulia" in message.text_body
    page = client.get(link)
    assert page.status_code == 200 and "Choose a new password" in page.get_data(as_text=True)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    response = client.post(link, data={"new_password": NEW_PASSWORD})
    assert response.status_code == 302 and client.get("/settings").status_code == 200
    assert elsewhere.get("/settings").status_code == 302  # the old password's sessions end
    client.post("/logout")
    assert client.post("/login", data={"login": "giulia", "password": PASSWORD}).status_code == 400
    assert client.post("/login", data={"login": "giulia", "password": NEW_PASSWORD}).status_code == 302


def test_the_link_works_once(client, make_user):
    make_user("giulia")
    link = ask_for_link(client, "giulia@example.com")
    assert client.post(link, data={"new_password": NEW_PASSWORD}).status_code == 302
    client.post("/logout")
    again = client.post(link, data={"new_password": "an attacker's own passphrase"})
    assert again.status_code == 404 and "expired or has already been used" in again.get_data(as_text=True)
    assert client.post("/login", data={"login": "giulia", "password": NEW_PASSWORD}).status_code == 302


def test_a_newer_password_kills_older_links_too(client, make_user, auth):
    make_user("giulia")
    link = ask_for_link(client, "giulia@example.com")
    auth.login("giulia")
    client.post("/settings", data={"which": "password", "password-current_password": PASSWORD,
                                   "password-new_password": NEW_PASSWORD})
    assert client.get(link).status_code == 404


def test_the_link_expires_after_an_hour(client, make_user, monkeypatch):
    import time

    from itsdangerous.timed import TimestampSigner

    make_user("giulia")
    link = ask_for_link(client, "giulia@example.com")
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) + 3540)
    assert client.get(link).status_code == 200  # 59 minutes later
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) + 3601)
    assert client.get(link).status_code == 404
    response = client.post(link, data={"new_password": NEW_PASSWORD})
    assert response.status_code == 404 and "expired or has already been used" in response.get_data(as_text=True)


@pytest.mark.parametrize("tampered", [lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
                                      lambda t: "x" + t, lambda t: "not-a-token"])
def test_a_tampered_link_is_refused(client, make_user, tampered):
    make_user("giulia")
    link = ask_for_link(client, "giulia@example.com")
    token = link.rsplit("/", 1)[1]
    assert client.get(f"/password/reset/{tampered(token)}").status_code == 404


def test_same_answer_whether_or_not_the_address_has_an_account(client, make_user):
    make_user("giulia")
    known = client.post("/password/forgot", data={"email": "giulia@example.com"}, follow_redirects=True)
    unknown = client.post("/password/forgot", data={"email": "nobody@example.com"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    assert SAME_ANSWER in known.get_data(as_text=True) and SAME_ANSWER in unknown.get_data(as_text=True)
    assert [m.to_address for m in mails()] == ["giulia@example.com"]
    invalid = client.post("/password/forgot", data={"email": "not an address"})
    assert invalid.status_code == 400 and 'value="not an address"' in invalid.get_data(as_text=True)


def test_the_mail_speaks_the_members_language(client, make_user):
    from flask_babel import force_locale
    from flask_babel import gettext as _

    make_user("giulia", locale="it")
    client.post("/password/forgot", data={"email": "giulia@example.com"}, headers={"Accept-Language": "en"})
    [message] = mails()
    with force_locale("it"):
        assert message.subject == _("Choose a new password for %(site)s", site="Sportello")


class TestLimits:
    @pytest.fixture
    def app_config(self, tmp_path):
        return {"MAIL_SEND_AFTER_COMMIT": False, "MAIL_DIR": str(tmp_path / "mail"), "ABUSE_LIMITS_ENABLED": True}

    def test_three_requests_an_hour_per_address_alike_for_unknown_ones(self, client, make_user):
        make_user("giulia")
        for email in ("giulia@example.com", "nobody@example.com"):
            with clock.frozen(datetime(2026, 11, 30, 9, 0, tzinfo=UTC)):
                for _ in range(3):
                    assert client.post("/password/forgot", data={"email": email}).status_code == 302
                refused = client.post("/password/forgot", data={"email": email})
            assert refused.status_code == 429
            html = refused.get_data(as_text=True)
            assert "Too many password reset requests" in html and f'value="{email}"' in html
        assert len(mails()) == 3
        with clock.frozen(datetime(2026, 11, 30, 10, 1, tzinfo=UTC)):
            assert client.post("/password/forgot", data={"email": "giulia@example.com"}).status_code == 302


# Imported members claim their account ---------------------------------------------------------------------

def imported_member() -> User:
    user = User(username="beer-fan", username_key="beer-fan", display_name="Beer Fan", email=None,
                password_hash=None)
    db.session.add(user)
    db.session.commit()
    return user


def test_an_admin_gives_an_imported_member_an_address_and_they_claim_the_account(client, make_user, auth):
    member = imported_member()
    make_user("ada", role="admin")
    auth.login("ada")
    page = client.get(f"/admin/users/{member.id}/email")
    assert page.status_code == 200 and "has no password yet" in page.get_data(as_text=True)
    assert f"/admin/users/{member.id}/email" in client.get("/admin/users").get_data(as_text=True)
    response = client.post(f"/admin/users/{member.id}/email", data={"email": "Fan@Example.com", "role": "admin"})
    assert response.status_code == 302
    member = db.session.get(User, member.id)
    assert member.email == "fan@example.com" and member.role == "member"
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "set_email"))
    assert entry.target_id == member.id and "fan@example.com" not in repr(entry.after) + repr(entry.before)
    auth.logout()
    assert client.post("/login", data={"login": "beer-fan", "password": ""}).status_code == 400
    link = ask_for_link(client, "fan@example.com")
    assert client.post(link, data={"new_password": NEW_PASSWORD}).status_code == 302
    client.post("/logout")
    assert client.post("/login", data={"login": "beer-fan", "password": NEW_PASSWORD}).status_code == 302
    assert client.get(link).status_code == 404  # claimed once


def test_the_admin_address_form_refuses_bad_and_taken_addresses(client, make_user, auth):
    member = imported_member()
    make_user("ada", role="admin")
    make_user("giulia")
    auth.login("ada")
    for email, message in (("nope", "valid e-mail"), ("giulia@example.com", "Another account uses this address")):
        response = client.post(f"/admin/users/{member.id}/email", data={"email": email})
        assert response.status_code == 400 and message in response.get_data(as_text=True)
        assert f'value="{email}"' in response.get_data(as_text=True)
    assert db.session.get(User, member.id).email is None
    assert db.session.scalar(select(func.count()).select_from(ModerationAction)) == 0


def test_only_admins_set_addresses(client, make_user, auth):
    member = imported_member()
    make_user("marta", role="moderator")
    auth.login("marta")
    assert client.post(f"/admin/users/{member.id}/email", data={"email": "x@example.com"}).status_code == 403
    assert db.session.get(User, member.id).email is None
