"""A moderator marks an answer official and promotes the question to the FAQ; a visitor sees both."""

import re

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.questions import operations as posts

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


@pytest.fixture
def solved_thread(make_user, make_question, make_answer):
    make_user("marta", role="moderator")
    asker = make_user("giulia")
    question = make_question(asker, title="Error E04 after descaling the Aurora One")
    answer = make_answer(make_user("marco"), question, body="Run a rinse cycle, then hold the power button 5 s.")
    posts.accept_answer(asker, answer)
    db.session.commit()
    return question, answer


def test_moderator_marks_official_and_promotes_to_faq(page: Page, live_server, solved_thread):
    question, answer = solved_thread
    page.goto(f"{live_server}/login")
    page.get_by_label("Username or e-mail").fill("marta")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".queue-link")).to_contain_text("Care queue")

    page.goto(f"{live_server}/questions/{question.id}/{question.slug}")
    answer_box = page.locator(f"#answer-{answer.id}")
    answer_box.locator("summary", has_text="Mark official").click()
    answer_box.get_by_label(re.compile("Note")).fill("Confirmed for firmware 2.3")
    answer_box.get_by_role("button", name="Mark official").click()
    expect(answer_box.locator(".official-label")).to_contain_text("Confirmed for firmware 2.3")

    page.get_by_role("link", name="Promote to FAQ").click()
    page.get_by_label("FAQ title").fill("What to do when the Aurora One shows E04")
    page.get_by_role("button", name="Add to the FAQ").click()
    expect(page.get_by_role("heading", name="FAQ: aurora-one")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # A visitor, never logged in, finds both.
    page.goto(f"{live_server}/faq")
    entry = page.locator(".faq-entry", has_text="What to do when the Aurora One shows E04")
    expect(entry).to_contain_text("hold the power button")
    expect(entry.locator(".badge-official")).to_be_visible()
    entry.get_by_role("link", name="Read the whole conversation").click()
    expect(page.locator(".badge-faq")).to_have_text("In the FAQ")
    expect(page.locator(".official-label")).to_contain_text("Official answer")
