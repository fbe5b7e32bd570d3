"""Asking, answering, commenting, editing, deleting, accepting and voting, through the rendered forms."""

from tests.integration.forms.registry import case


@case("questions.edit POST")
def edit_question_and_answer(w, browser):
    owner = browser("owner")
    question = owner.get(f"/questions/{w.question}")
    form = question.click("Edit").form("questions.edit POST")
    assert form["tags"] == "aurora-one", "the edit form shows the tags as the member typed them"
    page = form.type("body", form["body"] + "\n\nUpdate: it happens only with the descaling programme.").submit()
    assert page.status == 200 and "Your edit is saved." in page.flashes, page.errors
    assert "Update: it happens only with the descaling programme." in page.text
    assert "aurora-one" in page.text

    helper = browser("helper")
    form = helper.get(f"/posts/{w.answer}/edit").form("questions.edit POST")
    page = form.type("body", form["body"] + " Then wait a minute before switching it on.").submit()
    assert "Your edit is saved." in page.flashes, page.errors
    assert "Then wait a minute before switching it on." in page.text
