"""Result rows are rendered once and shared by every reader who sees them alike: a kept row must still
show what is true now (votes, answers, title, tags, marks, the asker's reputation, how long ago), in
the reader's language, with this query's words marked."""

import html
import re
from datetime import timedelta

import pytest

from app import clock
from app.extensions import db
from app.faq import operations as faq
from app.questions import operations as posts
from app.votes.operations import cast_vote

TITLE = "Descaling stops with error E04 on the Aurora One"
BODY = "The red light blinks three times during descaling and the pump stops after a minute."
_ROWS = re.compile(r'<li class="search-result".*?</li>\s*(?=<li class="search-result"|</ol>)', re.DOTALL)


def rows(page: str) -> list[str]:
    return _ROWS.findall(page)


def row_text(row: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split())


def only_row(search, q: str) -> str:
    status, page = search(q)
    assert status == 200
    found = rows(page)
    assert len(found) == 1, page
    return found[0]


@pytest.fixture
def question(make_user, make_question):
    return make_question(make_user("giulia"), title=TITLE, body=BODY, tag_names="aurora-one")


@pytest.fixture
def kept(app):
    return app.extensions["rendered_fragments"]


def test_a_row_is_rendered_once_for_every_reader(client, question, auth, make_user, kept):
    first = client.get("/search?q=E04").get_data(as_text=True)
    held = len(kept.entries)
    auth.login(make_user("marco"))
    again = client.get("/search?q=E04").get_data(as_text=True)
    assert rows(again) == rows(first)
    assert len(kept.entries) == held  # the member was shown the visitor's row, not a new one


def test_a_kept_row_shows_new_votes_answers_and_the_askers_reputation(search, question, make_user, make_answer):
    before = row_text(only_row(search, "E04"))
    assert "0 votes" in before and "0 answers" in before and "giulia reputation 1 ·" in before
    cast_vote(make_user("voter", reputation=500), question, 1)
    db.session.commit()
    answer = make_answer(make_user("marco"), question)
    after = row_text(only_row(search, "E04"))
    assert "1 vote ·" in after and "1 answer ·" in after
    assert "giulia reputation 11 ● 1 bronze badges ·" in after  # the upvote's reputation and a first badge
    assert "Solved" not in after
    posts.accept_answer(question.author, answer)
    db.session.commit()
    assert "Solved" in row_text(only_row(search, "E04"))


def test_a_kept_row_shows_the_edited_title_and_tags(search, question):
    assert "aurora-one" in row_text(only_row(search, "E04"))
    posts.edit_question(question.author, question, "Error E04 again after the descaling cycle", BODY,
                        "descaling", "clearer title")
    db.session.commit()
    row = only_row(search, "E04")
    assert "Error <mark>E04</mark> again after the descaling cycle</a>" in row
    assert TITLE not in row_text(row)
    assert '<a class="tag" href="/tags/descaling">descaling</a>' in row
    assert "aurora-one" not in row


def test_a_kept_row_shows_the_faq_mark_once_the_question_is_in_the_faq(search, question, make_user, make_answer):
    answer = make_answer(make_user("marco"), question)
    posts.accept_answer(question.author, answer)  # only a solved question goes in the FAQ
    db.session.commit()
    assert "In the FAQ" not in row_text(only_row(search, "E04"))
    faq.save_entry(make_user("care", role="moderator"), question, "What does E04 mean?", answer,
                   question.tags[0], None)
    db.session.commit()
    assert '<span class="badge-faq">In the FAQ</span>' in only_row(search, "E04")


def test_highlights_follow_the_query(search, question):
    by_code, by_word = only_row(search, "E04"), only_row(search, "descaling")
    assert "<mark>E04</mark>" in by_code and "<mark>Descaling</mark>" not in by_code
    assert "<mark>Descaling</mark>" in by_word and "<mark>E04</mark>" not in by_word
    assert "during <mark>descaling</mark> and" in by_word  # the snippet too


def test_rows_follow_the_readers_language(client, question):
    english = client.get("/search?q=E04").get_data(as_text=True)
    italian = client.get("/search?q=E04", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "0 votes" in row_text(rows(english)[0]) and "chiesta" not in rows(english)[0]
    italian_row = row_text(rows(italian)[0])
    assert "0 voti" in italian_row and "0 risposte" in italian_row and "chiesta" in italian_row
    again = client.get("/search?q=E04").get_data(as_text=True)  # after the Italian row was kept
    assert rows(again) == rows(english)


def test_how_long_ago_moves_on_in_a_kept_row(search, question):
    asked = question.created_at
    with clock.frozen(asked + timedelta(minutes=5)):
        assert "asked 5 minutes ago" in row_text(only_row(search, "E04"))
    with clock.frozen(asked + timedelta(hours=3)):
        assert "asked 3 hours ago" in row_text(only_row(search, "E04"))
