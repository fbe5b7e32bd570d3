import re

import pytest

from app.extensions import db
from app.models import User
from tests.conftest import PASSWORD


def register(client, username="anna", email="anna@example.com", password=PASSWORD, **kw):
    return client.post("/register", data={"username": username, "email": email, "password": password}, **kw)


def test_register_logs_in_and_normalises_email(client):
    response = register(client, email="Anna@Example.COM")
    assert response.status_code == 302
    user = db.session.query(User).one()
    assert user.email == "anna@example.com" and user.username == "anna"
    assert "anna" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("username,email,password,field,message", [
    ("ab", "a@example.com", PASSWORD, "username", "Use 3 to 30"),
    ("bad name!", "a@example.com", PASSWORD, "username", "Use 3 to 30"),
    ("valid", "not-an-email", PASSWORD, "email", "valid e-mail"),
    ("valid", "a@example.com", "short", "password", "at least 8"),
    ("valid", "a@example.com", "password123", "password", "too common"),
])
def test_register_refusals_keep_the_text_and_say_why(client, username, email, password, field, message):
    response = register(client, username, email, password)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html
    assert f'id="{field}-error"' in html
    assert f'value="{email}"' in html  # what the user typed is kept
    assert db.session.query(User).count() == 0


def test_usernames_unique_case_insensitively_and_emails_unique(client, make_user):
    make_user("Anna")
    assert "This username is taken" in register(client, "anna", "other@example.com").get_data(as_text=True)
    assert "already exists" in register(client, "other", "ANNA@example.com").get_data(as_text=True)


def test_login_by_username_or_email(client, make_user, auth):
    make_user("giulia")
    auth.login("GIULIA")
    auth.logout()
    auth.login("giulia@example.com")


def test_unknown_user_and_wrong_password_get_the_same_answer(client, make_user):
    make_user("giulia")
    wrong = client.post("/login", data={"login": "giulia", "password": "wrong password"})
    unknown = client.post("/login", data={"login": "nobody", "password": "wrong password"})
    assert wrong.status_code == unknown.status_code == 400
    message = "Wrong username, e-mail or password."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)


@pytest.mark.parametrize("target", ["//evil.example", "/\\evil.example", "https://evil.example",
                                    "javascript:alert(1)"])
def test_login_never_follows_an_external_next(client, make_user, target):
    make_user("giulia")
    response = client.post("/login", query_string={"next": target},
                           data={"login": "giulia", "password": PASSWORD})
    assert response.location == "/questions"


def test_login_follows_a_local_next(client, make_user):
    make_user("giulia")
    response = client.post("/login", query_string={"next": "/questions/1/x?tab=votes"},
                           data={"login": "giulia", "password": PASSWORD})
    assert response.location == "/questions/1/x?tab=votes"


def test_pages_that_need_login_redirect_there(client):
    response = client.get("/questions/ask")
    assert response.status_code == 302 and response.location.startswith("/login?next=/questions/ask")


def test_logout_is_post_only_and_ends_the_session(client, make_user, auth):
    make_user("giulia")
    auth.login("giulia")
    assert client.get("/logout").status_code == 405
    client.post("/logout")
    assert client.get("/settings").status_code == 302


def test_session_renewed_at_login_and_old_cookie_dies_with_password_change(app, make_user, auth, client):
    user = make_user("giulia")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    auth.login("giulia")
    with client.session_transaction() as session:
        assert "planted" not in session
    other = app.test_client()
    other.post("/login", data={"login": "giulia", "password": PASSWORD})
    assert other.get("/settings").status_code == 200
    response = client.post("/settings", data={"which": "password", "password-current_password": PASSWORD,
                                              "password-new_password": "a much better secret"})
    assert response.status_code == 302
    assert client.get("/settings").status_code == 200  # this session continues
    assert other.get("/settings").status_code == 302  # the copy elsewhere is logged out
    assert db.session.get(User, user.id).password_hash.startswith("pbkdf2")


def test_password_change_needs_the_current_password(client, make_user, auth):
    make_user("giulia")
    auth.login("giulia")
    response = client.post("/settings", data={"which": "password", "password-current_password": "nope nope",
                                              "password-new_password": "a much better secret"})
    assert response.status_code == 400
    assert "current password is not correct" in response.get_data(as_text=True)


def test_settings_change_display_name_and_language(client, make_user, auth):
    user = make_user("giulia")
    auth.login("giulia")
    response = client.post("/settings", data={"which": "profile", "profile-display_name": "Giulia R.",
                                              "profile-about": "Espresso fan", "profile-locale": "it"})
    assert response.status_code == 302
    assert db.session.get(User, user.id).display_name == "Giulia R."
    assert 'lang="it"' in client.get("/").get_data(as_text=True)


def test_settings_refuses_empty_display_name(client, make_user, auth):
    make_user("giulia")
    auth.login("giulia")
    response = client.post("/settings", data={"which": "profile", "profile-display_name": " ",
                                              "profile-about": "kept text", "profile-locale": ""})
    assert response.status_code == 400
    assert "kept text" in response.get_data(as_text=True)


def test_profile_canonical_url_and_tabs(client, make_user, make_question, make_answer):
    asker, helper = make_user("giulia"), make_user("marco")
    question = make_question(asker)
    make_answer(helper, question)
    response = client.get(f"/users/{helper.id}")
    assert response.status_code == 301 and response.location == f"/users/{helper.id}/marco"
    html = client.get(f"/users/{helper.id}/marco?tab=answers").get_data(as_text=True)
    assert question.title in html and "1 answer" in html
    html = client.get(f"/users/{asker.id}/giulia").get_data(as_text=True)
    assert question.title in html and "Member since" in html
    assert client.get("/users/999/x").status_code == 404


def test_production_hashing_uses_explicit_scrypt_parameters():
    from app.config import DEFAULTS

    assert DEFAULTS["PASSWORD_HASH_METHOD"] == "scrypt:32768:8:1"


def test_cli_creates_users_and_sets_roles(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "marta", "--email", "marta@example.com",
                                 "--password", PASSWORD, "--role", "moderator"])
    assert result.exit_code == 0, result.output
    assert db.session.query(User).filter_by(username="marta").one().role == "moderator"
    result = runner.invoke(args=["users", "set-role", "MARTA", "admin"])
    assert result.exit_code == 0 and "admin" in result.output
    result = runner.invoke(args=["users", "create", "x", "--email", "bad", "--password", PASSWORD])
    assert result.exit_code == 1 and re.search(r"username: ", result.output)
