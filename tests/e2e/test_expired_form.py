"""A member writes an answer in one tab, logs out and in again in another; sending the answer from the first tab
brings it back with a message instead of losing it, and sending it again posts it: in a real browser, which names
the page a form came from (Origin) as the server expects."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"
ANSWER = "Hold the power button for five seconds: the E04 light goes out and the pump primes again."


def log_in(page: Page, base: str, username: str):
    page.goto(f"{base}/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".account-nav .me")).to_contain_text(username)


def test_an_answer_survives_a_session_renewed_in_another_tab(page: Page, live_server, make_user, make_question):
    question = make_question(make_user("olivia"))
    make_user("hugo")
    log_in(page, live_server, "hugo")
    page.goto(f"{live_server}/questions/{question.id}/{question.slug}")
    page.get_by_role("textbox", name="Your answer").fill(ANSWER)

    other_tab = page.context.new_page()
    other_tab.goto(live_server)
    other_tab.get_by_role("button", name="Log out").click()
    log_in(other_tab, live_server, "hugo")
    other_tab.close()

    page.get_by_role("button", name="Post your answer").click()
    expect(page.get_by_role("alert")).to_contain_text("Your session changed after this page was opened")
    expect(page.get_by_role("textbox", name="Your answer")).to_have_value(ANSWER)
    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator(".post-body", has_text="Hold the power button for five seconds")).to_be_visible()
