"""Simultaneous requests that read a state and then change it (issue 26, finding 16: six parallel accepts
all answered "accepted" and made six notifications). Each request comes from its own process with its own
app, as from gunicorn workers, on SQLite (a file in WAL mode) and on PostgreSQL; each operation locks before
it reads, so every request sees what the one before it did."""

import multiprocessing
import os

import pytest
from sqlalchemy import func, select

from app import create_app
from app.extensions import db
from app.models import Answer, Flag, Follow, Notification, Post, Question
from app.questions import counters
from app.reputation import ledger
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.integration.security.rendered_forms import form_on

AT_ONCE = 6
CONFIG = {**TEST_CONFIG, "MAIL_SEND_AFTER_COMMIT": False}
_apps = {}


def _app(database_url: str):
    if database_url not in _apps:
        _apps[database_url] = create_app({**CONFIG, "SQLALCHEMY_DATABASE_URI": database_url,
                                          "SEARCH_INDEX_DIR": os.environ["SPORTELLO_RACE_INDEX"]})
    return _apps[database_url]


def _send(database_url, barrier, username, method, path, data, headers):
    """Log in (unless the request carries a token), wait for the others, then send: (status, page)."""
    client = _app(database_url).test_client()
    if username:
        assert client.post("/login", data={"login": username, "password": PASSWORD}).status_code == 302
    barrier.wait()
    response = client.open(path, method=method, data=data, headers=headers)
    return response.status_code, response.get_data(as_text=True)


@pytest.fixture(scope="module")
def pool(tmp_path_factory):
    os.environ["SPORTELLO_RACE_INDEX"] = str(tmp_path_factory.mktemp("index"))
    context = multiprocessing.get_context("spawn")
    with context.Manager() as manager, context.Pool(AT_ONCE) as workers:
        workers.manager = manager
        yield workers
        workers.close()
        workers.join()


@pytest.fixture
def at_once(app, database_url, pool):
    app.config.update(CONFIG)

    def send(username, method, path, data=None, headers=None, times=AT_ONCE):
        barrier = pool.manager.Barrier(times)
        return pool.starmap(_send, [(database_url, barrier, username, method, path, data or {}, headers or {})] * times)

    return send


def consistent() -> None:
    db.session.expire_all()
    assert counters.find_drift() == []
    assert ledger.recompute(check=True) == []


def statuses(responses) -> list[int]:
    return sorted(status for status, _ in responses)


def notifications(kind: str) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(Notification.kind == kind))


@pytest.fixture
def thread(make_user, make_question, make_answer):
    asker, helper = make_user("olivia"), make_user("hugo")
    question = make_question(asker)
    return question, make_answer(helper, question)


def test_six_accepts_from_the_rendered_form_accept_once(client, auth, at_once, thread):
    question, answer = thread
    auth.login("olivia")
    form = form_on(client, f"/questions/{question.id}/{question.slug}", action=f"/answers/{answer.id}/accept")
    assert form.fields["accept"] == "1"
    assert statuses(at_once("olivia", "POST", form.action, form.fields)) == [302] * AT_ONCE
    db.session.expire_all()
    assert db.session.get(Question, question.id).accepted_answer_id == answer.id
    assert notifications("accepted") == 1
    consistent()
    # The accepted answer's form now offers to take it back, and six of those leave it taken back.
    form = form_on(client, f"/questions/{question.id}/{question.slug}", action=f"/answers/{answer.id}/accept")
    assert form.fields["accept"] == "0"
    assert statuses(at_once("olivia", "POST", form.action, form.fields)) == [302] * AT_ONCE
    db.session.expire_all()
    assert db.session.get(Question, question.id).accepted_answer_id is None
    consistent()


def test_six_api_accepts_accept_once(at_once, thread):
    from app.api import operations as tokens

    question, answer = thread
    _row, secret = tokens.create_token(question.author, "sync")
    db.session.commit()
    responses = at_once(None, "POST", f"/api/v1/answers/{answer.id}/accept",
                        headers={"Authorization": f"Bearer {secret}"})
    assert statuses(responses) == [200] * AT_ONCE
    assert all('"accepted":true' in body.replace(" ", "") for _, body in responses)
    assert notifications("accepted") == 1
    consistent()


def test_an_answer_deleted_twice_at_once_is_counted_once(client, at_once, thread):
    question, answer = thread
    responses = at_once("hugo", "POST", f"/posts/{answer.id}/delete", times=2)
    assert statuses(responses)[0] == 302 and all(status < 500 for status in statuses(responses))
    db.session.expire_all()
    assert db.session.get(Question, question.id).answer_count == 0
    consistent()


def test_a_question_deleted_twice_at_once_keeps_its_tags_counts(at_once, make_user, make_question):
    question = make_question(make_user("olivia"))
    responses = at_once("olivia", "POST", f"/posts/{question.id}/delete", times=2)
    assert all(status < 500 for status in statuses(responses))
    consistent()


def test_a_flag_sent_twice_at_once_is_one_flag(at_once, thread, make_user):
    _question, answer = thread
    make_user("sam", reputation=100)
    responses = at_once("sam", "POST", f"/posts/{answer.id}/flags", {"reason": "spam"}, times=3)
    assert all(status < 500 for status in statuses(responses)), responses
    assert db.session.scalar(select(func.count()).select_from(Flag)) == 1


def test_flags_from_enough_members_at_once_hide_the_post(app, at_once, thread, make_user, pool, database_url):
    _question, answer = thread
    flaggers = [make_user(f"flagger{n}", reputation=100).username for n in range(3)]
    barrier = pool.manager.Barrier(len(flaggers))
    responses = pool.starmap(_send, [(database_url, barrier, name, "POST", f"/posts/{answer.id}/flags",
                                      {"reason": "spam"}, {}) for name in flaggers])
    assert statuses(responses) == [302] * 3
    db.session.expire_all()
    assert db.session.get(Post, answer.id).hidden_at is not None


def test_a_follow_sent_twice_at_once_is_one_follow(at_once, thread):
    question, _answer = thread
    responses = at_once("hugo", "POST", f"/questions/{question.id}/follow", times=3)
    assert statuses(responses) == [302] * 3, responses
    assert db.session.scalar(select(func.count()).select_from(Follow).where(
        Follow.question_id == question.id, Follow.user_id == db.session.get(Answer, _answer.id).author_id)) == 1


def test_e_mail_settings_saved_twice_at_once(client, auth, at_once, thread):
    """A double click on "save", or a mail provider's one-click unsubscribe beside the member's own click."""
    from app.models import MailPreference
    from app.notifications import emails

    auth.login("hugo")
    form = form_on(client, "/settings/notifications", action="/settings/notifications")
    assert statuses(at_once("hugo", "POST", form.action, form.fields, times=3)) == [302] * 3
    asker = thread[0].author_id  # has chosen nothing yet: the unsubscribe writes her first row
    link = emails.unsubscribe_url(asker, "comment").split("/unsubscribe/", 1)[1]
    assert statuses(at_once(None, "POST", f"/unsubscribe/{link}", times=3)) == [200] * 3
    for user_id in (thread[1].author_id, asker):
        kinds = db.session.scalars(select(MailPreference.kind).where(MailPreference.user_id == user_id)).all()
        assert len(kinds) == len(set(kinds)) > 0


def test_one_username_registered_twice_at_once(at_once, database_url, pool):
    """Nothing to lock before the account exists: the unique key decides, and the loser is told as a person."""
    barrier = pool.manager.Barrier(3)
    responses = pool.starmap(_send, [(database_url, barrier, None, "POST", "/register", {
        "username": "nina", "email": f"nina{n}@example.com", "password": "a long enough passphrase"}, {})
        for n in range(3)])
    assert statuses(responses) == [302, 400, 400], responses
    assert all("This username is taken." in body for status, body in responses if status == 400)


def test_one_tag_created_twice_at_once(at_once, make_user):
    make_user("marta", role="moderator")
    responses = at_once("marta", "POST", "/tags/new", {"name": "aurora-trio", "description": "The new machine"},
                        times=2)
    assert statuses(responses) == [302, 400], [status for status, _ in responses]
    assert any("A tag with this name exists" in body for _, body in responses)
