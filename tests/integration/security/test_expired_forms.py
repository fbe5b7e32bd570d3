"""A form whose CSRF token no longer matches the session (renewed in another tab by logging out and in, or begun
anew by remember-me after a browser restart) comes back with what was typed, a fresh token and a message saying
what happened; nothing is written until it is sent again, and then it works. Forms built on app/forms.py's
`submit` come back as themselves; the others (flags, the brand team's notes) as a page that sends the same fields.
A request sent from another site still gets the plain refusal, with nothing of it shown back."""

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ApiToken, Comment, FaqEntry, Flag, Post, Question, User, Webhook
from tests.conftest import PASSWORD
from tests.integration.security.pages import fields, forms

ORIGIN = {"Origin": "http://localhost"}
EXPIRED = "Your session changed after this page was opened"
SECRET = "s3cret-for-the-help-desk-0123456789"


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True, "WEBHOOKS_ALLOW_PRIVATE": True}


def log_in(client, username: str, remember: bool = False) -> None:
    page = client.get("/login").get_data(as_text=True)
    typed = {"login": username, "password": PASSWORD, **({"remember": "y"} if remember else {})}
    response = client.post("/login", data=fields(page, having="password", typed=typed), headers=ORIGIN)
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def renew_session_elsewhere(client, username: str) -> None:
    """Another tab of the same browser logs out and in again: the session (and its CSRF token) is new."""
    page = client.get("/").get_data(as_text=True)
    client.post("/logout", data=fields(page, "/logout"), headers=ORIGIN)
    log_in(client, username)


def token_in(data: dict) -> str:
    return data["csrf_token"]


@pytest.fixture
def world(app, make_user, make_question, make_answer):
    from app.questions import official_answers
    from app.questions import operations as posts

    asker, helper = make_user("olivia"), make_user("hugo")
    make_user("vera", reputation=100_000)
    brand = make_user("marta", role="moderator")
    make_user("ada", role="admin")
    target = make_user("tina")
    question = make_question(asker)
    answer = make_answer(helper, question)
    posts.accept_answer(asker, answer)
    official_answers.mark_official(brand, answer)
    db.session.commit()
    return {"question": question, "answer": answer, "target": target}


def _question_page(w):
    q = w["question"]
    return f"/questions/{q.id}/{q.slug}"


# (who, the page with the form, the form's action (None: the page itself) or a field it holds, what is typed,
#  what the stored row shows once it is sent again)
CASES = {
    "ask": ("olivia", lambda w: "/questions/ask", ("", "title"), {
        "title": "The steam wand drips after I close it", "tags": "aurora-one",
        "body": "Since last week the steam wand keeps dripping water for minutes after use."},
        lambda w: db.session.scalar(select(func.count(Question.id))) == 2),
    "answer": ("vera", _question_page, (lambda w: f"/questions/{w['question'].id}/answers", "body"), {
        "body": "Check the gasket under the steam knob and replace it if it is worn."},
        lambda w: db.session.scalar(select(func.count(Post.id))) == 3),
    "comment": ("vera", _question_page, (lambda w: f"/posts/{w['question'].id}/comments", "body"), {
        "body": "Which firmware version does your machine show?"},
        lambda w: db.session.scalar(select(func.count(Comment.id))) == 1),
    "edit": ("olivia", lambda w: f"/posts/{w['question'].id}/edit", ("", "body"), {
        "body": "The red light blinks three times, then the pump stops and the display shows E04.",
        "tags": "aurora-one", "summary": "the display too"},
        lambda w: "display shows E04" in db.session.get(Post, w["question"].id).body_markdown),
    "settings": ("olivia", lambda w: "/settings", ("", "profile-about"), {
        "profile-about": "Espresso every morning, cappuccino on Sundays."},
        lambda w: db.session.scalar(select(User.about).where(User.username == "olivia")).startswith("Espresso")),
    "faq": ("marta", lambda w: f"/questions/{w['question'].id}/faq", ("", "title"), {
        "title": "Error E04 after descaling, and how to clear it"},
        lambda w: db.session.scalar(select(func.count(FaqEntry.id))) == 1),
    "suspension": ("ada", lambda w: f"/admin/users/{w['target'].id}/suspend", ("", "reason"), {
        "until": (date.today() + timedelta(days=30)).isoformat(), "reason": "Spam links in every single answer"},
        lambda w: db.session.scalar(select(User.suspension_reason).where(User.username == "tina")) is not None),
    "webhook": ("ada", lambda w: "/admin/webhooks/new", ("", "url"), {
        "url": "http://127.0.0.1:9/in", "secret": SECRET, "events": ["flag.created"], "description": "Our help desk"},
        lambda w: db.session.scalar(select(func.count(Webhook.id))) == 1),
    "api token": ("olivia", lambda w: "/settings/api-tokens", ("", "name"), {"name": "Help desk sync script"},
                  lambda w: db.session.scalar(select(func.count(ApiToken.id))) == 1),
}


def _form_on(page: str, w, where) -> dict:
    action, having = where
    return fields(page, action(w) if callable(action) else action, having=having)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_form_sent_after_the_session_changed_comes_back_with_the_text(client, world, case):
    who, page_of, where, typed, stored = CASES[case]
    log_in(client, who)
    url = page_of(world)
    data = {**_form_on(client.get(url).get_data(as_text=True), world, where), **typed}
    action = where[0](world) if callable(where[0]) else url
    renew_session_elsewhere(client, who)

    response = client.post(action, data=data, headers=ORIGIN)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert EXPIRED in html
    assert not stored(world), "the refused form wrote something"
    again = _form_on(html, world, where)
    for name, value in typed.items():
        kept = again[name] if isinstance(value, str) or isinstance(again[name], list) else [again[name]]
        assert kept == value, f"{name} was not kept"
    assert token_in(again) != token_in(data)

    response = client.post(action, data=again, headers=ORIGIN)
    assert response.status_code in (200, 302), [line for line in response.get_data(as_text=True).splitlines()
                                                if "error" in line]
    assert stored(world)


def test_a_flag_comes_back_as_a_page_that_sends_it_again(client, world):
    log_in(client, "vera")
    answer = world["answer"]
    page = client.get(_question_page(world)).get_data(as_text=True)
    action = f"/posts/{answer.id}/flags"
    data = fields(page, action, {"reason": "incorrect-or-outdated",
                                 "text": "The descaler named here was discontinued last year."})
    renew_session_elsewhere(client, "vera")

    response = client.post(action, data=data, headers=ORIGIN)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and EXPIRED in html
    assert db.session.scalar(select(func.count(Flag.id))) == 0
    again = fields(html, action)
    assert again["text"] == data["text"] and again["reason"] == "incorrect-or-outdated"
    assert token_in(again) != token_in(data)
    assert client.post(action, data=again, headers=ORIGIN).status_code == 302
    assert db.session.scalar(select(Flag.text)) == data["text"]


@pytest.mark.parametrize("form", ["answer", "flag"])
def test_after_a_browser_restart_remember_me_keeps_the_text(app, world, form):
    browser = app.test_client()
    log_in(browser, "vera", remember=True)
    page = browser.get(_question_page(world)).get_data(as_text=True)
    if form == "answer":
        action = f"/questions/{world['question'].id}/answers"
        typed = {"body": "Hold the power button for five seconds to clear E04."}
    else:
        action = f"/posts/{world['answer'].id}/flags"
        typed = {"reason": "incorrect-or-outdated", "text": "The descaler named here was discontinued last year."}
    data = fields(page, action, typed)
    restarted = app.test_client()  # the session cookie is gone; the remember-me cookie survives
    remember = browser.get_cookie("remember_token")
    restarted.set_cookie(remember.key, remember.value)
    response = restarted.post(action, data=data, headers=ORIGIN)
    assert response.status_code == 400
    again = fields(response.get_data(as_text=True), action)
    assert all(again[name] == value for name, value in typed.items())
    assert restarted.post(action, data=again, headers=ORIGIN).status_code == 302
    assert db.session.scalar(select(func.count(Post.id))) == (3 if form == "answer" else 2)
    assert db.session.scalar(select(func.count(Flag.id))) == (1 if form == "flag" else 0)


@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example"},
                                     {"Referer": "https://evil.example/page"}, {}],
                         ids=["other origin", "other referer", "no origin"])
def test_a_form_from_another_site_gets_the_plain_refusal(client, world, headers):
    log_in(client, "olivia")
    page = client.get("/questions/ask").get_data(as_text=True)
    data = fields(page, "", {"title": "Free espresso machines for everyone today",
                             "body": "Click the link below to claim your free machine now.", "tags": "aurora-one"},
                  having="title")
    data["csrf_token"] = "forged"
    response = client.post("/questions/ask", data=data, headers=headers)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Free espresso machines" not in html and not any(f["method"] == "post" and f["action"] == "/questions/ask"
                                                            for f in forms(html))
    assert db.session.scalar(select(func.count(Question.id))) == 1


def test_a_vote_from_a_script_still_gets_json(client, world):
    log_in(client, "vera")
    response = client.post(f"/posts/{world['answer'].id}/vote", data={"value": "up"},
                           headers={**ORIGIN, "Accept": "application/json", "X-CSRFToken": "stale"})
    assert response.status_code == 400 and response.is_json
