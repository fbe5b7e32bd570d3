"""A moderator marks an answer official and promotes the question to the FAQ, answers the question waiting in the
care queue and handles a flag; a visitor sees the official answer and the FAQ entry."""

import re

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.moderation import operations as moderation
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


@pytest.fixture
def care_work(make_user, make_question, make_answer):
    """A customer waiting for a first answer, and a rude answer somebody flagged."""
    waiting = make_question(make_user("luca"), title="The steam wand of my Lattea hisses but gives no steam",
                            body="It worked yesterday; today it only hisses. Is there something I can clean?")
    other = make_question(make_user("sara"), title="Which grind size for the Macina Pro and a Duo?")
    rude = make_answer(make_user("troll"), other, body="Just read the manual, it is not that hard, honestly.")
    moderation.flag_post(make_user("carla", reputation=50), rude, "offensive", "Not kind to a newcomer.")
    db.session.commit()
    return waiting, rude


def test_moderator_marks_official_and_promotes_to_faq(page: Page, live_server, solved_thread, care_work):
    question, answer = solved_thread
    waiting, rude = care_work
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

    # The care queue: the waiting customer first, its urgency said in words, not only in colour.
    page.get_by_role("link", name=re.compile("Care queue")).click()
    row = page.locator(".queue-row", has_text=waiting.title)
    expect(row.locator(".urgency-pill")).to_have_text("on time")
    row.get_by_role("link", name="Write an answer").click()
    page.get_by_role("textbox", name="Your answer").fill(
        "Unscrew the wand tip and soak it in warm water for ten minutes: milk residue blocks the holes.")
    page.get_by_label("Post as an official answer of the brand").check()
    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator(".answer .official-label")).to_contain_text("Official answer")
    page.get_by_role("link", name=re.compile("Care queue")).click()
    expect(page.locator(".queue-row", has_text=waiting.title)).to_have_count(0)

    # A flag: read the reason, keep the post or delete it.
    page.get_by_role("navigation", name="Queue").get_by_role("link", name=re.compile("Flags")).click()
    flagged = page.locator(".queue-row", has_text="Which grind size")
    expect(flagged).to_contain_text("Not kind to a newcomer.")
    flagged.get_by_role("link", name="Delete post").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete post").click()
    page.get_by_role("link", name="Back to the queue").click()
    expect(page.get_by_text("No open flags.")).to_be_visible()
    page.goto(f"{live_server}/questions/{rude.parent_id}")
    expect(page.locator(f"#answer-{rude.id} .notice-danger")).to_contain_text("deleted")
    page.get_by_role("button", name="Log out").click()

    # A visitor, never logged in, finds both.
    page.goto(f"{live_server}/faq")
    entry = page.locator(".faq-entry", has_text="What to do when the Aurora One shows E04")
    expect(entry).to_contain_text("hold the power button")
    expect(entry.locator(".badge-official")).to_be_visible()
    entry.get_by_role("link", name="Read the whole conversation").click()
    expect(page.locator(".badge-faq")).to_have_text("In the FAQ")
    expect(page.locator(".official-label")).to_contain_text("Official answer")
