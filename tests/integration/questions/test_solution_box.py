"""The solution up front: under a solved question, the accepted answer's author and first lines, and the
brand's official answer, each with a link down to it; every post has a share link (a permalink). The box is
part of the kept pages, so what it shows must change them (an edit, a new acceptance), for visitors and members."""

import re

import pytest

from app import clock
from app.extensions import db
from app.questions import official_answers, operations
from tests.integration.rendered_forms import rendered_form


def url(question) -> str:
    return f"/questions/{question.id}/{question.slug}"


def solution(html: str) -> str:
    """The box's entries, between the question and the answers."""
    box = re.search(r'<div class="solution" data-solution>(.*?)</div>\s*<section class="answers"', html, re.S)
    assert box, "no solution box between the question and the answers"
    assert html.index('class="solution"') > html.index('<article class="question"')
    return box.group(1)


@pytest.fixture
def thread(make_user, make_question, make_answer):
    question = make_question(make_user("giulia"))
    helpful = make_answer(make_user("marco"), question,
                          body="Hold the **power** button for five seconds while the red light blinks, then "
                               "run a rinse cycle with the tank full. " + "More details follow here. " * 20)
    other = make_answer(make_user("luca"), question, body="Ask the shop for a replacement.")
    return question, helpful, other


def test_a_solved_question_shows_its_accepted_answer_up_front(client, thread):
    question, helpful, _ = thread
    assert solution(client.get(url(question)).get_data(as_text=True)).strip() == ""
    operations.accept_answer(question.author, helpful)
    db.session.commit()
    box = solution(client.get(url(question)).get_data(as_text=True))
    assert re.search(r"Solved — accepted answer by\s*<a class=\"user-link\" href=\"/users/\d+/marco\">marco</a>", box)
    assert "Hold the power button for five seconds" in box  # the first lines, as text
    assert "More details follow here. " * 5 not in box and "..." in box
    assert f'href="#answer-{helpful.id}"' in box


def test_the_brands_official_answer_has_its_own_entry(client, thread, make_user):
    question, helpful, other = thread
    operations.accept_answer(question.author, helpful)
    official_answers.mark_official(make_user("marta", role="moderator"), other)
    db.session.commit()
    box = solution(client.get(url(question)).get_data(as_text=True))
    assert box.index("Solved — accepted answer by") < box.index("Official answer from the brand")
    assert f'href="#answer-{other.id}"' in box and "Ask the shop for a replacement." in box


def test_a_deleted_accepted_answer_is_not_offered(client, thread, make_user):
    question, helpful, _ = thread
    operations.accept_answer(question.author, helpful)
    operations.delete_post(make_user("marta", role="moderator"), helpful)
    db.session.commit()
    assert "Solved" not in solution(client.get(url(question)).get_data(as_text=True))


@pytest.mark.parametrize("reader", ["visitor", "member"])
def test_kept_pages_follow_what_the_box_shows(app, client, auth, thread, make_user, reader):
    """Each reader's kept copy changes when the accepted answer is edited, when acceptance moves, and when it goes."""
    question, helpful, other = thread
    if reader == "member":
        auth.login(make_user("nora", reputation=20))
    operations.accept_answer(question.author, helpful)
    db.session.commit()
    with clock.frozen(clock.now()):  # the same clock step: only the change itself can change the page
        assert "Hold the power button" in solution(client.get(url(question)).get_data(as_text=True))
        operations.edit_answer(helpful.author, helpful, "Unplug it for a minute, then descale again.", "shorter")
        db.session.commit()
        assert "Unplug it for a minute" in solution(client.get(url(question)).get_data(as_text=True))
        operations.accept_answer(question.author, other)
        db.session.commit()
        box = solution(client.get(url(question)).get_data(as_text=True))
        assert "Ask the shop" in box and "Unplug it" not in box
        operations.accept_answer(question.author, other)
        db.session.commit()
        assert solution(client.get(url(question)).get_data(as_text=True)).strip() == ""


def test_every_post_has_a_share_link_to_its_permalink(client, thread):
    question, helpful, other = thread
    html = client.get(url(question)).get_data(as_text=True)
    for post, kind in ((question, "question"), (helpful, "answer"), (other, "answer")):
        link = re.search(rf'<a href="(/posts/{post.id})" class="share-link" data-share[^>]*>Share link'
                         rf'<span class="visually-hidden"> to this {kind}</span></a>', html)
        assert link, f"no share link for the {kind} {post.id}"
        landing = client.get(link.group(1))
        assert landing.status_code == 301
        assert landing.location == url(question) + (f"#answer-{post.id}" if kind == "answer" else "")


def test_the_accept_script_gets_the_new_box(client, auth, thread):
    """Accepting from the script: the message, badges earned and the box to put in place of the old one."""
    question, helpful, _ = thread
    auth.login(question.author)
    form = rendered_form(client.get(url(question)).get_data(as_text=True), f"/answers/{helpful.id}/accept")
    data = form.submit(client, url(question), headers={"Accept": "application/json"}).json
    assert data["accepted"] is True and data["message"] == "Answer accepted. Thank you for closing the loop!"
    assert data["badges"] == ["You earned a badge: Scholar!"]  # the asker's first acceptance
    assert data["solution"].startswith('<div class="solution" data-solution>')
    assert "Solved — accepted answer by" in data["solution"] and f"#answer-{helpful.id}" in data["solution"]
    # The page now asks to take the acceptance back (the script sets the same field in place).
    form = rendered_form(client.get(url(question)).get_data(as_text=True), f"/answers/{helpful.id}/accept")
    again = form.submit(client, url(question), headers={"Accept": "application/json"}).json
    assert again["accepted"] is False and again["badges"] == [] and "Solved" not in again["solution"]
