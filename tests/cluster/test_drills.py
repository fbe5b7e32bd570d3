"""Failure drills, each bounded in time: an app server killed under load, PostgreSQL restarted, Redis down, an app
server killed while it sends an e-mail, and while it delivers a webhook. Each drill brings the part back before it
ends, so the tests after it find the whole cluster."""

import json
import re
import socket
import subprocess
import time
from collections.abc import Callable
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from tests.cluster.browsing import Browser, errors_on
from tests.cluster.conftest import CLAIM_SECONDS, PASSWORD
from tests.cluster.test_across_servers import mail_sent, word
from tests.integration.webhooks.receiver import Receiver, verify

LOAD_SECONDS = 6
CONNECTIONS = 4  # wrk's connections: at most this many requests are in flight when a server dies


def wrk_failures(output: str) -> int:
    """Requests wrk saw fail: error statuses and socket errors (a timeout counts as one)."""
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, sockets.groups())) if sockets else 0)


def test_an_app_server_killed_under_load_fails_no_more_than_the_requests_in_flight(cluster, member):
    page = member.ask(0, "The cup warmer stays cold", "The cup warmer on top of the machine never heats up.")
    path = page.headers["Location"]
    load = subprocess.Popen(["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{LOAD_SECONDS}s", cluster.url + path],
                            stdout=subprocess.PIPE, text=True)
    try:
        subprocess.run(["sleep", str(LOAD_SECONDS / 3)], check=True)
        cluster.kill_app_server(1)
        output, _ = load.communicate(timeout=LOAD_SECONDS + 30)
    finally:
        load.kill()
        cluster.start_app_server(1)
        cluster.wait_until_balanced()
    served = int(re.search(r"(\d+) requests in", output).group(1))
    assert served > 50, output
    assert wrk_failures(output) <= CONNECTIONS, output


@pytest.mark.parametrize(("language", "text"), [
    ("en", "The site cannot reach its database just now"),
    ("it", "Il sito non riesce a raggiungere il suo database"),
])
def test_while_postgresql_restarts_pages_answer_503_and_then_recover_without_a_restart(cluster, member, visitor,
                                                                                      language, text):
    visitor.http.headers["Accept-Language"] = language
    cluster.postgres.stop()
    try:
        for server in (None, 0, 1):  # through the load balancer, and each app server
            for who in (visitor, member):
                down = who.get(server, "/questions")
                assert down.status_code == 503, down.text[:300]
                assert down.headers["Retry-After"].isdigit()
        assert text in visitor.get(None, "/questions").text
    finally:
        cluster.postgres.start()
    for server in (None, 0, 1):
        assert visitor.get(server, "/questions").status_code == 200
        assert member.signed_in(server)


def test_with_redis_down_rate_limited_pages_still_answer_and_limits_come_back_with_it(cluster, visitor, address,
                                                                                      make_member):
    cluster.stop_redis()
    try:
        statuses = [visitor.get(n % 2, "/search", params={"q": "tank"}).status_code for n in range(6)]
        assert set(statuses) <= {200, 429}, statuses
        signed_in = Browser(cluster, address)
        signed_in.log_in(1, make_member(), PASSWORD)  # a limited form (the log-in) still works
    finally:
        cluster.start_redis()
    assert visitor.get(0, "/search", params={"q": "tank"}).status_code in (200, 429)



# An app server killed while its after-commit worker sends: what it claimed waits for the claim to lapse, then the
# other server's drain sends it, once.

def kill_a_sender_mid_send(cluster, drain: tuple[str, ...], *, cause: Callable[[], object],
                           started: Callable[[], bool], sent: Callable[[], bool],
                           settings: dict[str, str] | None = None) -> None:
    """What `cause` queues through app server 0 (restarted first with `settings`, if any) is claimed by that
    server's after-commit worker, which is killed (SIGKILL) as soon as `started` sees the send under way. Server
    1's `drain` (the command cron runs) leaves it alone while the claim holds and sends it once it lapses; the
    same command on server 0, restarted, finds nothing more to send. `sent` reads the outbox's record; the caller
    checks what arrived."""
    if settings:
        cluster.kill_app_server(0)
        cluster.start_app_server(0, settings)
    try:
        cluster.wait_until_balanced()
        cause()
        deadline = time.monotonic() + 10
        while not started():
            assert time.monotonic() < deadline, "server 0's after-commit worker never started sending"
            time.sleep(0.05)
        claimed_at = time.monotonic()  # the claim was taken before the send began: it lapses before this + claim
        cluster.kill_app_server(0)
        cluster.flask(*drain, number=1)
        assert time.monotonic() - claimed_at < CLAIM_SECONDS, "the drain outlasted the claim: nothing was shown"
        assert not sent(), "sent by the other server while the killed one's claim held"
    finally:
        if "app1" in cluster.processes:
            cluster.kill_app_server(0)
        cluster.start_app_server(0)
        cluster.wait_until_balanced()
    time.sleep(max(0.0, claimed_at + CLAIM_SECONDS - time.monotonic()))
    cluster.flask(*drain, number=1)
    assert sent(), "not sent after the claim lapsed"
    cluster.flask(*drain, number=0)


@contextmanager
def mail_relay_that_never_answers():
    """An SMTP port that accepts connections and never greets: a sender waits there until it is killed."""
    with socket.socket() as relay:
        relay.bind(("127.0.0.1", 0))
        relay.listen(8)
        yield relay.getsockname()[1]


def outbox_row(database, address: str):
    with database.connect() as connection:
        return connection.execute(text("SELECT attempts, sent_at FROM mail_outbox WHERE to_address = :to"),
                                  {"to": address}).one_or_none()


def test_an_email_whose_server_was_killed_mid_send_is_sent_once_by_the_other_when_the_claim_lapses(
        cluster, database, visitor, make_member):
    address = f"{make_member()}@example.com"

    def forget_password():
        requested = visitor.submit(0, "/password/forgot", "email", {"email": address}, allow_redirects=False)
        assert requested.status_code == 302, requested.text[:2000]

    def claimed():  # then server 0 waits for the relay's greeting
        row = outbox_row(database, address)
        return row is not None and row.attempts > 0

    with mail_relay_that_never_answers() as port:
        kill_a_sender_mid_send(
            cluster, ("mail", "send"), cause=forget_password, started=claimed,
            sent=lambda: outbox_row(database, address).sent_at is not None,
            settings={"FLASK_MAIL_SERVER": "127.0.0.1", "FLASK_MAIL_PORT": str(port), "FLASK_MAIL_USE_TLS": "false",
                      "FLASK_MAIL_TIMEOUT": "120"})
    assert [path.parent.name for path in mail_sent(cluster)
            if address in path.read_text(errors="replace")] == ["mail-2"]


HELP_DESK_SECRET = "the help desk's shared secret, 0123456789"


@pytest.fixture
def help_desk(moderator):
    """The brand's help desk on loopback, whose first request hangs, registered by the administrator through the
    admin form for new questions, and deleted the same way after the test (later questions are not for it)."""
    receiver = Receiver(hang_first=1)
    registered = moderator.submit(0, "/admin/webhooks/new", "secret", {
        "url": receiver.url, "secret": HELP_DESK_SECRET, "events": "question.created",
        "description": "Help desk"}, allow_redirects=False)
    assert registered.status_code == 302, errors_on(registered.text)
    page = re.sub(r"^https?://[^/]+", "", registered.headers["Location"])
    try:
        yield receiver
    finally:
        deleted = moderator.submit(1, page, "csrf_token", action="/delete", allow_redirects=False)
        assert deleted.status_code == 302
        receiver.close()


def delivery_row(database, delivery: int):
    with database.connect() as connection:
        return connection.execute(text("SELECT status, attempts, last_status_code FROM webhook_deliveries "
                                       "WHERE id = :id"), {"id": delivery}).one()


def delivery_id(receiver: Receiver) -> int:
    """The delivery the receiver was sent first (every retry carries the same id)."""
    return int(receiver.requests[0]["headers"]["X-Sportello-Delivery"])


def test_a_webhook_whose_server_was_killed_mid_delivery_is_delivered_once_by_the_other_when_the_claim_lapses(
        cluster, database, member, moderator, help_desk):
    title = f"The drip tray {word()} overflows"
    kill_a_sender_mid_send(
        cluster, ("webhooks", "send"),
        cause=lambda: member.ask(0, title, "The drip tray fills up and overflows after three coffees."),
        started=lambda: len(help_desk.requests) >= 1,
        sent=lambda: delivery_row(database, delivery_id(help_desk)).status == "delivered")

    assert len(help_desk.requests) == 2, help_desk.events()
    cut_off, delivered = help_desk.requests  # server 0's, never answered, and server 1's
    assert delivery_id(help_desk) == int(delivered["headers"]["X-Sportello-Delivery"])
    assert delivered["body"] == cut_off["body"] and verify(delivered, HELP_DESK_SECRET)
    payload = json.loads(delivered["body"])
    assert (payload["event"], payload["data"]["question"]["title"]) == ("question.created", title)
    assert tuple(delivery_row(database, delivery_id(help_desk))) == ("delivered", 2, 200)
    assert "1 delivered, 0 waiting, 0 failed" in moderator.get(1, "/admin/webhooks").text
