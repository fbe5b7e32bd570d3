"""A moderator claims the oldest waiting question from the care queue and leaves an internal note on it; a
visitor's view of the same page has neither the claim nor the note."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from app import clock
from app.extensions import db

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


@pytest.fixture
def waiting(make_user, make_question):
    make_user("marta", role="moderator")
    with clock.frozen(clock.now() - timedelta(hours=3)):
        oldest = make_question(make_user("luca"), title="The steam wand of my Lattea hisses but gives no steam",
                               body="It worked yesterday; today it only hisses. Is there something I can clean?")
    newer = make_question(make_user("sara"), title="Which grind size for the Macina Pro and a Duo?")
    db.session.commit()
    return oldest, newer


def test_moderator_claims_the_oldest_and_notes_it_a_visitor_sees_neither(page: Page, browser, live_server, waiting):
    oldest, _ = waiting
    page.goto(f"{live_server}/login")
    page.get_by_label("Username or e-mail").fill("marta")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server}/moderation")
    first = page.locator(".queue-row").first
    expect(first).to_contain_text(oldest.title)  # oldest first
    first.get_by_role("button", name="I'm on it").click()
    expect(page.locator(".queue-row").first.locator(".claim-mark")).to_have_text("You are on it")
    page.get_by_role("link", name="Mine").click()
    expect(page.locator(".queue-row")).to_have_count(1)

    page.locator(".queue-row").first.get_by_role("link", name=oldest.title).click()
    desk = page.locator(".team-desk")
    expect(desk).to_contain_text("You are on it.")
    desk.get_by_label(re.compile("Add a note for the team")).fill("Called Luca: the **tip** is blocked by milk.")
    desk.get_by_role("button", name="Add note").click()
    expect(page.locator(".team-note strong")).to_have_text("tip")

    visitor = browser.new_context()
    public = visitor.new_page()
    public.goto(f"{live_server}/questions/{oldest.id}/{oldest.slug}")
    expect(public.get_by_role("heading", name=oldest.title)).to_be_visible()
    expect(public.locator(".team-desk")).to_have_count(0)
    body = public.locator("body").inner_text()
    assert "blocked by milk" not in body and "on it" not in body and "looking into this" not in body
    visitor.close()
