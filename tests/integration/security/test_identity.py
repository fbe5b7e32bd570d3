"""Nobody passes for the brand or its team (issue 26, finding 14), and a new password ends every credential the
old one opened, API tokens included (finding 18)."""

import re

import pytest
from sqlalchemy import select

from app.accounts.names import look_alike_key
from app.extensions import db
from app.models import OutgoingMail, User
from tests.conftest import PASSWORD
from tests.integration.security.rendered_forms import submit

RESERVED = "This name is reserved for the brand and its team"
NEW_PASSWORD = "a brand new long passphrase"


@pytest.fixture
def brand_team(make_user):
    marta = make_user("aurora.care", role="moderator")
    marta.display_name = "Marta · Aurora Care"
    db.session.commit()
    return marta


def register(client, username: str):
    return submit(client, "/register", {"username": username, "email": f"{abs(hash(username))}@example.com",
                                        "password": "a long enough passphrase"}, having="username")


@pytest.mark.parametrize("username", ["aurora_care", "aur0ra.care", "aurora.care.", "AURORA-CARE", "aurora.care2",
                                      "marta.aurora.care", "auroracaffe", "brand-team", "team.del.brand"])
def test_usernames_that_pass_for_the_brand_team_are_refused(client, brand_team, username):
    response = register(client, username)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and RESERVED in page
    assert f'value="{username}"' in page  # what was typed stays
    assert db.session.scalar(select(User).where(User.username_key == username.lower())) is None


@pytest.mark.parametrize("display_name", [
    "Marta · Aurora Care", "Marta · Aurora Care ✔ Brand team", "Marta Aurora-Care", "MARTA · AURORA CARE",
    "Marta · Аurora Care",  # a Cyrillic А
    "Marta · Aur0ra Care", "Aurora Caffè", "Aurora Caffe Support", "Giulia ✔ Brand team", "Giulia, Team del brand",
    "aurora\u200b.care", "Aurora\u202e.care",
])
def test_display_names_that_pass_for_the_brand_team_are_refused(client, auth, brand_team, make_user, display_name):
    make_user("giulia")
    auth.login("giulia")
    response = submit(client, "/settings", {"profile-display_name": display_name}, having="profile-display_name")
    assert response.status_code == 400 and RESERVED in response.get_data(as_text=True)
    assert db.session.scalar(select(User.display_name).where(User.username == "giulia")) == "giulia"


@pytest.mark.parametrize("display_name", ["Giulia Rinaldi", "Marta", "Aurora", "Marta Rossi", "Care Bear",
                                          "Ilaria", "Nguyễn Thị Minh", "Σοφία", "Анна", "李娜"])
def test_ordinary_names_stay_free(client, auth, brand_team, make_user, display_name):
    make_user("giulia")
    auth.login("giulia")
    response = submit(client, "/settings", {"profile-display_name": display_name}, having="profile-display_name")
    assert response.status_code == 302
    assert db.session.scalar(select(User.display_name).where(User.username == "giulia")) == display_name


def test_a_short_staff_name_reserves_only_itself(client, auth, brand_team, make_user):
    make_user("admin", role="admin")
    make_user("giulia")
    auth.login("giulia")
    for name, status in (("Badminton club", 302), ("ADMIN", 400), ("adm1n", 400)):
        response = submit(client, "/settings", {"profile-display_name": name}, having="profile-display_name")
        assert response.status_code == status, name


def test_the_brand_team_keeps_its_own_names(client, auth, brand_team):
    auth.login("aurora.care")
    response = submit(client, "/settings", {"profile-display_name": "Marta · Aurora Care ✔"},
                      having="profile-display_name")
    assert response.status_code == 302


def test_look_alike_keys():
    assert len({look_alike_key(n) for n in ("aurora.care", "aur0ra_care", "AURORA.CARE.", "аurora care")}) == 1
    assert len({look_alike_key(n) for n in ("Ilaria", "llaria", "ILARIA", "ilaria")}) == 1  # I passes for l
    assert look_alike_key("ΑURΟRΑ.CΑRΕ") == look_alike_key("aurora.care")  # Greek capitals
    assert look_alike_key("Marta") != look_alike_key("Marco")


# A new password ends what the old one opened

def api_status(client, token: str) -> int:
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code


def new_token(client) -> str:
    page = submit(client, "/settings/api-tokens", {"name": "help desk sync"}, having="name")
    return re.search(r'id="new-token"[^>]*value="([^"]+)"', page.get_data(as_text=True)).group(1)


def test_a_password_change_revokes_api_tokens(app, client, auth, make_user):
    make_user("olivia")
    auth.login("olivia")
    tokens = [new_token(client), new_token(client)]
    assert [api_status(client, token) for token in tokens] == [200, 200]
    page = client.get("/settings").get_data(as_text=True)
    assert "A new password logs out your other sessions and revokes your API tokens." in page
    response = submit(client, "/settings", {"password-current_password": PASSWORD,
                                            "password-new_password": NEW_PASSWORD},
                      having="password-new_password", follow_redirects=True)
    assert "Other sessions have been logged out and your API tokens revoked." in response.get_data(as_text=True)
    assert [api_status(client, token) for token in tokens] == [401, 401]
    assert "Revoked" in client.get("/settings/api-tokens").get_data(as_text=True)
    assert api_status(client, new_token(client)) == 200  # a token made afterwards works


def test_a_password_reset_revokes_api_tokens_sessions_and_remember_me(app, client, make_user):
    make_user("olivia")
    other_device = app.test_client()
    assert other_device.post("/login", data={"login": "olivia", "password": PASSWORD,
                                             "remember": "y"}).status_code == 302
    token = new_token(other_device)
    remembered = app.test_client()
    remembered.set_cookie("remember_token", other_device.get_cookie("remember_token").value)
    assert remembered.get("/settings").status_code == 200  # the remember-me cookie alone logs in
    assert submit(client, "/password/forgot", {"email": "olivia@example.com"}, having="email").status_code == 302
    message = db.session.scalars(select(OutgoingMail).where(OutgoingMail.kind == "password_reset")).one()
    link = re.search(r"https?://[^/\s]+(/password/reset/\S+)", message.text_body).group(1)
    assert submit(client, link, {"new_password": NEW_PASSWORD}, having="new_password").status_code == 302
    assert api_status(client, token) == 401
    assert other_device.get("/settings").status_code == 302
    fresh = app.test_client()
    fresh.set_cookie("remember_token", other_device.get_cookie("remember_token").value)
    assert fresh.get("/settings").status_code == 302
    assert client.get(link).status_code == 404  # and the link itself is used up
