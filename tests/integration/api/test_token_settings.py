"""The settings page where members create and revoke their API tokens."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models.api_token import ApiToken
from tests.conftest import Actions


def _secret(html: str) -> str | None:
    found = re.search(r'value="(sprt_[^"]+)"', html)
    return found.group(1) if found else None


def test_the_page_needs_a_log_in(client):
    response = client.get("/settings/api-tokens")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.post("/settings/api-tokens", data={"name": "crm"}).status_code == 302
    assert db.session.scalar(select(ApiToken)) is None


def test_create_use_and_revoke_a_token(client, auth, make_user):
    auth.login(make_user("olivia"))
    page = client.get("/settings/api-tokens")
    assert page.status_code == 200 and "You have no API tokens yet." in page.get_data(as_text=True)

    created = client.post("/settings/api-tokens", data={"name": "Help desk sync"})
    html = created.get_data(as_text=True)
    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    secret = _secret(html)
    assert secret and "it is shown only this once" in html
    token = db.session.scalar(select(ApiToken))
    assert token.name == "Help desk sync" and f"{token.prefix}…" in html
    # Shown once: the list shows the prefix only from now on.
    again = client.get("/settings/api-tokens").get_data(as_text=True)
    assert secret not in again and "Help desk sync" in again and "never used" in again

    api = client.application.test_client()  # a script: no cookies
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).json["user"]["username"] == "olivia"
    assert "last used" in client.get("/settings/api-tokens").get_data(as_text=True)

    revoked = client.post(f"/settings/api-tokens/{token.id}/revoke")
    assert revoked.status_code == 302
    listing = client.get("/settings/api-tokens").get_data(as_text=True)
    assert "is revoked" in listing and "Revoked" in listing
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    assert client.post(f"/settings/api-tokens/{token.id}/revoke").status_code == 409


def test_names_are_checked_and_kept(client, auth, make_user):
    auth.login(make_user("olivia"))
    response = client.post("/settings/api-tokens", data={"name": "x" * 61})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Give the token a name of 1 to 60 characters" in html
    assert "x" * 61 in html and _secret(html) is None
    assert client.post("/settings/api-tokens", data={"name": "   "}).status_code == 400
    assert db.session.scalar(select(ApiToken)) is None


def test_active_tokens_are_limited(app, client, auth, make_user):
    app.config["API_TOKENS_PER_USER"] = 2
    auth.login(make_user("olivia"))
    for name in ("one", "two"):
        assert client.post("/settings/api-tokens", data={"name": name}).status_code == 200
    third = client.post("/settings/api-tokens", data={"name": "three"})
    assert third.status_code == 400 and "You already have 2 active tokens" in third.get_data(as_text=True)


def test_someone_elses_token_cannot_be_revoked(app, client, auth, make_user):
    auth.login(make_user("olivia"))
    client.post("/settings/api-tokens", data={"name": "mine"})
    token = db.session.scalar(select(ApiToken))
    other = app.test_client()
    Actions(other).login(make_user("sam"))
    assert other.post(f"/settings/api-tokens/{token.id}/revoke").status_code == 404
    db.session.refresh(token)
    assert token.revoked_at is None
    assert "mine" not in other.get("/settings/api-tokens").get_data(as_text=True)


class TestProtection:
    @pytest.fixture
    def app_config(self):
        return {"WTF_CSRF_ENABLED": True, "RATELIMIT_ENABLED": True, "API_TOKEN_RATE_LIMIT": "3/hour"}

    def test_forms_need_the_csrf_token_and_are_rate_limited(self, client, make_user):
        make_user("olivia")
        html = client.get("/login").get_data(as_text=True)
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)
        client.post("/login", data={"login": "olivia", "password": "correct horse battery", "csrf_token": csrf})
        csrf = re.search(r'name="csrf-token" content="([^"]+)"',
                         client.get("/settings/api-tokens").get_data(as_text=True)).group(1)
        assert client.post("/settings/api-tokens", data={"name": "forged"}).status_code == 400
        assert db.session.scalar(select(ApiToken)) is None
        statuses = [client.post("/settings/api-tokens", data={"name": f"t{n}", "csrf_token": csrf}).status_code
                    for n in range(4)]
        assert statuses == [200, 200, 200, 429]
