"""Finding the answer before asking, in a real browser: suggestions under the title while typing (and the
click counted), and the header search box."""

import time

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from app.extensions import db
from app.models import SuggestionClick

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


@pytest.fixture
def answered(make_user, make_question, make_answer):
    question = make_question(make_user("giulia"), title="Pump hums but no water comes out",
                             body="Since this morning the pump hums and nothing comes out of the spout.")
    make_answer(make_user("tom"), question, body="Prime the pump: fill the tank and run hot water for ten seconds.")
    return question


def test_suggestions_while_typing_then_header_search(page: Page, live_server, answered, make_user):
    make_user("marco")
    page.goto(f"{live_server}/login")
    page.get_by_label("Username or e-mail").fill("marco")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server}/questions/ask")
    page.get_by_label("Title").press_sequentially("no water from pump", delay=20)
    suggestion = page.locator(".suggestions a", has_text="Pump hums but no water comes out")
    expect(suggestion).to_be_visible()
    with page.context.expect_page() as opened:
        suggestion.click()
    expect(opened.value.get_by_role("heading", level=1)).to_have_text("Pump hums but no water comes out")
    expect(page.get_by_label("Title")).to_have_value("no water from pump")  # the draft is still there
    for _ in range(50):
        if db.session.scalar(select(func.count()).select_from(SuggestionClick)):
            break
        time.sleep(0.1)
    assert db.session.scalar(select(func.count()).select_from(SuggestionClick)) == 1

    page.goto(live_server)
    page.get_by_role("searchbox", name="Search questions and answers").fill("pump hums")
    page.keyboard.press("Enter")
    expect(page.locator(".search-result mark").first).to_have_text("Pump")
