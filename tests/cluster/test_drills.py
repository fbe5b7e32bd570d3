"""Failure drills, each bounded in time: an app server killed under load, PostgreSQL restarted, Redis down. Each
drill brings the part back before it ends, so the tests after it find the whole cluster."""

import re
import subprocess

import pytest

from tests.cluster.browsing import Browser
from tests.cluster.conftest import PASSWORD

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

