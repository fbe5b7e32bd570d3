"""The language choice on the ask and answer forms, in a real browser: while the post is typed the
automatic choice names the language read from it, and what is posted is stored in that language."""

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from app.extensions import db
from app.models import Answer, Question

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"


def log_in(page: Page, live_server: str, username: str) -> None:
    page.goto(f"{live_server}/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_the_forms_name_the_language_of_the_text_being_typed(page: Page, live_server, make_user, make_question):
    make_user("tom", locale="en")
    log_in(page, live_server, "tom")
    page.goto(f"{live_server}/questions/ask")
    choice = page.get_by_label("Language of your question")
    expect(choice.locator("option:checked")).to_have_text("Detected from your text")
    page.get_by_label("Title").fill("La lavatrice non centrifuga più dopo il lavaggio")
    page.get_by_label("Details").press_sequentially("Da ieri si ferma prima della centrifuga.", delay=5)
    expect(choice.locator("option:checked")).to_have_text("Detected from your text: Italiano")
    page.get_by_label("Details").fill("Since yesterday it stops before spinning and the clothes stay wet.")
    page.get_by_label("Title").fill("The washing machine does not spin after the wash")
    expect(choice.locator("option:checked")).to_have_text("Detected from your text: English")
    page.get_by_label("Products and topics").fill("orders")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The washing machine does not spin after the wash")
    assert db.session.scalar(select(Question.language).order_by(Question.id.desc())) == "en"

    question = make_question(make_user("giulia"))
    page.goto(f"{live_server}/questions/{question.id}/{question.slug}")
    answer_choice = page.get_by_label("Language of your answer")
    page.get_by_role("textbox", name="Your answer").press_sequentially(
        "Prova a fare la decalcificazione due volte di seguito.", delay=5)
    expect(answer_choice.locator("option:checked")).to_have_text("Detected from your text: Italiano")
    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator(".answer").first).to_contain_text("Prova a fare la decalcificazione")
    assert db.session.scalar(select(Answer.language).where(Answer.parent_id == question.id)) == "it"
