"""Webhooks: registered by admins, queued with their cause, delivered signed to a real receiver on loopback,
retried with back-off, recorded, refused for private addresses, and never a reason for a request to fail."""

import json
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import clock, dispatch
from app.extensions import db
from app.models import ImportSource, Question, Webhook, WebhookDelivery, WebhookEscalation
from app.models.webhook import WEBHOOK_EVENTS
from app.moderation import operations as moderation
from app.questions import official_answers
from app.questions import operations as posts
from app.webhooks import addresses, deliveries, operations, sending
from tests.integration.webhooks.receiver import Receiver, verify

SECRET = "s3cret-for-the-help-desk-0123456789"
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def app_config():
    return {"WEBHOOKS_ALLOW_PRIVATE": True, "WEBHOOKS_SEND_AFTER_COMMIT": "inline"}


@pytest.fixture
def receiver():
    running = Receiver()
    yield running
    running.close()


@pytest.fixture
def admin(make_user):
    return make_user("ada", role="admin")


@pytest.fixture
def endpoint(app, admin, receiver):
    created = operations.create_endpoint(admin, receiver.url, SECRET, list(WEBHOOK_EVENTS), "Help desk")
    db.session.commit()
    return created


def only_delivery() -> WebhookDelivery:
    rows = db.session.scalars(select(WebhookDelivery)).all()
    assert len(rows) == 1, rows
    return rows[0]


# Registering, and who may

def test_admin_registers_a_webhook_and_a_question_is_delivered_signed(client, auth, admin, make_user, tags,
                                                                       receiver):
    auth.login(admin)
    form = client.get("/admin/webhooks/new").get_data(as_text=True)
    assert 'name="secret"' in form and "A question is asked" in form
    response = client.post("/admin/webhooks/new", data={"url": receiver.url, "secret": SECRET,
                                                        "events": ["question.created", "answer.accepted"],
                                                        "description": "Zendesk", "active": "y"})
    assert response.status_code == 302
    endpoint = db.session.scalar(select(Webhook))
    assert endpoint.events == ["question.created", "answer.accepted"] and endpoint.is_active
    auth.logout()

    make_user("olivia")
    auth.login("olivia")
    response = client.post("/questions/ask", data={"title": "The steam wand drips after I close it",
                                                   "body": "It keeps dripping water for minutes after use.",
                                                   "tags": "aurora-one"})
    assert response.status_code == 302
    assert receiver.events() == ["question.created"]
    request = receiver.requests[0]
    assert request["path"] == "/hooks/sportello?source=forum"
    assert request["headers"]["Content-Type"] == "application/json"
    assert verify(request, SECRET)
    assert not verify(request, secret="another secret of some length")
    payload = json.loads(request["body"])
    question = db.session.scalar(select(Question))
    assert payload["event"] == "question.created"
    assert payload["data"]["question"]["id"] == question.id
    assert payload["data"]["question"]["title"] == "The steam wand drips after I close it"
    assert payload["data"]["question"]["url"].endswith(f"/questions/{question.id}/{question.slug}")
    assert payload["data"]["question"]["author"]["username"] == "olivia"
    delivery = only_delivery()
    assert request["headers"]["X-Sportello-Delivery"] == str(delivery.id)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 200)
    assert delivery.last_response_ms is not None and delivery.last_error is None
    auth.logout()

    auth.login(admin)
    page = client.get(f"/admin/webhooks/{endpoint.id}").get_data(as_text=True)
    assert "question.created" in page and "Delivered" in page and "HTTP 200" in page
    assert "1 delivered, 0 waiting, 0 failed" in client.get("/admin/webhooks").get_data(as_text=True)


def test_only_admins_reach_the_webhook_pages(client, auth, make_user, endpoint, receiver):
    make_user("sam")
    make_user("marta", role="moderator")
    assert client.get("/admin/webhooks").status_code == 302  # to log in
    for name in ("sam", "marta"):
        auth.login(name)
        assert client.get("/admin/webhooks").status_code == 403
        assert client.get(f"/admin/webhooks/{endpoint.id}").status_code == 403
        assert client.post("/admin/webhooks/new", data={"url": receiver.url, "secret": SECRET,
                                                        "events": ["flag.created"]}).status_code == 403
        assert client.post(f"/admin/webhooks/{endpoint.id}/test").status_code == 403
        assert client.post(f"/admin/webhooks/{endpoint.id}/delete").status_code == 403
        auth.logout()
    assert db.session.scalar(select(func.count(Webhook.id))) == 1
    assert receiver.requests == []


def test_refused_forms_keep_the_text_and_say_why(client, auth, admin):
    auth.login(admin)
    response = client.post("/admin/webhooks/new", data={"url": "ftp://help.example.com/in", "secret": "short",
                                                        "description": "Our desk"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Only http:// and https://" in html and "Use a secret of 16" in html and "Choose at least one" in html
    assert "ftp://help.example.com/in" in html and "Our desk" in html
    assert db.session.scalar(select(func.count(Webhook.id))) == 0


def test_edit_keeps_the_secret_when_left_empty_and_delete_removes_the_record(client, auth, admin, endpoint,
                                                                             receiver):
    auth.login(admin)
    edit = client.get(f"/admin/webhooks/{endpoint.id}/edit").get_data(as_text=True)
    assert SECRET not in edit and receiver.url.replace("&", "&amp;") in edit
    response = client.post(f"/admin/webhooks/{endpoint.id}/edit", data={
        "url": receiver.url, "secret": "", "events": ["flag.created"], "description": "Desk"})
    assert response.status_code == 302
    db.session.refresh(endpoint)
    assert endpoint.secret == SECRET and endpoint.events == ["flag.created"] and not endpoint.is_active
    client.post(f"/admin/webhooks/{endpoint.id}/test")
    assert client.post(f"/admin/webhooks/{endpoint.id}/delete").status_code == 302
    assert db.session.scalar(select(func.count(Webhook.id))) == 0
    assert db.session.scalar(select(func.count(WebhookDelivery.id))) == 0


# The events

def test_each_domain_event_is_queued_for_its_subscribers(app, admin, make_user, make_question, make_answer,
                                                         receiver):
    flags_only = operations.create_endpoint(admin, receiver.url, SECRET, ["flag.created"])
    everything = operations.create_endpoint(admin, receiver.url, SECRET, list(WEBHOOK_EVENTS))
    paused = operations.create_endpoint(admin, receiver.url, SECRET, list(WEBHOOK_EVENTS), active=False)
    db.session.commit()
    asker, helper = make_user("olivia"), make_user("hugo", reputation=1000)
    mod = make_user("marta", role="moderator")
    question = make_question(asker)
    answer = make_answer(helper, question)
    posts.accept_answer(asker, answer)
    official_answers.mark_official(mod, answer)
    moderation.flag_post(helper, question, "needs-brand-answer", "")
    posts.add_comment(asker, answer, "This is unacceptable, I want a refund: it broke again after a week.")
    db.session.commit()
    events = {webhook_id: [e for (e,) in db.session.execute(
        select(WebhookDelivery.event).where(WebhookDelivery.webhook_id == webhook_id).order_by(WebhookDelivery.id))]
        for webhook_id in (flags_only.id, everything.id, paused.id)}
    assert events[flags_only.id] == ["flag.created"]
    assert events[everything.id] == ["question.created", "answer.accepted", "answer.official", "flag.created",
                                     "post.unhappy"]
    assert events[paused.id] == []
    unhappy = json.loads(next(r["body"] for r in receiver.requests
                              if r["headers"]["X-Sportello-Event"] == "post.unhappy"))["data"]
    assert unhappy["question"]["id"] == question.id and "refund" in unhappy["comment"]["body"]
    accepted = json.loads(next(r["body"] for r in receiver.requests
                               if r["headers"]["X-Sportello-Event"] == "answer.accepted"))["data"]
    assert accepted["answer"]["id"] == answer.id and accepted["accepted_by"]["username"] == "olivia"


def test_nothing_is_queued_when_the_change_is_rolled_back(app, admin, make_user, tags, receiver, endpoint):
    asker = make_user("olivia")
    posts.ask_question(asker, "The grinder makes a loud noise", "A loud rattling noise since yesterday.",
                       "aurora-one", "en")
    db.session.rollback()
    assert db.session.scalar(select(func.count(WebhookDelivery.id))) == 0
    assert receiver.requests == []


# Retries

def test_a_failed_delivery_is_retried_with_back_off_then_succeeds(app, endpoint, make_user, make_question,
                                                                  receiver):
    receiver.statuses = [500, 503]
    with clock.frozen(T0):
        make_question(make_user("olivia"))
    delivery = only_delivery()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    assert delivery.last_error == "HTTP 500: busy, try later"
    assert delivery.next_attempt_at == T0 + timedelta(seconds=60)

    with clock.frozen(T0 + timedelta(seconds=59)):  # not due yet
        assert sending.send_due() == (0, 0)
    with clock.frozen(T0 + timedelta(seconds=61)):
        assert sending.send_due() == (0, 1)
    db.session.refresh(delivery)
    assert (delivery.attempts, delivery.last_status_code) == (2, 503)
    assert delivery.next_attempt_at == T0 + timedelta(seconds=61 + 120)  # the delay doubles

    with clock.frozen(T0 + timedelta(seconds=61 + 121)):
        result = app.test_cli_runner().invoke(args=["webhooks", "send"])
    assert result.exit_code == 0 and "Delivered 1, failed this time 0" in result.output
    db.session.refresh(delivery)
    assert (delivery.status, delivery.attempts, delivery.last_status_code, delivery.last_error) == \
        ("delivered", 3, 200, None)
    assert len(receiver.requests) == 3
    assert len({r["body"] for r in receiver.requests}) == 1  # the same bytes every time …
    assert len({r["headers"]["X-Sportello-Delivery"] for r in receiver.requests}) == 1
    assert all(verify(r, SECRET) for r in receiver.requests)  # … each signed with its own timestamp


def test_finished_deliveries_are_forgotten_after_the_keeping_period(app, endpoint, make_user, make_question,
                                                                     receiver):
    receiver.statuses = [500]
    with clock.frozen(T0):
        make_question(make_user("olivia"))  # fails once: still pending
        make_question(make_user("hugo"), title="The grinder makes a loud rattling noise")  # delivered
    with clock.frozen(T0 + timedelta(days=31)):
        result = app.test_cli_runner().invoke(args=["webhooks", "send"])
    assert "Delivered 1" in result.output and "Forgot 1 finished deliveries older than 30 days" in result.output
    assert db.session.scalar(select(func.count(WebhookDelivery.id))) == 1  # the retried one, now delivered
    assert only_delivery().status == "delivered"


def test_a_delivery_gives_up_after_the_last_attempt(app, endpoint, make_user, make_question, receiver):
    app.config["WEBHOOKS_MAX_ATTEMPTS"] = 2
    receiver.statuses = [500, 500]
    with clock.frozen(T0):
        make_question(make_user("olivia"))
    with clock.frozen(T0 + timedelta(minutes=5)):
        result = app.test_cli_runner().invoke(args=["webhooks", "send"])
    assert result.exit_code == 1 and "failed this time 1" in result.output
    delivery = only_delivery()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 2, None)
    with clock.frozen(T0 + timedelta(days=1)):
        assert sending.send_due() == (0, 0)


class Killed(BaseException):
    """The sender's process ends in the middle of a request (SIGKILL): nothing after it runs, nothing is recorded."""


def test_a_delivery_whose_sender_died_mid_send_waits_for_the_claim_then_is_delivered_once(app, endpoint, make_user,
                                                                                          make_question, receiver,
                                                                                          monkeypatch):
    """The drill of tests/cluster/test_drills.py in one process: what a killed sender claimed is left to the next
    `flask webhooks send` once the claim lapses, and only then."""
    app.config["WEBHOOKS_SEND_AFTER_COMMIT"] = "none"
    claim = timedelta(seconds=app.config["WEBHOOKS_CLAIM_SECONDS"])
    with clock.frozen(T0):
        make_question(make_user("olivia"))

    def killed(*args, **kwargs):
        raise Killed

    with monkeypatch.context() as dying, clock.frozen(T0), pytest.raises(Killed):
        dying.setattr(sending, "post", killed)
        sending.send_due()
    db.session.rollback()

    def send(at: datetime) -> str:
        with clock.frozen(at):
            result = app.test_cli_runner().invoke(args=["webhooks", "send"])
        assert result.exit_code == 0, result.output
        return result.output

    assert "Delivered 0" in send(T0 + claim - timedelta(seconds=1))  # its sender might still be at work
    assert receiver.requests == []
    assert "Delivered 1" in send(T0 + claim)
    assert "Delivered 0" in send(T0 + claim + timedelta(minutes=5))
    assert receiver.events() == ["question.created"] and verify(receiver.requests[0], SECRET)
    delivery = only_delivery()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 2, 200)


# A failure never fails the user's request

def test_a_raising_sender_never_fails_the_users_request(client, auth, endpoint, make_user, tags, monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("the network card caught fire")

    monkeypatch.setattr(sending, "post", explode)
    make_user("olivia")
    auth.login("olivia")
    response = client.post("/questions/ask", data={"title": "The steam wand drips after I close it",
                                                   "body": "It keeps dripping water for minutes after use.",
                                                   "tags": "aurora-one"})
    assert response.status_code == 302
    delivery = only_delivery()
    assert delivery.status == "pending" and delivery.attempts == 1
    assert delivery.last_error == "RuntimeError: the network card caught fire"
    assert delivery.next_attempt_at is not None

    monkeypatch.setattr(sending, "send_due", explode)  # the whole sender this time
    response = client.post("/questions/ask", data={"title": "The grinder makes a loud rattling noise",
                                                   "body": "A loud rattling noise since yesterday morning.",
                                                   "tags": "aurora-one"})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count(Question.id))) == 2
    assert db.session.scalar(select(func.count(WebhookDelivery.id)).where(WebhookDelivery.attempts == 0)) == 1


def _ask(client, title: str) -> None:
    response = client.post("/questions/ask", data={"title": title,
                                                   "body": "It keeps dripping water for minutes after use.",
                                                   "tags": "aurora-one"})
    assert response.status_code == 302


def _wait_for(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "still waiting"
        time.sleep(0.02)


def test_the_web_process_sends_after_commit_without_waiting_for_the_receiver(app, client, auth, endpoint, make_user,
                                                                             tags, receiver):
    app.config["AFTER_COMMIT"] = "worker"  # as in production (tests otherwise send before the request returns)
    make_user("olivia")
    auth.login("olivia")
    receiver.answering.clear()
    _ask(client, "The steam wand drips after I close it")  # returned while the help desk has not answered
    _wait_for(lambda: receiver.requests)
    assert only_delivery().status == "pending"
    receiver.answering.set()
    dispatch.worker().join()
    db.session.expire_all()
    assert receiver.events() == ["question.created"]
    assert only_delivery().status == "delivered"


def test_a_full_after_commit_queue_leaves_the_deliveries_to_the_command(app, client, auth, endpoint, make_user, tags,
                                                                        receiver, monkeypatch):
    """The worker's queue is bounded: past it, a commit's work is not queued (no thread is started for it) and
    its rows wait for `flask webhooks send`."""
    app.config["AFTER_COMMIT"] = "worker"
    monkeypatch.setattr(dispatch, "_worker", dispatch.Worker(size=1))
    workers = [t for t in threading.enumerate() if t.name == "after-commit"]
    make_user("olivia")
    auth.login("olivia")
    receiver.answering.clear()
    _ask(client, "The steam wand drips after I close it")  # the worker takes it and waits for the help desk
    _wait_for(lambda: len(receiver.requests) == 1)
    _ask(client, "The grinder makes a loud rattling noise")  # waits in the queue
    _ask(client, "The water tank leaks from the bottom")  # the queue is full
    assert [t for t in threading.enumerate() if t.name == "after-commit"] == workers  # no thread per commit
    receiver.answering.set()
    dispatch.worker().join()
    db.session.expire_all()
    statuses = db.session.scalars(select(WebhookDelivery.status).order_by(WebhookDelivery.id)).all()
    assert statuses == ["delivered", "delivered", "pending"]
    result = app.test_cli_runner().invoke(args=["webhooks", "send"])
    assert "Delivered 1" in result.output
    db.session.expire_all()
    assert len(receiver.requests) == 3
    assert db.session.scalar(select(func.count(WebhookDelivery.id)).where(WebhookDelivery.status != "delivered")) == 0


# The test event button

def test_send_test_event_button(client, auth, admin, endpoint, receiver):
    auth.login(admin)
    response = client.post(f"/admin/webhooks/{endpoint.id}/test", follow_redirects=True)
    assert "Delivered: HTTP 200" in response.get_data(as_text=True)
    assert receiver.events() == ["webhook.test"] and verify(receiver.requests[0], SECRET)
    receiver.statuses = [500]
    response = client.post(f"/admin/webhooks/{endpoint.id}/test", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Not delivered: HTTP 500" in html
    failed = db.session.scalar(select(WebhookDelivery).where(WebhookDelivery.status == "failed"))
    assert failed.event == "webhook.test" and failed.next_attempt_at is None  # tried once, not retried
    assert "Failed" in html and "Delivered" in html


def test_an_admin_tries_a_failed_delivery_again(app, client, auth, admin, endpoint, make_user, make_question,
                                                receiver):
    app.config["WEBHOOKS_MAX_ATTEMPTS"] = 1
    receiver.statuses = [502]
    make_question(make_user("olivia"))
    failed = only_delivery()
    assert failed.status == "failed"
    auth.login(admin)
    page = client.get(f"/admin/webhooks/{endpoint.id}").get_data(as_text=True)
    assert "Try again now" in page and "HTTP 502" in page
    response = client.post(f"/admin/webhooks/deliveries/{failed.id}/retry", follow_redirects=True)
    assert "Delivered: HTTP 200" in response.get_data(as_text=True)
    db.session.refresh(failed)
    assert (failed.status, failed.attempts) == ("delivered", 2)
    assert [r["headers"]["X-Sportello-Delivery"] for r in receiver.requests] == [str(failed.id)] * 2
    assert client.post(f"/admin/webhooks/deliveries/{failed.id}/retry").status_code == 409  # it has arrived
    assert len(receiver.requests) == 2


# Escalation

def test_a_question_past_the_response_target_is_escalated_once(app, endpoint, make_user, make_question,
                                                                make_answer, receiver):
    asker = make_user("olivia")
    with clock.frozen(T0):
        waiting = make_question(asker)
        answered = make_question(asker, title="The milk frother does not heat the milk")
        make_answer(make_user("hugo"), answered)
    receiver.requests.clear()
    runner = app.test_cli_runner()
    with clock.frozen(T0 + timedelta(hours=23)):
        assert "0 question(s) escalated" in runner.invoke(args=["webhooks", "escalate"]).output
    with clock.frozen(T0 + timedelta(hours=25)):
        assert "1 question(s) escalated" in runner.invoke(args=["webhooks", "escalate"]).output
    with clock.frozen(T0 + timedelta(hours=30)):
        assert "0 question(s) escalated" in runner.invoke(args=["webhooks", "escalate"]).output
    assert receiver.events() == ["question.escalated"]
    data = json.loads(receiver.requests[0]["body"])["data"]
    assert data["question"]["id"] == waiting.id
    assert data["response_target_hours"] == 24 and data["waiting_hours"] == 25
    assert db.session.scalars(select(WebhookEscalation.question_id)).all() == [waiting.id]


def test_escalation_leaves_old_history_and_imports_alone(app, endpoint, make_user, make_question):
    with clock.frozen(T0):
        make_question(make_user("olivia"))
    with clock.frozen(T0 + timedelta(days=30)):
        assert deliveries.escalate() == []
    with clock.frozen(T0 + timedelta(days=30)):
        imported = make_question(make_user("hugo"), title="An imported question nobody answered there")
    db.session.add(ImportSource(site="beer.stackexchange.com", kind="question", source_id=7, local_id=imported.id))
    db.session.commit()
    with clock.frozen(T0 + timedelta(days=31)):
        assert deliveries.escalate() == []
    assert db.session.scalar(select(func.count(WebhookDelivery.id))) == 2  # the two question.created only


# Server-side request forgery

@pytest.mark.parametrize(("url", "message"), [
    ("ftp://help.example.com/in", "Only http:// and https://"),
    ("javascript:alert(1)", "Only http:// and https://"),
    ("http://127.0.0.1:8080/hook", "private or local network"),
    ("http://localhost/hook", "private or local network"),
    ("http://10.1.2.3/hook", "private or local network"),
    ("http://192.168.1.20/hook", "private or local network"),
    ("http://169.254.169.254/latest/meta-data/", "private or local network"),
    ("http://[::1]/hook", "private or local network"),
    ("http://[::ffff:127.0.0.1]/hook", "private or local network"),
    ("http://0.0.0.0/hook", "private or local network"),
    ("https://user:pass@93.184.215.14/hook", "no user name or password"),
])
def test_private_and_odd_urls_are_refused_in_production(app, client, auth, admin, url, message):
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False
    auth.login(admin)
    response = client.post("/admin/webhooks/new", data={"url": url, "secret": SECRET, "events": ["flag.created"]})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Webhook.id))) == 0


def test_a_public_address_is_accepted_in_production(app, client, auth, admin):
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False
    auth.login(admin)
    response = client.post("/admin/webhooks/new", data={"url": "https://93.184.215.14/hook", "secret": SECRET,
                                                        "events": ["flag.created"]})
    assert response.status_code == 302
    assert db.session.scalar(select(Webhook.url)) == "https://93.184.215.14/hook"


def test_a_host_rebound_to_a_private_address_is_refused_at_send_time(app, admin, make_user, make_question,
                                                                     monkeypatch):
    app.config["WEBHOOKS_ALLOW_PRIVATE"] = False
    answers = {"help.example.com": ["93.184.215.14"]}
    monkeypatch.setattr(addresses, "resolve", lambda host, port: answers[host])
    calls = []
    monkeypatch.setattr(sending, "post", lambda *args, **kwargs: calls.append(args) or (200, ""))
    operations.create_endpoint(admin, "https://help.example.com/hook", SECRET, ["question.created"])
    db.session.commit()
    answers["help.example.com"] = ["93.184.215.14", "127.0.0.1"]  # the DNS answer changed since registration
    make_question(make_user("olivia"))
    delivery = only_delivery()
    assert calls == [] and delivery.status == "pending"
    assert delivery.last_error.startswith("Refused: This address is on a private or local network")


def test_the_connection_goes_to_the_address_that_was_checked(app, admin, make_user, make_question, receiver,
                                                             monkeypatch):
    """The host name is resolved once per attempt, checked, and that address is connected to (no second lookup
    a rebinding DNS server could answer differently); the Host header still names the host."""
    port = receiver.server.server_address[1]
    lookups = []
    monkeypatch.setattr(addresses, "resolve", lambda host, p: lookups.append(host) or ["127.0.0.1"])
    operations.create_endpoint(admin, f"http://help.example.test:{port}/in", SECRET, ["question.created"])
    db.session.commit()
    make_question(make_user("olivia"))
    assert only_delivery().status == "delivered"
    assert receiver.requests[0]["headers"]["Host"] == f"help.example.test:{port}"
    assert lookups == ["help.example.test", "help.example.test"]  # registration, then the one send


def test_address_rules():
    for address in ("127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.0.1", "169.254.1.1", "100.64.0.1", "::1",
                    "fe80::1", "fc00::1", "::ffff:10.0.0.1", "2002:7f00:1::", "224.0.0.1", "0.0.0.0"):
        assert not addresses.is_public(address), address
    for address in ("93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"):
        assert addresses.is_public(address), address
