"""Abuse limits counted from database rows: new members' pace, links and images, repeated posts, failed
log-ins, registrations. Each refusal is a localised 429 (400 for content) with the user's text kept."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import Answer, Comment, Question, RateEvent, User
from tests.conftest import PASSWORD

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture
def app_config():
    return {"ABUSE_LIMITS_ENABLED": True}


def at(minutes=0.0, seconds=0.0):
    return clock.frozen(T0 + timedelta(minutes=minutes, seconds=seconds))


def ask(client, n, body=None):
    return client.post("/questions/ask", data={
        "title": f"Question number {n} about the steam wand", "tags": "aurora-one",
        "body": body or f"The steam wand drips for minutes after use, case {n}, what can I do?"})


def count(model, **where):
    return db.session.scalar(select(func.count()).select_from(model).filter_by(**where))


@pytest.fixture
def newcomer(make_user, tags, auth):
    with at():
        user = make_user("nina")
        auth.login("nina")
    return user


def test_new_member_asks_once_every_ten_minutes_and_keeps_the_text(client, newcomer):
    with at(1):
        assert ask(client, 1).status_code == 302
    with at(5):
        response = ask(client, 2, "My carefully written second question that must not be lost.")
    html = response.get_data(as_text=True)
    assert response.status_code == 429
    assert "New members can ask one question every 10 minutes. You can ask again in 6 minutes." in html
    assert "My carefully written second question that must not be lost." in html
    assert 'id="body-error"' in html
    assert count(Question) == 1
    with at(11, 1):
        assert ask(client, 2).status_code == 302


def test_first_day_allows_three_questions_then_only_the_pace(client, newcomer):
    for n in range(3):
        with at(1 + 11 * n):
            assert ask(client, n).status_code == 302
    with at(40):
        response = ask(client, 3)
    assert response.status_code == 429
    assert "On their first day new members can ask 3 questions. You can ask again in 23 hours." in \
        response.get_data(as_text=True)
    with at(24 * 60 + 1):  # the second day: reputation is still below 15, only the pace applies
        assert ask(client, 3).status_code == 302
        assert ask(client, 4).status_code == 429


def test_new_member_answers_once_every_thirty_seconds_ten_on_the_first_day(client, newcomer, make_user,
                                                                          make_question):
    with at():
        question = make_question(make_user("asker", reputation=200, created_at=T0 - timedelta(days=30)))

    def answer(n):
        return client.post(f"/questions/{question.id}/answers", data={"body": f"Try the descaling cycle, tip {n}."})

    with at(1):
        assert answer(0).status_code == 302
    with at(1, 20):
        response = answer(1)
        assert response.status_code == 429
        html = response.get_data(as_text=True)
        assert "New members can post one answer every 30 seconds." in html and "tip 1" in html
    for n in range(1, 10):
        with at(2 + n):
            assert answer(n).status_code == 302
    with at(20):
        response = answer(10)
    assert response.status_code == 429 and "can post 10 answers" in response.get_data(as_text=True)
    assert count(Answer) == 10


def test_new_members_post_at_most_two_links_and_no_images(client, newcomer):
    three_links = "See https://a.example/1 and https://b.example/2 and also [the manual](https://c.example/3)."
    with at(1):
        response = ask(client, 1, three_links)
        assert response.status_code == 400
        assert "at most 2 links" in response.get_data(as_text=True) and "the manual" in response.get_data(as_text=True)
        response = ask(client, 1, "Here is a photo of the error: ![E04](https://img.example/e04.png) help")
        # Images need the image privilege (10 reputation), whatever the limits (app/uploads/operations.py).
        assert response.status_code == 400 and "Images need 10 reputation (you have 1)" in \
            response.get_data(as_text=True)
        assert ask(client, 1, "Two links are fine: https://a.example/1 and https://b.example/2 ok").status_code == 302
    assert count(Question) == 1


def test_established_members_and_the_brand_team_are_not_new(client, tags, make_user, auth):
    with at():
        make_user("olga", reputation=15, created_at=T0 - timedelta(days=2))
        make_user("care", role="moderator")
    for name in ("olga", "care"):
        with at():
            auth.login(name)
        for n in range(4):
            with at(1 + n):
                response = ask(client, f"{name}{n}", f"Links https://a.example/1 https://b.example/2 "
                                                     f"https://c.example/3 and ![x](https://img.example/x.png) {n}")
                assert response.status_code == 302, response.get_data(as_text=True)
        auth.logout()


def test_nobody_posts_the_same_text_twice_within_five_minutes(client, make_user, make_question, auth):
    with at():
        veteran = make_user("olga", reputation=500, created_at=T0 - timedelta(days=90))
        first, second = make_question(veteran), make_question(veteran, title="Another question about the grinder")
        auth.login("olga")
    text = "Buy the premium descaler from our shop at a discount today!"
    with at(1):
        assert client.post(f"/questions/{first.id}/answers", data={"body": text}).status_code == 302
    with at(3):
        response = client.post(f"/questions/{second.id}/answers", data={"body": text})
        assert response.status_code == 429 and "exactly this a moment ago" in response.get_data(as_text=True)
        assert client.post(f"/posts/{first.id}/comments", data={"body": "Same comment"}).status_code == 302
        assert client.post(f"/posts/{second.id}/comments", data={"body": "Same comment"}).status_code == 429
    with at(6, 1):
        assert client.post(f"/questions/{second.id}/answers", data={"body": text}).status_code == 302
    assert count(Answer) == 2 and count(Comment) == 1


def test_refusals_are_in_the_members_language(client, tags, make_user, auth):
    with at():
        make_user("nino", locale="it")
        auth.login("nino")
    with at(1):
        ask(client, 1)
    with at(2):
        response = ask(client, 2)
    assert response.status_code == 429 and 'lang="it"' in response.get_data(as_text=True)
    with force_locale("it"):
        expected = _("New members can ask one question every %(interval)s. You can ask again in %(wait)s.",
                     interval="10 minuti", wait="9 minuti")
    assert expected in response.get_data(as_text=True)


# Log-ins and registrations ---------------------------------------------------------------------------------

def login(client, name, password="wrong password", address="10.0.0.1"):
    return client.post("/login", data={"login": name, "password": password},
                       environ_base={"REMOTE_ADDR": address})


COOL_DOWN = "Too many failed log-ins for this account or from your network. Please wait"


def test_six_failures_a_minute_then_a_cool_down_even_with_the_right_password(client, make_user):
    make_user("giulia")
    for n in range(6):
        with at(seconds=n):
            assert login(client, "giulia").status_code == 400
    with at(seconds=10):
        response = login(client, "giulia", PASSWORD)
    html = response.get_data(as_text=True)
    assert response.status_code == 429 and COOL_DOWN in html and "50 seconds" in html
    assert 'value="giulia"' in html  # the login is kept
    assert count(RateEvent, kind="login_failure") == 12  # six, counted per account and per address
    with at(seconds=61):
        assert login(client, "giulia", PASSWORD).status_code == 302
    assert count(RateEvent, kind="login_failure") == 12  # a right password is no failure


def test_thirty_failures_an_hour(client, make_user):
    make_user("giulia")
    for n in range(30):  # below six a minute
        with at(seconds=11 * n):
            assert login(client, "giulia").status_code == 400, n
    with at(seconds=11 * 30):
        response = login(client, "giulia", PASSWORD)
    assert response.status_code == 429 and COOL_DOWN in response.get_data(as_text=True)


def test_failures_count_per_address_across_accounts_and_alike_for_unknown_ones(client, make_user):
    make_user("giulia")
    for n in range(6):
        with at(seconds=n):
            login(client, f"someone{n}")  # unknown accounts, one address
    with at(seconds=7):
        from_there = login(client, "giulia", PASSWORD)
        from_elsewhere = login(client, "giulia", PASSWORD, address="10.0.0.2")
    assert from_there.status_code == 429 and from_elsewhere.status_code == 302
    for n in range(6):  # an unknown account is limited exactly like a real one
        with at(minutes=5, seconds=n):
            login(client, "nobody", address=f"10.1.0.{n}")
            login(client, "giulia", address=f"10.2.0.{n}")
    with at(minutes=5, seconds=7):
        unknown, known = login(client, "nobody", address="10.3.0.1"), login(client, "giulia", address="10.3.0.2")
    assert unknown.status_code == known.status_code == 429
    strip = lambda html: re.sub(r'value="[^"]*"|name="csrf-token" content="[^"]*"', "", html)  # noqa: E731
    assert strip(unknown.get_data(as_text=True)) == strip(known.get_data(as_text=True))


def test_three_registrations_per_address_a_day(client):
    def register(n, address="10.0.0.1"):
        client.post("/logout")
        return client.post("/register", data={"username": f"newbie{n}", "email": f"newbie{n}@example.com",
                                              "password": "a long and unusual passphrase 42"},
                           environ_base={"REMOTE_ADDR": address})

    for n in range(3):
        with at(minutes=n):
            assert register(n).status_code == 302
    with at(minutes=10):
        response = register(3)
        assert response.status_code == 429
        html = response.get_data(as_text=True)
        assert "Too many accounts were created from your network today" in html and 'value="newbie3"' in html
        assert register(3, "10.0.0.2").status_code == 302
    with at(minutes=24 * 60 + 1):
        assert register(4).status_code == 302
    assert count(User) == 5


def test_asking_whether_an_address_has_an_account_counts_like_a_registration(client, make_user):
    make_user("giulia")
    for n in range(3):
        with at(minutes=n):
            response = client.post("/register", data={"username": f"probe{n}", "email": "giulia@example.com",
                                                      "password": "a long and unusual passphrase 42"})
            assert response.status_code == 400 and "already exists" in response.get_data(as_text=True)
    with at(minutes=5):
        response = client.post("/register", data={"username": "probe9", "email": "other@example.com",
                                                  "password": "a long and unusual passphrase 42"})
    assert response.status_code == 429  # the day's registrations from this network are used up
    assert count(User) == 1
