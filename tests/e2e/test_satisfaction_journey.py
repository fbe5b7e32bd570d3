"""In Chromium, on a phone: the asker answers "Did this solve your problem?" from the e-mail's link without
logging in (then rates and comments), and on the question page, where only she sees the panel."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from app.extensions import db
from app.models import OutgoingMail, SatisfactionSurvey
from app.questions import operations as posts
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def solved(make_user, make_question, make_answer):
    question = make_question(make_user("giulia"), title="No water comes out of my Aurora One after descaling")
    answer = make_answer(make_user("marco"), question,
                         body="Run a rinse cycle with the tank full: air is trapped in the circuit.")
    posts.accept_answer(question.author, answer)
    db.session.commit()
    return question


def phone(browser: Browser) -> Page:
    return browser.new_context(viewport=PHONE).new_page()


def survey_link(user_id: int, outcome: str) -> str:
    mail = db.session.scalar(select(OutgoingMail).where(OutgoingMail.user_id == user_id,
                                                        OutgoingMail.kind == "satisfaction.survey"))
    url = re.search(rf"https?://\S+/satisfaction/\S+/{outcome}\b", mail.text_body)[0]
    return urlsplit(url).path


def fits_the_screen(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_asker_answers_from_the_emails_link_on_a_phone(browser: Browser, live_server, solved):
    page = phone(browser)
    page.goto(live_server + survey_link(solved.author_id, "no"))
    expect(page.get_by_role("status")).to_have_text("Thank you: your answer (No) was saved.")
    expect(page.get_by_label("No")).to_be_checked()
    fits_the_screen(page)
    page.get_by_label("2", exact=True).check()
    page.get_by_label("Anything to add? (optional)").fill("The pump still stops after a minute.")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("status")).to_contain_text("The brand team reads every one.")
    db.session.expire_all()
    survey = db.session.scalar(select(SatisfactionSurvey))
    assert (survey.outcome, survey.rating, survey.comment) == ("no", 2, "The pump still stops after a minute.")
    page.goto(live_server + survey_link(solved.author_id, "no"))  # the e-mail's link again: used once, it says so
    expect(page.locator("h1")).to_have_text("Gone")
    expect(page.locator(".lead")).to_contain_text("This survey link was already used.")


def test_only_the_asker_sees_the_panel_and_answers_in_one_tap(browser: Browser, live_server, solved):
    address = f"{live_server}/questions/{solved.id}/{solved.slug}"
    visitor = phone(browser)
    visitor.goto(address)
    expect(visitor.locator("#satisfaction")).to_have_count(0)
    page = phone(browser)
    page.goto(f"{live_server}/login")
    page.get_by_label("Username or e-mail").fill("giulia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(address)
    panel = page.locator("#satisfaction")
    expect(panel).to_contain_text("Only you see this.")
    fits_the_screen(page)
    panel.get_by_role("button", name="Partly").click()
    expect(page.locator("#satisfaction [role=status]")).to_contain_text("Your answer: Partly.")
    assert page.url.endswith("#satisfaction")
    expect(page.locator("#satisfaction")).to_be_in_viewport()
