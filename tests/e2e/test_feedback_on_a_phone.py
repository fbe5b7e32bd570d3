"""On a phone, in Chromium: feedback shows where the action happened. Accepting says so beside the answer (with
JavaScript, in place; without, on the page that opens at the answer), the solution box follows; a visitor's tap
on a vote asks them to log in and brings them back to that answer; a share link copies the permalink; a refused
form opens at its summary of problems."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def thread(make_user, make_question, make_answer):
    question = make_question(make_user("giulia"), title="No water comes out of my Aurora One after descaling")
    make_answer(make_user("luca"), question, body="Check that the water tank is seated, then prime the pump. "
                                                  "It clicks into place when it is right. " * 6)
    answer = make_answer(make_user("marco"), question,
                         body="Run a rinse cycle with the tank full: air is trapped in the circuit. " * 6)
    make_user("nora", reputation=20)
    return question, answer


def phone(browser: Browser, javascript: bool = True, **options) -> Page:
    return browser.new_context(viewport=PHONE, java_script_enabled=javascript, **options).new_page()


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".account-nav .me")).to_be_attached()


def address(base, question) -> str:
    return f"{base}/questions/{question.id}/{question.slug}"


def test_accepting_on_a_phone_says_so_beside_the_answer(browser: Browser, live_server, thread):
    question, answer = thread
    page = phone(browser)
    log_in(page, live_server, "giulia")
    page.goto(address(live_server, question))
    article = page.locator(f"#answer-{answer.id}")
    article.get_by_role("button", name=re.compile("^✓? ?Accept this answer")).click()
    feedback = article.locator(".post-feedback")
    expect(feedback).to_contain_text("Answer accepted. Thank you for closing the loop!")
    expect(feedback.locator(".flash-badge")).to_have_text("You earned a badge: Scholar!")
    expect(feedback).to_be_in_viewport()  # where she is, not at the top of the page
    assert page.url == address(live_server, question) and page.evaluate("scrollY") > 300
    expect(article).to_have_class(re.compile(r"\baccepted\b"))
    expect(page.locator(".question-head [data-solved-mark]")).to_be_visible()
    box = page.locator("[data-solution]")
    expect(box).to_contain_text("Solved — accepted answer by marco")
    expect(box.get_by_role("link", name="Read the whole answer")).to_have_attribute("href", f"#answer-{answer.id}")
    page.reload()
    expect(page.locator(f"#answer-{answer.id}")).to_have_class(re.compile(r"\baccepted\b"))
    # Taking it back: the marks and the box go, and the page says so there too.
    article = page.locator(f"#answer-{answer.id}")
    article.get_by_role("button", name=re.compile("Accepted")).click()
    expect(article.locator(".post-feedback")).to_contain_text("Acceptance removed.")
    expect(article).not_to_have_class(re.compile(r"\baccepted\b"))
    expect(page.locator(".question-head [data-solved-mark]")).to_be_hidden()
    expect(page.locator("[data-solution] .solution-entry")).to_have_count(0)
    page.context.close()


def test_accepting_without_javascript_opens_at_the_answer_with_the_message(browser: Browser, live_server, thread):
    question, answer = thread
    page = phone(browser, javascript=False)
    log_in(page, live_server, "giulia")
    page.goto(address(live_server, question))
    page.locator(f"#answer-{answer.id}").get_by_role("button", name=re.compile("Accept this answer")).click()
    assert page.url.endswith(f"#answer-{answer.id}")
    feedback = page.locator(f"#answer-{answer.id} .post-feedback")
    expect(feedback).to_contain_text("Answer accepted.")
    expect(feedback).to_contain_text("You earned a badge: Scholar!")
    expect(feedback).to_be_in_viewport()
    assert page.locator("main > .flashes").count() == 0  # no message left at the top
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_a_visitors_tap_on_a_vote_leads_to_log_in_and_back_to_the_answer(browser: Browser, live_server, thread,
                                                                          javascript):
    question, answer = thread
    page = phone(browser, javascript)
    page.goto(address(live_server, question))
    page.locator(f"#answer-{answer.id}").get_by_role("button", name="This answer is useful").click()
    why = page.locator(f"#answer-{answer.id} .vote-why")
    expect(why).to_be_visible()
    expect(why).to_have_text("Log in or sign up to vote.")
    expect(why).to_be_in_viewport(ratio=1)
    why.get_by_role("link", name="Log in").click()
    page.get_by_label("Username or e-mail").fill("nora")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{address(live_server, question)}#answer-{answer.id}")
    expect(page.locator(f"#answer-{answer.id} .vote-up")).to_be_in_viewport()
    page.context.close()


def test_a_vote_that_earns_a_badge_says_so_beside_the_buttons(browser: Browser, live_server, thread):
    question, answer = thread
    page = phone(browser)
    log_in(page, live_server, "nora")
    page.goto(address(live_server, question))
    votes = page.locator(f"#answer-{answer.id} form.votes")
    votes.get_by_role("button", name="This answer is useful").click()
    expect(votes.locator("[data-score]")).to_contain_text("1")
    feedback = page.locator(f"#answer-{answer.id} .post-feedback")
    expect(feedback).to_have_text("You earned a badge: Supporter!")
    expect(feedback).to_be_in_viewport()
    page.context.close()


def test_the_share_link_copies_the_permalink(browser: Browser, live_server, thread):
    question, answer = thread
    page = phone(browser, permissions=["clipboard-read", "clipboard-write"])
    page.goto(address(live_server, question))
    link = page.locator(f"#answer-{answer.id}").get_by_role("link", name="Share link to this answer")
    link.click()
    expect(page.locator(f"#answer-{answer.id} .share-status")).to_have_text("Link copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server}/posts/{answer.id}"
    assert page.url == address(live_server, question)
    # The permalink leads to the answer.
    page.goto(f"{live_server}/posts/{answer.id}")
    expect(page).to_have_url(f"{address(live_server, question)}#answer-{answer.id}")
    page.context.close()


def test_without_javascript_the_share_link_is_the_permalink(browser: Browser, live_server, thread):
    question, answer = thread
    page = phone(browser, javascript=False)
    page.goto(address(live_server, question))
    page.locator(f"#answer-{answer.id}").get_by_role("link", name="Share link to this answer").click()
    expect(page).to_have_url(f"{address(live_server, question)}#answer-{answer.id}")
    page.context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_a_refused_question_opens_at_its_summary_on_a_phone(browser: Browser, live_server, thread, javascript):
    page = phone(browser, javascript)
    log_in(page, live_server, "nora")
    page.goto(f"{live_server}/questions/ask")
    page.get_by_label("Title").fill("Short")
    page.get_by_label("Details").fill("The pump hums but no water comes out since this morning.")
    page.get_by_role("button", name="Post your question").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Title: Use at least 15 characters")
    summary.get_by_role("link", name=re.compile("^Title:")).click()
    expect(page.get_by_label("Title")).to_be_in_viewport()
    expect(page.get_by_label("Details")).to_have_value("The pump hums but no water comes out since this morning.")
    page.context.close()
