"""A moderator reads a flagged answer's text in the Flags tab, deletes it as spam through the confirmation dialog,
undoes it from the result page, and reads both actions in the log as sentences; the author's reputation is back."""

import re

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.models import User
from app.moderation import operations as moderation
from app.reputation import privileges
from app.votes import operations as votes

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"
SPAM = "The Aurora One descales well with vinegar. Cheap descaler for every machine at my shop, link in my profile."


@pytest.fixture
def flagged(make_user, make_question, make_answer):
    make_user("marta", role="moderator", display_name="Marta")
    asker = make_user("giulia")
    question = make_question(asker, title="La Duo perde acqua dalla lancia vapore")
    answer = make_answer(make_user("marco", display_name="Marco"), question, body=SPAM)
    with privileges.replaying_history():
        votes.cast_vote(make_user("voter"), answer, 1)
        moderation.flag_post(make_user("carla"), answer, "spam", "A link to a shop at the end.")
    db.session.commit()
    return question, answer


def test_delete_as_spam_through_the_dialog_then_undo(page: Page, live_server, flagged):
    question, answer = flagged
    before = db.session.get(User, answer.author_id).reputation
    page.goto(f"{live_server}/login")
    page.get_by_label("Username or e-mail").fill("marta")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server}/moderation?tab=flags")
    row = page.locator(f"#flagged-{answer.id}")
    expect(row.locator(".flagged-text")).to_contain_text("Cheap descaler for every machine")
    expect(row).to_contain_text("Written by Marco")
    expect(row.locator(".flag-reasons")).to_contain_text("Spam: “A link to a shop at the end.”")

    # The confirmation opens over the queue, names the cost, and Cancel leaves everything as it was.
    row.get_by_role("link", name="Delete as spam").click()
    dialog = page.get_by_role("dialog", name="Delete this post as spam?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("loses 100 reputation")
    dialog.get_by_role("link", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/moderation\?tab=flags$"))

    row.get_by_role("link", name="Delete as spam").click()
    dialog.get_by_label("Note for the log (optional)").fill("Shop link")
    dialog.get_by_role("button", name="Delete as spam").click()
    expect(page.get_by_role("heading", name="Deleted as spam")).to_be_visible()
    expect(page.locator(".log-sentence")).to_contain_text(
        "Marta deleted the answer to “La Duo perde acqua dalla lancia vapore” as spam")
    db.session.expire_all()
    assert db.session.get(User, answer.author_id).reputation == 1

    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("Undone: the post is back as it was.")).to_be_visible()
    db.session.expire_all()
    assert db.session.get(User, answer.author_id).reputation == before

    page.get_by_role("link", name="Moderation log").first.click()
    sentences = page.locator(".log-table .log-sentence")
    expect(sentences.nth(0)).to_have_text(re.compile(
        r"^\s*Marta undid “Deleted as spam” on the answer to “La Duo perde acqua dalla lancia vapore”\s*$"))
    expect(sentences.nth(1)).to_have_text(re.compile(
        r"^\s*Marta deleted the answer to “La Duo perde acqua dalla lancia vapore” as spam\s*$"))
    expect(page.locator(".log-table")).not_to_contain_text("{")
    page.goto(f"{live_server}/questions/{question.id}/{question.slug}")
    expect(page.locator(f"#answer-{answer.id}")).to_contain_text("Cheap descaler")
