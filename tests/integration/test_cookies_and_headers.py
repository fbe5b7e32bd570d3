"""Cookies a script cannot read and other sites do not get, Secure when the site is served over HTTPS;
and the protective headers on every kind of response."""

import pytest

from app import create_app
from app.i18n import LANGUAGE_COOKIE
from tests.conftest import PASSWORD, TEST_CONFIG


def cookies_set(response) -> dict[str, set[str]]:
    """name -> its attributes, lower-cased ("httponly", "secure", "samesite=lax" …)."""
    found = {}
    for header in response.headers.getlist("Set-Cookie"):
        name_value, *attributes = [part.strip() for part in header.split(";")]
        found[name_value.split("=", 1)[0]] = {attribute.lower() for attribute in attributes}
    return found


def every_cookie(client, username: str) -> dict[str, set[str]]:
    """The cookies a member gets: the session, remember-me and device cookies at log-in, the language choice."""
    cookies = cookies_set(client.post("/login", data={"login": username, "password": PASSWORD, "remember": "y"}))
    cookies.update(cookies_set(client.post("/language", data={"language": "it", "next": "/"})))
    assert {"session", "remember_token", "device", LANGUAGE_COOKIE} <= set(cookies), cookies
    return cookies


def test_cookies_are_http_only_and_same_site_lax(client, make_user):
    make_user("giulia")
    for name, attributes in every_cookie(client, "giulia").items():
        assert "httponly" in attributes, f"{name} can be read by scripts"
        assert "samesite=lax" in attributes, f"{name} is sent with cross-site requests"
        assert "secure" not in attributes, f"{name} would not work on a plain-HTTP development server"


class TestServedOverHttps:
    @pytest.fixture
    def app_config(self):
        return {"SESSION_COOKIE_SECURE": True}  # what FLASK_SESSION_COOKIE_SECURE=true sets

    def test_every_cookie_is_secure(self, client, make_user):
        make_user("giulia")
        for name, attributes in every_cookie(client, "giulia").items():
            assert {"secure", "httponly", "samesite=lax"} <= attributes, f"{name}: {attributes}"


def test_one_environment_setting_makes_every_log_in_cookie_secure(monkeypatch, database_url):
    monkeypatch.setenv("FLASK_SESSION_COOKIE_SECURE", "true")
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url})
    assert app.config["SESSION_COOKIE_SECURE"] is True and app.config["REMEMBER_COOKIE_SECURE"] is True
    monkeypatch.setenv("FLASK_REMEMBER_COOKIE_SECURE", "false")  # each can still be set on its own
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url})
    assert app.config["REMEMBER_COOKIE_SECURE"] is False


def test_protective_headers_on_every_kind_of_response(client, make_user, make_question):
    question = make_question(make_user("giulia"))
    responses = {
        "page": client.get(f"/questions/{question.id}/{question.slug}"),
        "redirect": client.get(f"/questions/{question.id}"),
        "not found": client.get("/no/such/page"),
        "JSON": client.get("/search/suggest?q=error+after+descaling"),
        "JSON error": client.post("/posts/1/vote", data={"value": "up"}, headers={"Accept": "application/json"}),
        "form refused": client.post("/login", data={"login": "giulia", "password": "wrong password"}),
    }
    for kind, response in responses.items():
        csp = {directive.split()[0]: directive.split()[1:]
               for directive in response.headers["Content-Security-Policy"].split(";") if directive.strip()}
        assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"], kind
        assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"], kind
        assert csp["frame-ancestors"] == ["'none'"], kind
        assert response.headers["X-Content-Type-Options"] == "nosniff", kind
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", kind


@pytest.mark.parametrize(("hops", "seen"), [(0, "127.0.0.1"), (1, "203.0.113.9")])
def test_the_visitor_address_comes_from_the_proxy_only_when_told_to_trust_it(database_url, hops, seen):
    from flask import request

    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, "PROXY_HOPS": hops})
    app.add_url_rule("/address-seen", "address_seen", lambda: request.remote_addr)
    response = app.test_client().get("/address-seen", headers={"X-Forwarded-For": "203.0.113.9"},
                                     environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert response.get_data(as_text=True) == seen
