"""A visitor from a search engine: lands on an answered question, reads it, opens the folded comments, goes on
to the FAQ, and never meets a log-in wall."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.faq import operations as faq
from app.models import Tag
from app.questions import official_answers
from app.questions import operations as posts

pytestmark = pytest.mark.e2e


@pytest.fixture
def answered_thread(make_user, make_question, make_answer):
    asker, brand = make_user("giulia"), make_user("marta", role="moderator")
    question = make_question(asker, title="Aurora One shows E04 after descaling, what now?")
    accepted = make_answer(make_user("marco"), question, body="Run a rinse cycle, then hold the power button 5 s.")
    official = make_answer(brand, question, body="E04 means the flow meter saw no water: prime the pump first.")
    posts.accept_answer(asker, accepted)
    official_answers.mark_official(brand, official, "Confirmed for firmware 2.3")
    commenter = make_user("carla", reputation=50)
    for n in range(1, 6):
        posts.add_comment(commenter, question, f"Same here, reading number {n} on the display.")
    other = make_question(asker, title="How often should the Aurora One be descaled?")
    answer = make_answer(brand, other, body="Every two months with hard water, every four with soft water.")
    official_answers.mark_official(brand, answer)
    tag = db.session.scalar(select(Tag).where(Tag.name == "aurora-one"))
    faq.save_entry(brand, other, "How often to descale the Aurora One", answer, tag, None)
    db.session.commit()
    return question


def test_visitor_reads_expands_comments_and_reaches_the_faq(page: Page, live_server, answered_thread):
    question = answered_thread
    statuses = []
    page.on("response", lambda response: statuses.append((response.status, response.url)))
    landing = f"{live_server}/questions/{question.id}/{question.slug}?utm_source=search&utm_medium=organic"
    page.goto(landing, referer="https://search.example/?q=aurora+one+e04")

    expect(page.get_by_role("heading", level=1)).to_have_text(question.title)
    expect(page.locator('link[rel="canonical"]')).to_have_attribute(
        "href", f"{live_server}/questions/{question.id}/{question.slug}")  # tracking arguments left out
    accepted = page.locator(".answer.accepted")
    expect(accepted).to_contain_text("hold the power button")
    expect(page.locator(".answer.official .official-label")).to_contain_text("Confirmed for firmware 2.3")
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("aurora-one")

    # Three comments show; the other two fold away until asked for.
    hidden = page.get_by_text("Same here, reading number 5 on the display.")
    expect(hidden).to_be_hidden()
    page.get_by_text("Show 2 more comments").click()
    expect(hidden).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="FAQ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Frequently asked questions")
    entry = page.locator(".faq-entry", has_text="How often to descale the Aurora One")
    expect(entry).to_contain_text("Every two months with hard water")
    entry.get_by_role("link", name="Read the whole conversation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How often should the Aurora One be descaled?")

    # Nothing on the way asked them to log in: no log-in page, no refusal.
    assert not [url for status, url in statuses if status in (401, 403) or "/login" in url.split("?")[0]]
    expect(page.get_by_role("banner").get_by_role("link", name="Log in")).to_be_visible()  # still a visitor
    assert not re.search(r"/login", page.url)
