"""Counts and limits are keyed by what the client cannot choose (issue 26, finding 17: 20 GETs with 20 user
agents counted 20 views). A visitor's network counts at most a few views a window whatever it sends, and an
IPv6 client, which may use any address of its /64, is one network for views and for the log-in limits."""

import pytest
from sqlalchemy import select

from app.client_network import network_of
from app.extensions import db
from app.models import Question
from app.questions.views import VISITORS_PER_NETWORK


def views(question) -> int:
    return db.session.scalar(select(Question.view_count).where(Question.id == question.id))


def read(client, question, address="198.51.100.7", agent="Mozilla/5.0", **headers):
    response = client.get(f"/questions/{question.id}/{question.slug}",
                          environ_base={"REMOTE_ADDR": address}, headers={"User-Agent": agent, **headers})
    assert response.status_code == 200


@pytest.fixture
def question(make_user, make_question):
    return make_question(make_user("olivia"))


def test_twenty_user_agents_from_one_address_are_a_few_readers(client, question):
    for n in range(20):
        read(client, question, agent=f"Mozilla/5.0 (reader {n})", **{"X-Forwarded-For": f"203.0.113.{n}"})
    assert 1 <= views(question) <= VISITORS_PER_NETWORK


def test_twenty_addresses_of_one_ipv6_network_are_a_few_readers(client, question):
    for n in range(20):
        read(client, question, address=f"2001:db8:1:2::{n + 1:x}", agent=f"Mozilla/5.0 (reader {n})")
    assert 1 <= views(question) <= VISITORS_PER_NETWORK


def test_readers_on_different_networks_all_count(client, question):
    for n in range(5):
        read(client, question, address=f"198.51.100.{n + 1}")
    read(client, question, address="2001:db8:1:3::1")
    read(client, question, address="::ffff:198.51.100.1")  # the first reader, written as IPv6
    assert views(question) == 6


def test_a_member_is_one_reader_whatever_the_browser_says(client, auth, question, make_user):
    make_user("hugo")
    auth.login("hugo")
    for n in range(10):
        read(client, question, address=f"2001:db8:9:{n}::1", agent=f"Mozilla/5.0 (reader {n})")
    assert views(question) == 1


def test_networks():
    assert network_of("2001:db8:1:2:aaaa::1") == network_of("2001:db8:1:2::ffff") == "2001:db8:1:2::/64"
    assert network_of("::ffff:192.0.2.1") == network_of("192.0.2.1") == "192.0.2.1"
    assert network_of("") == "" and network_of("unix socket") == "unix socket"


@pytest.fixture
def app_config():
    return {"ABUSE_LIMITS_ENABLED": True}


def test_log_in_limits_hold_across_an_ipv6_network(client, make_user):
    make_user("olivia")
    statuses = [client.post("/login", data={"login": f"nobody{n}", "password": "wrong password"},
                            environ_base={"REMOTE_ADDR": f"2001:db8:7:7::{n + 1:x}"}).status_code for n in range(7)]
    assert statuses == [400] * 6 + [429]


def test_a_reader_is_counted_once_a_window_however_long_their_user_agent(client, question):
    """Readers' names are kept per address and user agent, but not for user agents longer than browsers send
    (a client sending thousands of long ones would otherwise fill a worker's memory): both count alike."""
    from app.questions.views import KEPT_USER_AGENT_LENGTH, _network_visitor

    long_agent = "Mozilla/5.0 " + "x" * (4 * KEPT_USER_AGENT_LENGTH)
    kept_before = _network_visitor.cache_info().currsize
    for agent in (long_agent, long_agent, "Mozilla/5.0 (short)", "Mozilla/5.0 (short)"):
        read(client, question, address="192.0.2.44", agent=agent)
    assert 1 <= views(question) <= 2  # each agent once (the two may fall in one bucket)
    assert _network_visitor.cache_info().currsize <= kept_before + 1  # only the short one kept
