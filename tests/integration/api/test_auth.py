"""Only the bearer token authorises an API call: no token, a wrong one, a revoked one or a session cookie
alone is refused, in JSON, and nothing is written."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.api import operations as tokens
from app.extensions import db
from app.models import Question
from app.models.api_token import ApiToken
from app.questions import operations as posts

NEW_QUESTION = {"title": "The steam wand drips after I close it", "tags": ["aurora-one"],
                "body": "Since last week the steam wand keeps dripping water for minutes after use."}


@pytest.fixture(autouse=True)
def _tags(tags):
    return tags


def questions() -> int:
    return db.session.scalar(select(func.count()).select_from(Question))


def test_no_token_no_write(api):
    response = api.post("/questions", json=NEW_QUESTION)
    assert response.status_code == 401 and response.json["error"]["code"] == "unauthorized"
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    assert "settings page" in response.json["error"]["message"]
    assert api.get("/me").status_code == 401
    assert questions() == 0


@pytest.mark.parametrize("header", ["Basic b2xpdmlhOnNlY3JldA==", "Bearer", "Bearer ", "Token abc",
                                    "Bearer sprt_not-a-real-token"])
def test_a_wrong_authorization_header_is_refused_even_for_reads(api, header):
    response = api.get("/questions", headers={"Authorization": header})
    assert response.status_code == 401 and response.json["error"]["code"] == "unauthorized"
    assert api.post("/questions", json=NEW_QUESTION, headers={"Authorization": header}).status_code == 401
    assert questions() == 0


def test_a_session_cookie_alone_cannot_write(app, api, auth, make_user, make_token):
    olivia = make_user("olivia")
    auth.login(olivia)  # the browser's session cookie is now in this client
    assert api.client.get("/settings").status_code == 200  # and works on the site
    response = api.post("/questions", json=NEW_QUESTION)
    assert response.status_code == 401
    assert api.get("/me").status_code == 401
    assert questions() == 0
    # With a token as well, the token decides who acts, not the cookie.
    hugo_token = make_token(make_user("hugo"))
    assert api.get("/me", token=hugo_token).json["user"]["username"] == "hugo"
    created = api.post("/questions", token=hugo_token, json=NEW_QUESTION)
    assert db.session.get(Question, created.json["id"]).author.username == "hugo"


def test_tokens_are_stored_hashed_and_shown_once(app, make_user):
    user = make_user("olivia")
    row, secret = tokens.create_token(user, "crm")
    db.session.commit()
    assert secret.startswith("sprt_") and len(secret) > 40
    stored = db.session.scalar(select(ApiToken))
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in repr([getattr(stored, c.name) for c in ApiToken.__table__.columns])
    assert stored.prefix == secret[:11]


def test_revoked_tokens_and_suspended_owners_are_refused(api, make_user, make_token):
    user = make_user("olivia")
    secret = make_token(user)
    assert api.get("/me", token=secret).status_code == 200
    tokens.revoke_token(user, db.session.scalar(select(ApiToken)))
    db.session.commit()
    revoked = api.post("/questions", token=secret, json=NEW_QUESTION)
    assert revoked.status_code == 401 and "revoked" in revoked.json["error"]["message"]

    suspended = make_user("sue", suspended_until=datetime.now(UTC) + timedelta(days=3), suspension_reason="Spam")
    refused = api.post("/questions", token=make_token(suspended), json=NEW_QUESTION)
    assert refused.status_code == 403 and "suspended" in refused.json["error"]["message"]
    assert questions() == 0


def test_last_use_is_noted_but_not_on_every_request(api, make_user, make_token):
    secret = make_token(make_user("olivia"))
    token = db.session.scalar(select(ApiToken))
    assert token.last_used_at is None
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    with clock.frozen(start):
        api.get("/me", token=secret)
    db.session.refresh(token)
    assert token.last_used_at == start
    with clock.frozen(start + timedelta(minutes=2)):
        api.get("/questions", token=secret)
    db.session.refresh(token)
    assert token.last_used_at == start  # within the precision: no write
    with clock.frozen(start + timedelta(minutes=6)):
        api.get("/questions", token=secret)
    db.session.refresh(token)
    assert token.last_used_at == start + timedelta(minutes=6)


def test_errors_are_json_whatever_the_client_accepts(api):
    html = {"Accept": "text/html"}
    assert api.get("/questions/12345", headers=html).json["error"]["code"] == "not_found"
    assert api.post("/questions", json=NEW_QUESTION, headers=html).json["error"]["code"] == "unauthorized"
    unknown = api.client.get("/api/v1/no-such-thing", headers=html)
    assert unknown.status_code == 404 and unknown.json["error"]["code"] == "not_found"
    wrong_method = api.client.delete("/api/v1/questions", headers=html)
    assert wrong_method.status_code == 405 and wrong_method.json["error"]["code"] == "method_not_allowed"
    assert set(wrong_method.headers["Allow"].split(", ")) >= {"GET", "POST"}


def test_italian_messages_follow_the_token_owners_language(api, make_user, make_token):
    secret = make_token(make_user("giulia", locale="it"))
    refused = api.post("/questions", token=secret, json={**NEW_QUESTION, "title": "Aiuto"})
    assert refused.json["error"]["fields"]["title"] == "Usa almeno 15 caratteri (ne hai inseriti 5)."


def test_a_script_neither_uses_up_badge_news_nor_gets_a_cookie(api, client, auth, make_user, make_question,
                                                                make_answer, make_token):
    owner, helper = make_user("olivia"), make_user("hugo")
    question = make_question(owner)
    posts.accept_answer(owner, make_answer(helper, question))  # hugo earns Helper: told on his next page
    db.session.commit()
    response = api.get("/me", token=make_token(helper))
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    auth.login(helper)
    assert "You earned a badge: Helper!" in client.get("/faq").get_data(as_text=True)
