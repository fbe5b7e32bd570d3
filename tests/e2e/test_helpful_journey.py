"""In Chromium, on a phone, in Italian: a visitor who is not logged in reads an official answer, says it did not
help because it is outdated, and is thanked in place, with no cookie set before the click; a moderator then sees
the readers' counts on the thread and the answer in Review due."""

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import select

from app.extensions import db
from app.models import VisitorFeedback
from app.questions import official_answers
from tests.conftest import PASSWORD

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def app_config():
    # One reader is enough here: the threshold's arithmetic is tested in tests/integration/satisfaction.
    return {"WTF_CSRF_ENABLED": True, "VISITOR_REVIEW_MIN": 1, "VISITOR_REVIEW_SHARE": 0.5}


@pytest.fixture
def official(make_user, make_question, make_answer):
    question = make_question(make_user("giulia"), title="La Aurora One non scalda più dopo l'aggiornamento")
    answer = make_answer(make_user("marco"), question,
                         body="Tieni premuto il tasto di accensione per dieci secondi per ripristinare il firmware.")
    official_answers.mark_official(make_user("marta", role="moderator"), answer)
    db.session.commit()
    return question


def test_a_visitor_says_an_answer_is_outdated_and_a_moderator_sees_it(browser: Browser, live_server, official):
    address = f"{live_server}/questions/{official.id}/{official.slug}"
    context = browser.new_context(viewport=PHONE, locale="it-IT")
    page = context.new_page()
    page.goto(address)
    box = page.locator("#helpful")
    expect(box.get_by_role("heading")).to_have_text("È stato utile?")
    assert context.cookies() == []  # nothing set before the click: no banner needed
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    box.scroll_into_view_if_needed()
    box.get_by_role("button", name="No").click()
    expect(box.get_by_role("status")).to_have_text("Grazie per avercelo detto.")
    assert page.url == address  # answered in place
    box.get_by_label("È superata").check()
    box.get_by_role("button", name="Invia").click()
    expect(box.get_by_role("status")).to_contain_text("Grazie per averci detto il motivo.")
    expect(box.get_by_role("status")).to_be_focused()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(box).not_to_contain_text("Lettori che hanno risposto")  # visitors never see counts
    db.session.expire_all()
    assert [(row.helpful, row.reason) for row in db.session.scalars(select(VisitorFeedback))] == [(False, "outdated")]

    moderator = browser.new_context(viewport=PHONE).new_page()
    moderator.goto(f"{live_server}/login")
    moderator.get_by_label("Username or e-mail").fill("marta")
    moderator.get_by_label("Password").fill(PASSWORD)
    moderator.get_by_role("button", name="Log in").click()
    moderator.goto(address)
    expect(moderator.locator(".helpful-counts")).to_contain_text(
        "Readers who answered: 1; helpful: 0; not helpful: 1.")
    expect(moderator.locator(".helpful-counts")).to_contain_text("It is outdated: 1")
    moderator.goto(f"{live_server}/moderation?tab=review")
    row = moderator.locator(".queue-row", has_text=official.title)
    expect(row).to_contain_text("Readers who said it is outdated or did not work: 1 of 1.")
