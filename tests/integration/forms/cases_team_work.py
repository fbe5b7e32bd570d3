"""The brand team's desk on a question page, through the rendered forms: claiming, releasing, assigning, and the
internal notes (added, refused with the text kept, edited, deleted)."""

from tests.integration.forms.registry import case, refused


def question_page(browser, question_id):
    return browser.get(f"/questions/{question_id}")


@case("moderation.claim POST", "moderation.release POST")
def claim_and_release(w, browser):
    mod = browser("mod")
    queue = mod.get("/moderation")
    page = queue.form("moderation.claim POST", question_id=w.unanswered).submit()
    assert "You are on this question." in page.flashes and page.url.startswith("/moderation")
    assert "You are on it" in page.text
    page = question_page(mod, w.unanswered)
    assert "You are on it." in page.text
    page = page.form("moderation.release POST", question_id=w.unanswered).submit()
    assert "The question is free for anyone in the team again." in page.flashes
    assert "Nobody is on it yet." in page.text


@case("moderation.assign POST")
def assign(w, browser):
    page = question_page(browser("mod"), w.question)
    page = page.form("moderation.assign POST", question_id=w.question).choose("assignee", str(w.admin)).submit()
    assert "The question is assigned." in page.flashes
    admin = browser("admin")
    assert "assigned the question" in admin.get("/notifications").text
    assert "You are on it." in question_page(admin, w.question).text


@case("moderation.add_note POST", "moderation.edit_note POST", "moderation.delete_note POST")
def internal_notes(w, browser):
    mod = browser("mod")
    form = question_page(mod, w.question).form("moderation.add_note POST", question_id=w.question)
    page = form.type("body", "   ").submit()  # spaces satisfy the browser's `required`, not the note's rule
    form = refused(page, "moderation.add_note POST", args={"question_id": w.question})
    assert "Write the note." in page.errors
    page = form.type("body", "Customer called: the *pump* was replaced.").submit()
    assert "The note is added." in page.flashes, page.errors
    assert "the pump was replaced" in page.text.replace("*", "")
    assert "pump was replaced" not in question_page(browser("member"), w.question).text
    form = page.forms_for("moderation.edit_note POST")[-1]
    page = form.type("body", "Customer called: the pump and the valve were replaced.").submit()
    assert "The note is saved." in page.flashes and "the valve were replaced" in page.text
    page = page.forms_for("moderation.delete_note POST")[-1].submit()
    assert "The note is deleted." in page.flashes and "valve were replaced" not in page.text
