"""Failure drills, each bounded in time: an app server killed under load, PostgreSQL restarted, Redis down, an app
server killed while it sends an e-mail. Each drill brings the part back before it ends, so the tests after it find
the whole cluster."""

import re
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
from sqlalchemy import text

from tests.cluster.browsing import Browser
from tests.cluster.conftest import MAIL_CLAIM_SECONDS, PASSWORD
from tests.cluster.test_across_servers import mail_sent

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
    name = make_member()
    address = f"{name}@example.com"
    with mail_relay_that_never_answers() as port:
        cluster.kill_app_server(0)
        cluster.start_app_server(0, {"FLASK_MAIL_SERVER": "127.0.0.1", "FLASK_MAIL_PORT": str(port),
                                     "FLASK_MAIL_USE_TLS": "false", "FLASK_MAIL_TIMEOUT": "120"})
        try:
            cluster.wait_until_balanced()
            requested = visitor.submit(0, "/password/forgot", "email", {"email": address}, allow_redirects=False)
            assert requested.status_code == 302, requested.text[:2000]
            deadline = time.monotonic() + 10  # server 0's after-commit worker claims the e-mail, then waits on SMTP
            while (row := outbox_row(database, address)) is None or row.attempts == 0:
                assert time.monotonic() < deadline, "server 0 never claimed the e-mail"
                time.sleep(0.1)
            claimed_at = time.monotonic()
            cluster.kill_app_server(0)  # mid-send: the claim stays, the e-mail unsent
            # Server 1's drain (cron's `flask mail send`) leaves a claim that has not lapsed: its sender might
            # still be at work.
            cluster.flask("mail", "send", number=1)
            if time.monotonic() - claimed_at < MAIL_CLAIM_SECONDS:
                assert outbox_row(database, address).sent_at is None
        finally:
            if "app1" in cluster.processes:
                cluster.kill_app_server(0)
            cluster.start_app_server(0)
            cluster.wait_until_balanced()

    time.sleep(max(0.0, claimed_at + MAIL_CLAIM_SECONDS - time.monotonic()))
    cluster.flask("mail", "send", number=1)
    assert outbox_row(database, address).sent_at is not None
    # Sent, it is not sent again by the other server's drain either.
    cluster.flask("mail", "send", number=0)
    assert [path.parent.name for path in mail_sent(cluster)
            if address in path.read_text(errors="replace")] == ["mail-2"]
