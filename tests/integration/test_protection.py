"""CSRF on every POST and rate limits on the cheap-to-abuse ones."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Question, User


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


def csrf_token(client, url="/login"):
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


@pytest.mark.parametrize("url", ["/register", "/login", "/logout", "/language", "/questions/ask",
                                 "/posts/1/vote", "/posts/1/comments", "/answers/2/accept",
                                 "/questions/1/answers", "/posts/1/edit", "/posts/1/delete", "/settings"])
def test_every_post_without_token_is_refused(client, make_user, make_question, make_answer, url):
    user = make_user("giulia")
    question = make_question(user)
    make_answer(make_user(), question)
    # log in with a token, then send the state change without one
    client.post("/login", data={"login": "giulia", "password": "correct horse battery",
                                "csrf_token": csrf_token(client)})
    before = db.session.scalar(select(Question.score)), db.session.query(User).count()
    response = client.post(url, data={"value": "up", "body": "a comment long enough", "username": "x",
                                      "title": "x" * 20, "tags": "aurora-one"})
    assert response.status_code == 400, url
    assert "Reload the page" in response.get_data(as_text=True)
    assert (db.session.scalar(select(Question.score)), db.session.query(User).count()) == before


def test_posts_with_the_token_work(client, make_user):
    make_user("giulia")
    response = client.post("/login", data={"login": "giulia", "password": "correct horse battery",
                                           "csrf_token": csrf_token(client)})
    assert response.status_code == 302


def test_json_clients_send_the_token_in_a_header(client, make_user, make_question):
    question = make_question(make_user())
    make_user("marco", reputation=100)
    client.post("/login", data={"login": "marco", "password": "correct horse battery",
                                "csrf_token": csrf_token(client)})
    token = csrf_token(client, "/")
    response = client.post(f"/posts/{question.id}/vote", data={"value": "up"},
                           headers={"Accept": "application/json", "X-CSRFToken": token})
    assert response.status_code == 200 and response.json["score"] == 1


class TestRateLimits:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3/minute"}

    def test_login_attempts_are_limited_with_a_localised_429(self, client, make_user):
        make_user("giulia")
        for _ in range(3):
            client.post("/login", data={"login": "giulia", "password": "wrong password"})
        response = client.post("/login", data={"login": "giulia", "password": "wrong password"},
                               headers={"Accept-Language": "it"})
        assert response.status_code == 429
        assert "Troppe richieste" in response.get_data(as_text=True)
