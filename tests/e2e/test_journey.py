"""A customer asks (seeing similar answered questions while typing), another answers and votes, the asker
accepts and earns a badge: in a real browser."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


def register(page: Page, base: str, username: str):
    page.goto(f"{base}/register")
    page.get_by_label("Username").fill(username)
    page.get_by_label("E-mail address").fill(f"{username}@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".account-nav .me")).to_contain_text(username)


def log_in(page: Page, username: str):
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".account-nav .me")).to_contain_text(username)


def log_out(page: Page):
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


@pytest.fixture
def similar_question(make_user, make_question, make_answer):
    question = make_question(make_user("tom"), title="Aurora One: no water comes out after descaling",
                             body="After the descaling cycle the pump runs but no water reaches the cup.")
    make_answer(make_user("sara"), question, body="Run a rinse cycle with the tank full: air is trapped.")
    return question


def test_ask_answer_vote_accept(page: Page, live_server, similar_question):
    base = live_server
    register(page, base, "giulia")
    page.get_by_role("link", name="Ask a question").first.click()
    # Deflection: while she types, answered questions like hers are offered before she posts.
    page.get_by_label("Title").press_sequentially("no water comes out", delay=20)
    expect(page.locator(".suggestions a", has_text=similar_question.title)).to_be_visible()
    page.get_by_label("Title").fill("Short")  # refused, text kept
    page.get_by_label("Details").fill("The pump hums but no water comes out since this morning.")
    page.get_by_label("Products and topics").fill("aurora-one")
    page.get_by_role("button", name="Post your question").click()
    expect(page.locator("#title-error")).to_contain_text("Use at least 15 characters")
    expect(page.get_by_label("Details")).to_have_value("The pump hums but no water comes out since this morning.")
    page.get_by_label("Title").fill("No water comes out of my Aurora One")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("No water comes out of my Aurora One")
    question_url = page.url
    log_out(page)

    register(page, base, "marco")
    page.goto(question_url)
    # A newcomer cannot vote yet (5 reputation needed), and a tap on the arrow says why.
    page.locator(".question form.votes .vote-up").click()
    expect(page.locator(".question form.votes .vote-why:popover-open")).to_have_text(
        "Voting needs 5 reputation. What reputation lets you do")
    page.keyboard.press("Escape")
    page.get_by_role("textbox", name="Your answer").fill(
        "Check that the water tank is seated properly, then prime the pump.")
    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator(".answer .post-body")).to_contain_text("prime the pump")
    log_out(page)

    log_in(page, "giulia")
    page.goto(question_url)
    page.get_by_role("button", name=re.compile("Accept")).click()
    expect(page.locator(".answer.accepted")).to_be_visible()
    expect(page.locator(".question-head .badge-solved")).to_have_text("Solved")
    expect(page.locator(".flash-badge")).to_contain_text("Scholar")  # her first accepted answer earns a badge
    log_out(page)

    log_in(page, "marco")  # +15 for the accepted answer: now marco may vote
    expect(page.locator(".flash-badge").first).to_contain_text("You earned a badge")
    page.goto(question_url)
    question_votes = page.locator(".question form.votes")
    question_votes.get_by_role("button", name="This question is useful").click()
    expect(question_votes.locator("[data-score]")).to_contain_text("1")  # updated in place by the script
    expect(question_votes.get_by_role("button", name="This question is useful")).to_have_attribute(
        "aria-pressed", "true")
    page.reload()
    expect(page.locator(".question form.votes [data-score]")).to_contain_text("1")

    page.goto(base + "/")
    row = page.locator(".question-row", has_text="No water comes out of my Aurora One")
    expect(row.locator(".badge-solved")).to_be_visible()
    expect(row.locator(".stat.solved")).to_contain_text("1")
