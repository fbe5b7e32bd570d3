"""Two people edit the same post from forms opened at the same time (issue: the second save, from a stale form,
replaced the first without a word). The form carries the revision it was filled from; a save from an older one
is combined with the newer version when the two changed different things, and otherwise refused with 409, the
editor's text kept and a diff against the newer version shown."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Post, Revision
from tests.conftest import PASSWORD
from tests.integration.forms.browser import Browser

BODY = ("The red light blinks three times and the pump stops.\n\n"
        "I descaled it yesterday with the brand's descaler.\n\n"
        "The machine is an Aurora One bought in 2024.")


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True}


@pytest.fixture
def people(app, make_user, make_question, make_answer):
    owner, helper = make_user("olivia"), make_user("hugo")
    make_user("vera", reputation=100_000)  # may edit anyone's post
    question = make_question(owner, body=BODY, tag_names="aurora-one")
    answer = make_answer(helper, question, "Run the descaling cycle again.\n\nThen hold the power button for 5 s.")
    browsers = {}
    for name in ("olivia", "hugo", "vera"):
        browsers[name] = Browser(app, name)
        browsers[name].log_in(name, PASSWORD)
    return browsers, question.id, answer.id


def open_editor(browser, post_id):
    return browser.get(f"/posts/{post_id}/edit").form("questions.edit POST")


def stored(post_id) -> Post:
    return db.session.get(Post, post_id)


def revisions(post_id) -> int:
    return db.session.scalar(select(func.count()).select_from(Revision).where(Revision.post_id == post_id))


def test_a_stale_save_that_overlaps_is_refused_with_the_text_kept_and_a_diff(people):
    browsers, question, _ = people
    first, second = open_editor(browsers["olivia"], question), open_editor(browsers["vera"], question)
    first.type("body", BODY.replace("three times", "four times")).submit()
    mine = BODY.replace("three times", "five times and beeps")
    page = second.type("body", mine).type("summary", "what I saw").submit()

    assert page.status == 409
    assert "Someone saved a newer version of this post while you were editing." in " ".join(page.errors)
    form = page.form("questions.edit POST")
    assert form["body"] == mine and form["summary"] == "what I saw"
    assert page.texts(".edit-conflict del") == ["four"]  # in the newer version, gone if saved
    assert "five" in page.texts(".edit-conflict ins") and "beeps" in " ".join(page.texts(".edit-conflict ins"))
    assert "olivia" in page.texts(".edit-conflict")[0]
    assert "four times" in stored(question).body_markdown and revisions(question) == 2, "nothing of it was saved"

    # Having seen the newer version, the editor may save over it on purpose: the form now carries its number.
    page = form.submit()
    assert page.status == 200 and "Your edit is saved." in page.flashes
    assert "five times and beeps" in stored(question).body_markdown and revisions(question) == 3


def test_stale_saves_that_change_different_things_are_combined(people):
    browsers, question, _ = people
    first, second = open_editor(browsers["olivia"], question), open_editor(browsers["vera"], question)
    first.type("body", BODY.replace("three times", "four times")).submit()
    page = second.type("body", BODY.replace("in 2024", "in March 2024")).type("title", "Error E04: the pump stops "
                                                                              "after descaling").submit()
    assert page.status == 200, page.errors
    assert "Your edit is saved, together with the changes olivia saved while you were editing." in page.flashes
    saved = stored(question)
    assert "four times" in saved.body_markdown and "in March 2024" in saved.body_markdown
    assert saved.title == "Error E04: the pump stops after descaling"
    assert "four times" in page.text and "in March 2024" in page.text


def test_both_changing_the_tags_differently_is_a_conflict(people, tags):
    browsers, question, _ = people
    first, second = open_editor(browsers["olivia"], question), open_editor(browsers["vera"], question)
    first.type("tags", "aurora-one descaling").submit()
    page = second.type("tags", "aurora-one orders").submit()
    assert page.status == 409 and page.form("questions.edit POST")["tags"] == "aurora-one orders"
    assert "Tags" in page.texts(".edit-conflict .diff-tags")[0]
    assert [t.name for t in stored(question).tags] == ["aurora-one", "descaling"]


def test_a_stale_answer_edit_is_refused_too(people):
    browsers, _, answer = people
    first, second = open_editor(browsers["hugo"], answer), open_editor(browsers["vera"], answer)
    first.type("body", "Run the descaling cycle twice.\n\nThen hold the power button for 5 s.").submit()
    page = second.type("body", "Run the descaling cycle with fresh water.\n\nThen hold the power button for 5 s.") \
        .submit()
    assert page.status == 409
    assert page.form("questions.edit POST")["body"].startswith("Run the descaling cycle with fresh water.")
    assert stored(answer).body_markdown.startswith("Run the descaling cycle twice.")
    # Different paragraphs: combined.
    first, second = open_editor(browsers["hugo"], answer), open_editor(browsers["vera"], answer)
    first.type("body", "Run the descaling cycle twice.\n\nThen hold the power button for 10 s.").submit()
    page = second.type("body", "Run the descaling cycle three times.\n\nThen hold the power button for 5 s.").submit()
    assert page.status == 200 and "together with the changes hugo saved" in page.flashes[0]
    assert stored(answer).body_markdown == ("Run the descaling cycle three times.\n\n"
                                            "Then hold the power button for 10 s.")


def test_an_untouched_form_sends_crlf_and_is_still_unchanged(people):
    """Browsers send a textarea's line breaks as CRLF: an untouched body is not a change."""
    browsers, question, _ = people
    page = open_editor(browsers["olivia"], question).submit()
    assert page.status == 400 and "Nothing was changed." in page.errors
    assert revisions(question) == 1
