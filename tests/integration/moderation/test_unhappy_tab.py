"""The care queue's Unhappy tab: one row per thread with every open signal and the words that fired, solved
threads and neutral questions left out, and the same count under the same name on the tab and the dashboard."""

import html as html_text
import re

import pytest

from app.extensions import db
from app.moderation import queue, unhappiness
from app.questions import operations as posts
from tests.integration.rendered_forms import rendered_form

COMPLAINT = "Worst purchase ever, the grinder jammed AGAIN. I want my money back."


def _tab(client) -> str:
    return client.get("/moderation?tab=unhappy").get_data(as_text=True)


def _rows(html: str) -> list[str]:
    return re.findall(r'<li class="queue-row">(.*?)\n    </li>', html, re.S)


def _tab_count(html: str) -> int:
    link = re.search(r'href="/moderation\?tab=unhappy"[^>]*>[^<]*<span class="tab-count[^"]*">(\d+)</span>', html)
    return int(link[1])


@pytest.fixture
def moderator(make_user, auth):
    make_user("marta", role="moderator")
    return lambda: auth.login("marta")


def test_one_row_per_thread_with_every_signal_and_its_words(client, make_user, make_question, make_answer,
                                                            moderator):
    asker, helper = make_user("olivia"), make_user("hugo")
    question = make_question(asker, title="The grinder jams every morning", body=COMPLAINT)
    answer = make_answer(helper, question)
    comments = ["Third time I write here and still nobody from the brand answers, ridiculous.",
                "Seriously, is anyone reading this?? Terrible service."]
    posts.add_comment(asker, answer, comments[0])
    posts.add_comment(asker, question, comments[1])
    db.session.commit()
    moderator()
    html = _tab(client)
    rows = _rows(html)
    assert len(rows) == 1 and _tab_count(html) == 1 == queue.counts()["unhappy"]
    row = rows[0]
    assert "The grinder jams every morning" in row and "3 signals" in row
    assert row.count("Sounds unhappy") == 3 and "in the question" in row and row.count("in a comment") == 2
    for text in (f"{question.title}\n{COMPLAINT}", *comments):  # the words that fired, as written
        assert "Found: " + ", ".join(unhappiness.unhappy_signals(text)) in html_text.unescape(row)


@pytest.mark.parametrize("text", [
    "How long does a refund take to reach my card after the courier picks up the return?",
    "Perché la lancia vapore non funziona se la macchina è appena accesa?",
])
def test_neutral_questions_are_not_in_the_tab(client, make_user, make_question, moderator, text):
    make_question(make_user("olivia"), title="A question about my machine", body=text)
    moderator()
    html = _tab(client)
    assert _rows(html) == [] and _tab_count(html) == 0 and "Nothing here right now." in html


def test_a_solved_thread_leaves_the_tab_unless_the_asker_says_it_is_still_not_solved(
        client, make_user, make_question, make_answer, moderator):
    asker, helper = make_user("olivia"), make_user("hugo")
    question = make_question(asker, title="The grinder jams every morning", body=COMPLAINT)
    answer = make_answer(helper, question)
    moderator()
    assert _tab_count(_tab(client)) == 1
    posts.accept_answer(asker, answer)
    posts.add_comment(asker, answer, "Thank you so much, that fixed it!")  # the asker's thanks
    db.session.commit()
    html = _tab(client)
    assert _rows(html) == [] and _tab_count(html) == 0
    posts.add_comment(asker, answer, "Sorry, it still doesn't work: it jammed again this morning.")
    db.session.commit()
    rows = _rows(_tab(client))
    assert len(rows) == 1 and "Still not solved" in rows[0] and "Sounds unhappy" not in rows[0]


def test_dismissing_a_signal_as_rendered_leaves_the_others_in_the_row(client, make_user, make_question, moderator):
    asker = make_user("olivia")
    question = make_question(asker, title="The grinder jams every morning", body=COMPLAINT)
    posts.add_comment(asker, question, "Seriously, is anyone reading this?? Terrible service.")
    db.session.commit()
    moderator()
    html = _tab(client)
    forms = re.findall(r'action="(/signals/\d+/dismiss)"', html)
    assert len(forms) == 2
    response = rendered_form(html, forms[0]).submit(client, "/moderation?tab=unhappy", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Dismissed." in page and len(_rows(page)) == 1 and "Sounds unhappy" in _rows(page)[0]
    assert _tab_count(page) == 1
    response = rendered_form(page, forms[1]).submit(client, "/moderation?tab=unhappy", follow_redirects=True)
    assert _tab_count(response.get_data(as_text=True)) == 0


def test_a_deleted_answer_takes_its_signal_with_it(client, make_user, make_question, make_answer, moderator):
    asker, helper = make_user("olivia"), make_user("hugo")
    question = make_question(asker, title="Where is my order?", body="It was shipped on Monday, any news?")
    answer = make_answer(helper, question, body="Same here, worst service ever, I want my money back!!")
    moderator()
    assert _tab_count(_tab(client)) == 1
    posts.delete_post(helper, answer)
    db.session.commit()
    assert _tab_count(_tab(client)) == 0


@pytest.mark.parametrize(("language", "word"), [("en", "Unhappy"), ("it", "Scontenti")])
def test_the_dashboard_says_the_same_word_and_counts_the_same_threads(
        client, make_user, make_question, make_answer, moderator, language, word):
    asker = make_user("olivia")
    for title in ("The grinder jams every morning", "The frother broke again"):
        question = make_question(asker, title=title, body=COMPLAINT)
        posts.add_comment(asker, question, "Seriously, is anyone reading this?? Terrible service.")
    solved = make_question(asker, title="The steam wand leaks at the joint", body=COMPLAINT)
    posts.accept_answer(asker, make_answer(make_user("hugo"), solved))
    db.session.commit()
    moderator()
    client.post("/language", data={"language": language})
    tab = _tab(client)
    assert re.search(rf'tab=unhappy"[^>]*>{word} <span', tab) and _tab_count(tab) == 2 == len(_rows(tab))
    dashboard = client.get("/moderation/metrics").get_data(as_text=True)
    figure = re.search(r"<dt>([^<]+)</dt>\s*<dd><strong class=\"care-number\">(\d+)</strong>[^<]*<span>[^<]*</span>"
                       r"\s*<span>[^<]*</span>\s*<a href=\"/moderation\?tab=unhappy\"", dashboard)
    assert figure and figure[1] == word and int(figure[2]) == 2


def test_recheck_removes_what_the_current_check_no_longer_finds(app, client, make_user, make_question, moderator):
    """Signals raised by an older check (the word list flagged "refund" in a question being asked) are read
    again; a moderator's dismissal is left as it is."""
    from sqlalchemy import select

    from app import clock
    from app.models import PostSignal

    asker = make_user("olivia")
    neutral = make_question(asker, title="How long does a refund take?", body="I returned the grinder on Monday.")
    angry = make_question(asker, title="The grinder jams every morning", body=COMPLAINT)
    old_neutral = PostSignal(post_id=neutral.id, kind="unhappy", detail="refund", created_at=clock.now())
    dismissed = PostSignal(post_id=neutral.id, kind="unhappy", detail="refund", created_at=clock.now(),
                           dismissed_at=clock.now())
    db.session.add_all([old_neutral, dismissed])
    db.session.scalar(select(PostSignal).where(PostSignal.post_id == angry.id)).detail = "old words"
    db.session.commit()
    moderator()
    assert _tab_count(_tab(client)) == 2
    result = app.test_cli_runner().invoke(args=["moderation", "recheck-unhappy"])
    assert "read again: 2; still unhappy: 1; removed: 1." in result.output
    html = _tab(client)
    assert _tab_count(html) == 1 and "How long does a refund take?" not in html and "old words" not in html
    assert db.session.get(PostSignal, dismissed.id).dismissed_at is not None


def test_the_tab_costs_the_same_statements_for_one_thread_or_many(client, make_user, make_question, make_answer,
                                                                  moderator):
    from tests.conftest import statements

    def count() -> tuple[int, str]:
        client.get("/moderation?tab=unhappy")  # the first view may fill caches
        with statements() as seen:
            html = client.get("/moderation?tab=unhappy").get_data(as_text=True)
        return len(seen), html

    asker, helper = make_user("olivia"), make_user("hugo")
    make_question(asker, title="Complaint number 0 about the grinder", body=COMPLAINT)
    moderator()
    one, html = count()
    assert len(_rows(html)) == 1
    for n in range(1, 6):
        question = make_question(asker, title=f"Complaint number {n} about the grinder", body=COMPLAINT)
        answer = make_answer(helper, question, body="Same here, worst service ever, I want my money back!!")
        posts.add_comment(asker, answer, "Seriously, is anyone reading this?? Terrible service.")
    db.session.commit()
    many, html = count()
    assert len(_rows(html)) == 6 and many == one
