"""The brand team's tools in a real browser: closing as a duplicate through the picker (words typed, a question
chosen from the list, the question closed), and a saved reply inserted at the cursor in the answer form, edited
and posted; the pages with the list open and the reply inserted have no axe violations."""

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.models import SavedReply
from app.questions import operations as posts
from tests.e2e.conftest import AXE

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"
ORIGINAL = "How do I descale the Aurora One properly?"


@pytest.fixture
def threads(make_user, make_question, make_answer):
    make_user("marta", role="moderator")
    asker = make_user("giulia", display_name="Giulia Rinaldi")
    original = make_question(asker, title=ORIGINAL, body="The manual is unclear about the descaler and the water.")
    answer = make_answer(make_user("marco"), original, body="Use the descaling programme with the brand descaler.")
    posts.accept_answer(asker, answer)
    again = make_question(asker, title="Descaling the Aurora One: which programme do I use?",
                          body="I cannot find the descaling programme in the menu of my machine.")
    db.session.add(SavedReply(title="Descaling, step by step", language="en",
                              body="Hello {asker}, the {product} has a descaling programme in its menu."))
    db.session.commit()
    return original, again


def log_in(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/login")
    page.get_by_label("Username or e-mail").fill("marta")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".queue-link")).to_contain_text("Care queue")


def violations(page: Page) -> list:
    page.evaluate(AXE.read_text())
    return page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]


def test_a_moderator_closes_a_duplicate_chosen_from_the_list_as_she_types(page: Page, live_server, threads):
    original, again = threads
    log_in(page, live_server)
    page.goto(f"{live_server}/questions/{again.id}/{again.slug}")
    page.locator("summary", has_text="Close").first.click()
    page.locator("#close-reason").select_option("duplicate")
    field = page.locator("#duplicate-of")
    field.press_sequentially("descale Aurora", delay=20)
    choice = page.get_by_role("option", name=f"{ORIGINAL} (#{original.id}) · Solved")
    expect(choice).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("option", name=again.title)).to_have_count(0)  # never the question itself
    assert not violations(page)
    field.press("ArrowDown")
    field.press("Enter")  # chooses; it does not send the form
    expect(field).to_have_value(str(original.id))
    expect(page.get_by_role("listbox")).to_be_hidden()
    page.get_by_role("button", name="Close question").click()
    expect(page.locator("body")).to_contain_text(f"This question already has an answer here: {ORIGINAL}")


def test_a_moderator_inserts_a_saved_reply_at_the_cursor_edits_it_and_posts(page: Page, live_server, threads):
    _, again = threads
    log_in(page, live_server)
    page.goto(f"{live_server}/questions/{again.id}/{again.slug}")
    body = page.locator("#answer-body")
    body.fill("Thank you for asking.")
    body.press("Home")  # the reply goes where the cursor is: before the thanks
    page.get_by_label("Saved reply").select_option(label="Descaling, step by step (English)")
    page.get_by_role("button", name="Insert").click()
    expect(body).to_have_value("Hello Giulia Rinaldi, the aurora-one has a descaling programme in its menu."
                               "Thank you for asking.")
    expect(body).to_be_focused()
    assert page.url.endswith(again.slug), "inserting did not send the form"
    assert not violations(page)
    body.press("Control+End")
    body.type(" It is under Maintenance.")
    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator(".answer .post-body").last).to_contain_text("in its menu.Thank you for asking. It is under")
    page.goto(f"{live_server}/moderation/replies")
    expect(page.locator(".saved-replies")).to_contain_text("Used in 1 answer")
