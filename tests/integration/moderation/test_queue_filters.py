"""The care queue's product and language filters, in every tab and kept across tabs and pages, and the tab counts
beside the care dashboard's: the same name for the same concept in both languages, and the same number of
threads, computed from one world."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from app import clock
from app.extensions import db
from app.models import Flag, PostSignal
from app.moderation import queue
from app.moderation.queue_filters import QueueFilters
from app.questions import operations as posts


@pytest.fixture
def world(make_user, make_question, make_answer):
    make_user("marta", role="moderator")
    make_user("maria", role="moderator", locale="it")
    asker, helper, flagger = make_user("olivia"), make_user("marco"), make_user("fede", reputation=500)
    english = make_question(asker, "The Aurora One shows error E04 after descaling", tag_names="aurora-one")
    italian = posts.ask_question(asker, "La Aurora One perde acqua dal serbatoio",
                                 "Da ieri sotto la macchina si forma una pozza d'acqua. Cosa posso fare?",
                                 "aurora-one", "it")
    order = make_question(asker, "My order of descaling tablets has not arrived yet", tag_names="orders")
    angry = make_question(asker, "The descaling programme never finishes on my machine", tag_names="descaling")
    answer = make_answer(helper, angry)
    now = clock.now()
    db.session.add_all([PostSignal(post_id=angry.id, kind="unhappy", detail="useless", created_at=now),
                        PostSignal(post_id=answer.id, kind="still_unsolved", detail="still not solved", created_at=now),
                        PostSignal(post_id=order.id, kind="unhappy", detail="terrible", created_at=now),
                        PostSignal(post_id=italian.id, kind="personal_data", detail="telefono", created_at=now),
                        Flag(post_id=answer.id, user_id=flagger.id, reason="off-topic", text="",
                             created_at=now - timedelta(hours=1))])
    db.session.commit()
    return english, italian, order, angry


def queue_page(client, **args):
    return BeautifulSoup(client.get("/moderation", query_string=args).get_data(as_text=True), "html.parser")


def titles(page) -> list[str]:
    return [a.get_text(strip=True) for a in page.select(".queue-list .queue-title, .queue-list .queue-main > a")]


def tab_counts(page) -> dict[str, tuple[str, int]]:
    """Each tab's link: its name as read, its count and the filters its address keeps."""
    found = {}
    for link in page.select("nav.tabs:not(.queue-who) a"):  # the tabs, not the "whose questions" choice
        count = link.select_one(".tab-count")
        name = link.get_text(" ", strip=True).removesuffix(count.get_text(strip=True)).strip()
        found[re.search(r"tab=(\w+)", link["href"]).group(1)] = (name, int(count.get_text()), link["href"])
    return found


def test_the_product_and_language_filters_apply_in_every_tab_and_stay_in_its_links(client, auth, world):
    english, italian, order, angry = world
    auth.login("marta")
    everything = queue_page(client)
    assert titles(everything) == [english.title, italian.title, order.title]

    page = queue_page(client, tab="waiting", tag="aurora-one", lang="it")
    assert titles(page) == [italian.title]
    assert page.select_one("#queue-tag option[selected]")["value"] == "aurora-one"
    assert page.select_one("#queue-lang option[selected]")["value"] == "it"
    counts = tab_counts(page)
    assert {tab: count for tab, (_, count, _) in counts.items()} == {
        "waiting": 1, "unresolved": 0, "unhappy": 0, "flags": 0, "review": 0, "personal": 1, "held": 0}
    assert all("tag=aurora-one" in href and "lang=it" in href for _, _, href in counts.values())

    assert titles(queue_page(client, tab="personal", tag="aurora-one", lang="it")) == [italian.title]
    assert titles(queue_page(client, tab="personal", lang="en")) == []
    assert titles(queue_page(client, tab="unhappy", tag="descaling")) == [angry.title]
    assert titles(queue_page(client, tab="unhappy", tag="orders")) == [order.title]
    assert titles(queue_page(client, tab="flags", tag="descaling")) == [angry.title]
    assert titles(queue_page(client, tab="flags", tag="orders")) == []
    # A product nobody has and a language the site does not have filter nothing, and say nothing is chosen.
    page = queue_page(client, tab="waiting", tag="no-such-product", lang="xx")
    assert titles(page) == [english.title, italian.title, order.title]
    assert page.select("#queue-tag option[selected]") == [] and "Show all" not in page.get_text()


def test_a_page_of_a_filtered_tab_keeps_the_filters(app, client, auth, world, make_question, make_user):
    app.config["LIST_COUNT_CACHE_SECONDS"] = 0
    asker = make_user("giulia")
    for number in range(queue.PER_PAGE + 1):
        make_question(asker, f"Question number {number} about the Aurora One grinder", tag_names="aurora-one")
    auth.login("marta")
    page = queue_page(client, tab="waiting", tag="aurora-one", lang="en")
    following = page.select_one(".pagination a[rel=next]")["href"]
    assert "tag=aurora-one" in following and "lang=en" in following and "page=2" in following
    second = BeautifulSoup(client.get(following).get_data(as_text=True), "html.parser")
    assert len(titles(second)) == 2  # 52 English questions about the Aurora One wait: 50 on the first page


@pytest.mark.parametrize("moderator, product", [("marta", ""), ("marta", "descaling"), ("maria", ""),
                                                ("maria", "orders"), ("maria", "aurora-one")])
def test_the_tab_and_the_dashboard_say_the_same_word_and_count_the_same_threads(client, auth, world, moderator,
                                                                             product):
    auth.login(moderator)
    tab_name, tab_count, _ = tab_counts(queue_page(client, tab="unhappy", tag=product))["unhappy"]
    dashboard = BeautifulSoup(client.get("/moderation/metrics", query_string={"period": "30", "tag": product})
                              .get_data(as_text=True), "html.parser")
    figure = next(div for div in dashboard.select(".care-figure") if div.dt.get_text(strip=True) == tab_name)
    assert int(figure.select_one(".care-number").get_text()) == tab_count
    assert tab_name == ("Unhappy" if moderator == "marta" else "Scontenti")
    assert figure.find("a", string=re.compile(tab_name))["href"].startswith("/moderation?tab=unhappy")
    filters = QueueFilters.from_args({"tag": product})
    assert queue.counts(clock.now(), filters)["unhappy"] == tab_count == {"": 2, "descaling": 1, "orders": 1,
                                                                          "aurora-one": 0}[product]
