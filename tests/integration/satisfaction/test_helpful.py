"""Readers' "Was this helpful?" on an answered question page: the same box for every reader (no cookie before the
click), counted once per reader, page and day by a hash that rotates daily, crawlers and forged posts ignored,
rate-limited; the counts for the brand team alone; an official answer or FAQ entry readers doubt goes to Review due."""

import itertools
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import FaqEntry, VisitorFeedback
from app.questions import official_answers
from tests.integration.rendered_forms import rendered_form

BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile"
OTHER_BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def thread(make_user, make_question, make_answer):
    asker, helper = make_user("olivia"), make_user("hugo")
    question = make_question(asker)
    return question, make_answer(helper, question)


def page_url(question) -> str:
    return f"/questions/{question.id}/{question.slug}"


def click(client, question, answer="no", agent=BROWSER, typed=None, headers=None):
    """Press Yes or No in the box as the page renders it, as a reader with this browser."""
    page = client.get(page_url(question), headers={"User-Agent": agent})
    form = rendered_form(page.get_data(as_text=True), "/helpful")
    return form.submit(client, page_url(question), {"helpful": answer, **(typed or {})},
                       headers={"User-Agent": agent, **(headers or {})})


def give_reason(client, thanks, reason, agent=BROWSER):
    form = rendered_form(thanks.get_data(as_text=True), "/helpful/reason")
    return form.submit(client, "", {"reason": reason}, headers={"User-Agent": agent})


def rows(question=None) -> list[VisitorFeedback]:
    statement = select(VisitorFeedback).order_by(VisitorFeedback.id)
    if question is not None:
        statement = statement.where(VisitorFeedback.question_id == question.id)
    return list(db.session.scalars(statement))


# The box on the page


def test_an_answered_page_asks_every_reader_without_setting_a_cookie(client, thread, make_user, make_question):
    question, _answer = thread
    response = client.get(page_url(question), headers={"User-Agent": BROWSER})
    html = response.get_data(as_text=True)
    assert "Was this helpful?" in html
    assert response.headers.getlist("Set-Cookie") == []
    form = rendered_form(html, "/helpful")
    assert form.method == "post" and set(form.fields) == {"token"} and "csrf_token" not in form.fields
    unanswered = make_question(make_user("nadia"), title="Where do I find the serial number on the box?")
    assert "Was this helpful?" not in client.get(page_url(unanswered)).get_data(as_text=True)


def test_every_visitor_gets_the_same_box(app, thread):
    question, _answer = thread
    first = app.test_client().get(page_url(question), headers={"User-Agent": BROWSER}).get_data(as_text=True)
    second = app.test_client().get(page_url(question), headers={"User-Agent": OTHER_BROWSER}).get_data(as_text=True)
    box = re.compile(r'<section class="helpful-box".*?</section>', re.S)
    assert box.search(first).group(0) == box.search(second).group(0)


def test_yes_thanks_the_reader_on_a_page_that_leads_back_and_is_never_kept(client, thread):
    question, _answer = thread
    response = click(client, question, "yes")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert "Thank you for telling us." in html and "What was wrong?" not in html
    assert f'href="{page_url(question)}#helpful"' in html
    assert [(r.helpful, r.reason) for r in rows()] == [(True, None)]


def test_no_then_a_reason(client, thread):
    question, _answer = thread
    thanks = click(client, question, "no")
    assert "What was wrong? (optional)" in thanks.get_data(as_text=True)
    done = give_reason(client, thanks, "outdated")
    assert done.status_code == 200 and "Thank you for telling us why." in done.get_data(as_text=True)
    assert [(r.helpful, r.reason) for r in rows()] == [(False, "outdated")]


def test_the_script_gets_the_box_alone(client, thread):
    question, _answer = thread
    response = click(client, question, "no", headers={"X-Fragment": "1"})
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<footer" not in html and "What was wrong?" in html


def test_a_choice_the_box_does_not_offer_is_refused_in_the_readers_language(client, thread):
    question, _answer = thread
    client.set_cookie("lang", "it")
    response = click(client, question, typed={"helpful": "maybe"})
    assert response.status_code == 400 and "Scegli Sì o No." in response.get_data(as_text=True)
    thanks = click(client, question, "no")
    refused = give_reason(client, thanks, "boring")
    assert refused.status_code == 400 and "Scegli uno dei motivi." in refused.get_data(as_text=True)
    assert [(r.helpful, r.reason) for r in rows()] == [(False, None)]


def test_a_deleted_question_takes_no_answers(client, thread):
    question, _answer = thread
    token = rendered_form(client.get(page_url(question)).get_data(as_text=True), "/helpful").fields["token"]
    question.deleted_at = clock.now()
    db.session.commit()
    response = client.post(f"/questions/{question.id}/helpful", data={"helpful": "no", "token": token})
    assert response.status_code in (404, 410) and rows() == []


# Counting: once per reader, page and day


def test_the_same_reader_twice_a_day_counts_once_with_their_last_answer(client, thread):
    question, _answer = thread
    click(client, question, "no")
    click(client, question, "yes")
    assert [(r.helpful, r.reason) for r in rows()] == [(True, None)]


def test_the_next_day_counts_again_under_a_new_hash(client, thread):
    question, _answer = thread
    with clock.frozen(MONDAY):
        click(client, question, "yes")
    with clock.frozen(MONDAY + timedelta(days=1)):
        click(client, question, "yes")
    monday, tuesday = rows()
    assert (monday.day.isoformat(), tuesday.day.isoformat()) == ("2026-03-02", "2026-03-03")
    assert monday.visitor_key != tuesday.visitor_key  # a reader cannot be followed from one day to the next


def test_another_browser_on_the_same_network_counts(client, thread):
    question, _answer = thread
    click(client, question, "yes")
    click(client, question, "yes", agent=OTHER_BROWSER)
    assert len(rows()) == 2


def test_the_reader_is_stored_as_a_hash_only(client, thread):
    question, _answer = thread
    click(client, question, "yes")
    key = rows()[0].visitor_key
    assert re.fullmatch(r"[0-9a-f]{64}", key) and "127.0.0.1" not in key and "Chrome" not in key


@pytest.mark.parametrize("agent", [GOOGLEBOT, "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
                                   "python-requests/2.32", "curl/8.5.0", ""])
def test_crawlers_and_scripts_are_thanked_but_not_counted(client, thread, agent):
    question, _answer = thread
    response = click(client, question, "no", agent=agent)
    assert response.status_code == 200 and "Thank you for telling us." in response.get_data(as_text=True)
    assert rows() == []


@pytest.mark.parametrize("token", [None, "", "0" * 32])
def test_an_answer_without_the_pages_token_is_not_counted(client, thread, token):
    question, _answer = thread
    data = {"helpful": "no"} if token is None else {"helpful": "no", "token": token}
    response = client.post(f"/questions/{question.id}/helpful", data=data, headers={"User-Agent": BROWSER})
    assert response.status_code == 200 and rows() == []


def test_another_pages_token_is_not_counted(client, thread, make_user, make_question):
    question, _answer = thread
    other = make_question(make_user("nadia"), title="Where do I find the serial number on the box?")
    token = rendered_form(client.get(page_url(question)).get_data(as_text=True), "/helpful").fields["token"]
    client.post(f"/questions/{other.id}/helpful", data={"helpful": "no", "token": token},
                headers={"User-Agent": BROWSER})
    assert rows() == []


def test_an_answer_sent_from_another_site_is_not_counted(client, thread):
    question, _answer = thread
    click(client, question, "no", headers={"Sec-Fetch-Site": "cross-site"})
    assert rows() == []


def test_a_reason_counts_only_from_the_reader_who_said_no(client, thread):
    question, _answer = thread
    thanks = click(client, question, "no")
    give_reason(client, thanks, "did_not_work", agent=OTHER_BROWSER)
    assert [(r.helpful, r.reason) for r in rows()] == [(False, None)]


def test_readers_answers_move_no_reputation(client, thread):
    question, answer = thread
    before = answer.author.reputation
    for agent in (BROWSER, OTHER_BROWSER):
        click(client, question, "yes", agent=agent)
    db.session.refresh(answer.author)
    assert answer.author.reputation == before


class TestRateLimit:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True}

    def test_a_network_sending_many_answers_is_stopped(self, client, thread):
        question, _answer = thread
        token = rendered_form(client.get(page_url(question)).get_data(as_text=True), "/helpful").fields["token"]
        statuses = [client.post(f"/questions/{question.id}/helpful", data={"helpful": "no", "token": token},
                                headers={"User-Agent": f"{BROWSER} {n}"}).status_code for n in range(21)]
        assert statuses == [200] * 20 + [429]
        assert len(rows()) == 20


# Who sees the counts


def test_only_the_brand_team_sees_the_counts_on_the_thread(app, client, auth, thread, make_user):
    question, _answer = thread
    for agent in (BROWSER, OTHER_BROWSER):
        click(app.test_client(), question, "no", agent=agent)
    firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0"
    give_reason(client, click(client, question, "no", agent=firefox), "outdated", agent=firefox)
    counts = "Readers who answered: 3; helpful: 0; not helpful: 3."
    assert counts not in client.get(page_url(question)).get_data(as_text=True)
    make_user("marta", role="moderator")
    auth.login("olivia")
    assert counts not in client.get(page_url(question)).get_data(as_text=True)
    auth.logout()
    auth.login("marta")
    html = client.get(page_url(question)).get_data(as_text=True)
    assert counts in html and "It is outdated: 1" in html


# Readers doubt an official answer or an FAQ entry: Review due


@pytest.fixture
def official(thread, make_user):
    question, answer = thread
    marta = make_user("marta", role="moderator")
    with clock.frozen(MONDAY - timedelta(days=1)):
        official_answers.mark_official(marta, answer)
        db.session.commit()
    return question, answer, marta


READERS = itertools.count()


def readers_say(app, question, answers):
    """Each (answer, reason) from a reader of their own."""
    for answer, reason in answers:
        client, agent = app.test_client(), f"{BROWSER} reader-{next(READERS)}"
        thanks = click(client, question, answer, agent=agent)
        if reason:
            give_reason(client, thanks, reason, agent=agent)


class TestReviewDue:
    @pytest.fixture
    def app_config(self):
        return {"VISITOR_REVIEW_MIN": 4, "VISITOR_REVIEW_SHARE": 0.5}

    def review_tab(self, client, auth) -> str:
        auth.login("marta")
        return client.get("/moderation?tab=review").get_data(as_text=True)

    def test_more_than_the_share_of_enough_readers_bring_the_review_forward(self, app, client, auth, official):
        question, answer, _marta = official
        with clock.frozen(MONDAY):
            readers_say(app, question, [("no", "outdated"), ("no", "did_not_work"), ("yes", None)])
            db.session.refresh(answer)
            assert answer.official_review_due_at > MONDAY  # three readers: fewer than the minimum
            readers_say(app, question, [("no", "outdated")])
            db.session.refresh(answer)
            assert answer.official_review_due_at == MONDAY  # 3 of 4 doubt it: more than half
            tab = self.review_tab(client, auth)
            assert f'href="{page_url(question)}#answer-{answer.id}"' in tab
            assert "Readers who said it is outdated or did not work: 3 of 4." in tab

    def test_the_share_itself_does_not_bring_it_forward(self, app, official):
        question, answer, _marta = official
        with clock.frozen(MONDAY):
            # Two of four: not more than half; "hard to follow" and "other" do not doubt the answer.
            readers_say(app, question, [("no", "outdated"), ("no", "did_not_work"), ("no", "hard_to_follow"),
                                        ("no", "other")])
        db.session.refresh(answer)
        assert answer.official_review_due_at > MONDAY

    def test_a_reconfirmed_answer_counts_readers_from_then_on(self, app, official):
        question, answer, marta = official
        with clock.frozen(MONDAY):
            readers_say(app, question, [("no", "outdated")] * 4)
        with clock.frozen(MONDAY + timedelta(hours=1)):
            official_answers.mark_official(marta, answer)
            db.session.commit()
        with clock.frozen(MONDAY + timedelta(days=1)):
            readers_say(app, question, [("no", "outdated"), ("yes", None), ("yes", None), ("yes", None)])
        db.session.refresh(answer)
        assert answer.official_review_due_at > MONDAY + timedelta(days=30)

    def test_an_faq_entry_readers_doubt_waits_in_review_due(self, app, client, auth, official, tags):
        from app.faq import operations as faq

        question, answer, marta = official
        with clock.frozen(MONDAY - timedelta(hours=1)):
            entry = faq.save_entry(marta, question, "The red light after a descale", answer, tags[0], None)
            db.session.commit()
        with clock.frozen(MONDAY):
            readers_say(app, question, [("no", "did_not_work")] * 4)
        assert db.session.scalar(select(FaqEntry.needs_review_at).where(FaqEntry.id == entry.id)) == MONDAY
        tab = self.review_tab(client, auth)
        assert "The red light after a descale" in tab and "the featured answer is unchanged" in tab
        assert "Readers who said it is outdated or did not work: 4 of 4." in tab
        # Reviewed: readers' doubts count again from here, and the entry leaves the tab.
        done = rendered_form(tab, f"/faq/{entry.id}/approve").submit(client, "/moderation?tab=review")
        assert done.status_code == 302 and "The red light after a descale" not in self.review_tab(client, auth)
