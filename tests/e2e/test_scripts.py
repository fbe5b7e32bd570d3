"""The scripts in static/js, in Chromium: votes cast in place (and their refusals), accepting an answer, the
delete confirmation, and the ask page's suggestions. Each click is checked as the person sees it, then after a
reload, so what the page shows is what was saved."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.models import Post, SuggestionClick, Vote
from app.questions import operations as posts

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


def log_in(page: Page, base: str, username: str):
    page.goto(f"{base}/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".account-nav .me")).to_contain_text(username)


@pytest.fixture
def thread(make_user, make_question, make_answer):
    asker, helper = make_user("giulia"), make_user("marco")
    make_user("vera", reputation=500)  # may vote up and down
    question = make_question(asker, title="No water comes out of my Aurora One after descaling",
                             body="The pump hums but no water reaches the cup since this morning.")
    answer = make_answer(helper, question, body="Run a rinse cycle with the tank full: air is trapped in the pump.")
    return question, answer


def mark_page(page: Page):
    """A marker that a full page load would wipe: the click was handled in place by the script."""
    page.evaluate("window.stillThisPage = true")


def still_same_page(page: Page) -> bool:
    return page.evaluate("window.stillThisPage === true")


def test_votes_update_in_place_and_persist(page: Page, live_server, thread):
    question, answer = thread
    log_in(page, live_server, "vera")
    page.goto(f"{live_server}/questions/{question.id}")
    votes = page.locator(f"#answer-{answer.id} form.votes")
    up, down, score = votes.locator(".vote-up"), votes.locator(".vote-down"), votes.locator("[data-score]")
    mark_page(page)

    up.click()
    expect(score).to_have_text("Score: 1")
    expect(up).to_have_attribute("aria-pressed", "true")
    assert still_same_page(page), "the vote was cast by the script, without reloading the page"
    page.reload()
    expect(score).to_have_text("Score: 1")
    expect(up).to_have_attribute("aria-pressed", "true")

    up.click()  # pressed again: the vote is taken back
    expect(score).to_have_text("Score: 0")
    expect(up).to_have_attribute("aria-pressed", "false")
    down.click()
    expect(score).to_have_text("Score: -1")
    expect(down).to_have_attribute("aria-pressed", "true")
    expect(up).to_have_attribute("aria-pressed", "false")
    page.reload()
    expect(score).to_have_text("Score: -1")
    expect(down).to_have_attribute("aria-pressed", "true")
    assert db.session.scalar(select(Vote.value).where(Vote.post_id == answer.id)) == -1


def test_a_refused_vote_says_why_next_to_the_buttons(page: Page, live_server, thread):
    question, answer = thread
    log_in(page, live_server, "vera")
    page.goto(f"{live_server}/questions/{question.id}")
    posts.delete_post(answer.author, db.session.get(Post, answer.id))  # deleted while the page was open
    db.session.commit()
    votes = page.locator(f"#answer-{answer.id} form.votes")
    mark_page(page)
    votes.locator(".vote-up").click()
    expect(votes.locator(".vote-error[role=alert]")).to_have_text(re.compile("could not find .*deleted"))
    expect(votes.locator("[data-score]")).to_have_text("Score: 0")
    assert still_same_page(page)
    assert db.session.scalar(select(Vote.id).where(Vote.post_id == answer.id)) is None


def test_accepting_shows_the_mark_and_persists(page: Page, live_server, thread):
    question, answer = thread
    log_in(page, live_server, "giulia")
    page.goto(f"{live_server}/questions/{question.id}")
    accept = page.locator(f"#answer-{answer.id} .accept-form button")
    expect(accept).to_have_attribute("aria-pressed", "false")
    accept.click()
    expect(page.locator(f"#answer-{answer.id}.accepted")).to_be_visible()
    expect(page.locator(f"#answer-{answer.id} .accept-form button")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(f"#answer-{answer.id} .accept-form button")).to_contain_text("Accepted")
    expect(page.locator(".question-head .badge-solved")).to_have_text("Solved")
    page.reload()
    expect(page.locator(f"#answer-{answer.id}.accepted")).to_be_visible()

    page.locator(f"#answer-{answer.id} .accept-form button").click()  # taken back
    expect(page.locator(f"#answer-{answer.id}.accepted")).to_have_count(0)
    page.reload()
    expect(page.locator(".question-head .badge-solved")).to_be_hidden()  # kept hidden for the script to show
    assert db.session.get(Post, question.id).accepted_answer_id is None


def test_delete_asks_first(page: Page, live_server, thread):
    question, answer = thread
    log_in(page, live_server, "marco")
    page.goto(f"{live_server}/questions/{question.id}")
    delete = page.locator(f"#answer-{answer.id} .post-actions").get_by_role("button", name="Delete")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    delete.click()
    expect(page.locator(f"#answer-{answer.id}")).to_be_visible()
    assert asked == ["Delete this post?"]
    page.reload()
    assert db.session.get(Post, answer.id).deleted_at is None, "cancelled: nothing deleted"

    page.once("dialog", lambda dialog: dialog.accept())
    delete.click()
    expect(page.locator(".flash")).to_contain_text("The post has been deleted.")
    expect(page.locator(f"#answer-{answer.id}")).to_have_count(0)
    db.session.expire_all()
    assert db.session.get(Post, answer.id).deleted_at is not None


def test_suggestions_while_typing_a_title(page: Page, live_server, thread, context):
    question, _ = thread
    log_in(page, live_server, "vera")
    page.get_by_role("link", name="Ask a question").first.click()
    title = page.get_by_label("Title")
    suggestions = page.locator("section.suggestions")
    title.press_sequentially("no water", delay=20)  # fewer than three words: nothing asked yet
    page.wait_for_timeout(600)
    expect(suggestions).to_be_hidden()
    title.press_sequentially(" after descaling", delay=20)
    link = suggestions.get_by_role("link", name=re.compile(re.escape(question.title)))
    expect(link).to_be_visible()
    expect(suggestions.get_by_role("heading")).to_have_text(re.compile(r"\w"))
    expect(link).to_have_attribute("target", "_blank")

    with context.expect_page() as opened:
        link.click()
    opened.value.wait_for_load_state()
    expect(opened.value.get_by_role("heading", level=1)).to_have_text(question.title)
    expect(title).to_have_value("no water after descaling")  # the draft is still there
    for _ in range(50):  # the click is recorded in the background (keepalive)
        db.session.expire_all()
        if db.session.scalar(select(SuggestionClick.question_id)) == question.id:
            break
        page.wait_for_timeout(100)
    assert db.session.scalar(select(SuggestionClick.question_id)) == question.id

    title.fill("")
    title.press_sequentially("grinder makes a loud noise", delay=20)
    page.wait_for_timeout(800)
    expect(suggestions).to_be_hidden()
