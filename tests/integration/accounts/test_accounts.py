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


# Every spelling the issue lists, plus a few more a browser would also read as another site.
EXTERNAL_NEXT = ["//evil.example", "/\\evil.example", "\\\\evil.example", "https:evil.example", "javascript:alert(1)",
                 "%2F%2Fevil.example", " //evil.example", "https://evil.example", "/\t/evil.example",
                 "\t//evil.example", "///evil.example", "http:/evil.example", "JaVaScRiPt:alert(1)",
                 "data:text/html,<script>alert(1)</script>"]
LOCAL_NEXT = "/questions/1/x?tab=votes"


def _location_is_ours(location: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(location)
    return not parts.scheme and not parts.netloc and location.startswith("/") and not location.startswith("//") \
        and "\\" not in location


def _redirects(make_user, make_question, client):
    """Every place that takes `next`: name -> function(next) returning the redirect response."""
    make_user("giulia")
    question = make_question(make_user("marta", role="moderator"))

    def login(target):
        client.post("/logout")
        return client.post("/login", query_string={"next": target}, data={"login": "giulia", "password": PASSWORD})

    counter = iter(range(100))

    def register(target):
        client.post("/logout")
        n = next(counter)
        return client.post("/register", query_string={"next": target}, data={
            "username": f"newbie{n}", "email": f"newbie{n}@example.com", "password": "a long unusual passphrase"})

    def language(target):
        return client.post("/language", data={"language": "it", "next": target})

    def moderation(target):  # the brand team's action forms send them back where they were
        client.post("/logout")
        client.post("/login", data={"login": "marta", "password": PASSWORD})
        return client.post(f"/questions/{question.id}/lock", data={"next": target})

    return {"login": login, "register": register, "language": language, "moderation": moderation}


@pytest.mark.parametrize("target", EXTERNAL_NEXT)
def test_no_next_leads_off_the_site(client, make_user, make_question, target):
    for name, call in _redirects(make_user, make_question, client).items():
        response = call(target)
        assert response.status_code == 302, (name, target)
        assert _location_is_ours(response.location), (name, target, response.location)
        assert response.location in ("/questions", "/questions/"), (name, target, response.location)


def test_a_local_next_is_followed_everywhere(client, make_user, make_question):
    for name, call in _redirects(make_user, make_question, client).items():
        assert call(LOCAL_NEXT).location == LOCAL_NEXT, name


@pytest.mark.parametrize("target", EXTERNAL_NEXT + [LOCAL_NEXT, "", None, "questions", "/"])
def test_one_function_decides(app, target):
    from app.urls import safe_next

    with app.test_request_context():
        result = safe_next(target)
    assert result == (target if target in (LOCAL_NEXT, "/") else "/questions")


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


def test_settings_lead_to_notification_settings_and_api_tokens(client, make_user, auth):
    make_user("giulia")
    auth.login("giulia")
    html = client.get("/settings").get_data(as_text=True)
    for path in ("/settings/notifications", "/settings/api-tokens"):
        assert f'href="{path}"' in html
        assert client.get(path).status_code == 200


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


class TestTiming:
    """An unknown login costs one password hash like a wrong password does, so timing tells nothing."""

    @pytest.fixture
    def app_config(self):
        return {"PASSWORD_HASH_METHOD": "pbkdf2:sha256:60000"}  # a hash worth measuring (≈ 30 ms)

    def test_unknown_user_and_wrong_password_take_similar_time(self, client, make_user):
        import statistics
        import time

        from werkzeug.security import check_password_hash, generate_password_hash

        make_user("giulia")
        one_hash = generate_password_hash("x", method="pbkdf2:sha256:60000")

        # CPU time of this thread (the test client runs the request in it): a busy machine's preemptions, which
        # once made a single wall-clock hash look three times as long as the logins, are not counted.
        def hashed() -> float:
            started = time.thread_time()
            check_password_hash(one_hash, "y")
            return time.thread_time() - started

        hash_time = statistics.median(hashed() for _ in range(5))

        def timed(login):
            started = time.thread_time()
            response = client.post("/login", data={"login": login, "password": "wrong password"})
            assert response.status_code == 400
            return time.thread_time() - started

        timed("giulia"), timed("nobody")  # warm-up
        known, unknown = [], []
        for _ in range(7):
            known.append(timed("giulia"))
            unknown.append(timed("nobody"))
        ratio = statistics.median(unknown) / statistics.median(known)
        assert 0.5 <= ratio <= 2, (ratio, known, unknown)
        # Both paths really hash: without the dummy hash the unknown login would take a fraction of one.
        assert statistics.median(unknown) >= 0.7 * hash_time, (unknown, hash_time)


def _copy_cookies(source, target):
    for name in ("session", "remember_token"):
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)


def test_log_out_kills_every_copy_of_the_session_and_remember_cookies(app, client, make_user):
    make_user("giulia")
    client.post("/login", data={"login": "giulia", "password": PASSWORD, "remember": "y"})
    stolen, stolen_remember_only = app.test_client(), app.test_client()
    _copy_cookies(client, stolen)
    stolen_remember_only.set_cookie("remember_token", client.get_cookie("remember_token").value)
    assert stolen.get("/settings").status_code == 200  # a copy works while the session lives
    client.post("/logout")
    assert stolen.get("/settings").status_code == 302
    assert stolen_remember_only.get("/settings").status_code == 302
    assert client.get("/settings").status_code == 302


def test_log_in_starts_a_new_session_cookie(client, make_user):
    make_user("giulia")
    client.get("/login")
    client.post("/language", data={"language": "en", "next": "/"})
    with client.session_transaction() as session:
        session["planted"] = "fixation"
    before = client.get_cookie("session").value
    client.post("/login", data={"login": "giulia", "password": PASSWORD})
    assert client.get_cookie("session").value != before
    with client.session_transaction() as session:
        assert "planted" not in session and session.get("_user_id", "").count(":") == 2  # id, token, session key
