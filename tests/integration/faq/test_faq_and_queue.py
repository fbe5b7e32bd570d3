"""The FAQ life cycle and the care queue's classification and ordering, with a controlled clock."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import FaqEntry, Tag
from app.moderation import queue
from app.questions import operations as posts


@pytest.fixture
def solved(make_user, make_question, make_answer):
    asker = make_user("asker")
    question = make_question(asker)
    answer = make_answer(make_user("helper"), question)
    posts.accept_answer(asker, answer)
    db.session.commit()
    return question, answer


def test_faq_life_cycle(client, solved, make_user, make_question, auth):
    question, answer = solved
    unsolved = make_question(make_user(), title="A question nobody has solved yet")
    make_user("marta", role="moderator")
    auth.login("marta")
    assert client.post(f"/questions/{unsolved.id}/faq", data={"title": "Some title here"}).status_code == 409
    tag_id = db.session.scalar(select(Tag.id).where(Tag.name == "aurora-one"))
    response = client.post(f"/questions/{question.id}/faq", data={"title": "Error E04 after descaling: what to do",
                                                                  "answer_id": answer.id, "tag": tag_id})
    assert response.status_code == 302
    html = client.get("/faq/aurora-one").get_data(as_text=True)
    assert "Error E04 after descaling: what to do" in html and answer.body_html in html
    assert "In the FAQ" in client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
    # The featured answer is edited: the FAQ keeps the approved text and asks for a review.
    posts.edit_answer(answer.author, answer, "A completely different text about the pump.", "")
    db.session.commit()
    html = client.get("/faq/aurora-one").get_data(as_text=True)
    assert "completely different" not in html
    entry = db.session.scalar(select(FaqEntry))
    assert entry.needs_review_at is not None
    assert "The featured answer was edited" in client.get("/moderation?tab=review").get_data(as_text=True)
    client.post(f"/faq/{entry.id}/approve")
    assert "completely different" in client.get("/faq").get_data(as_text=True)
    client.post(f"/faq/{entry.id}/demote")
    assert db.session.scalar(select(FaqEntry)) is None


def test_faq_reorder(client, make_user, make_question, make_answer, auth):
    entries = []
    make_user("marta", role="moderator")
    for n in range(2):
        asker = make_user(f"asker{n}")
        question = make_question(asker, title=f"Question number {n} about descaling")
        answer = make_answer(make_user(f"helper{n}"), question)
        posts.accept_answer(asker, answer)
        db.session.commit()
        entries.append((question, answer))
    auth.login("marta")
    tag_id = db.session.scalar(select(Tag.id).where(Tag.name == "aurora-one"))
    for n, (question, answer) in enumerate(entries):
        client.post(f"/questions/{question.id}/faq", data={"title": f"FAQ entry number {n}", "answer_id": answer.id,
                                                           "tag": tag_id})
    html = client.get("/faq").get_data(as_text=True)
    assert html.index("FAQ entry number 0") < html.index("FAQ entry number 1")
    second = db.session.scalar(select(FaqEntry).where(FaqEntry.title == "FAQ entry number 1"))
    client.post(f"/faq/{second.id}/move", data={"direction": "up"})
    html = client.get("/faq").get_data(as_text=True)
    assert html.index("FAQ entry number 1") < html.index("FAQ entry number 0")


def test_waiting_tab_classifies_by_age_and_puts_escalated_first(app, make_user, make_question):
    now = datetime.now(UTC)
    ages = {"fresh": 2, "half": 13, "late": 30}
    for name, hours in ages.items():
        with clock.frozen(now - timedelta(hours=hours)):
            make_question(make_user(name), title=f"Question asked {name} and still waiting")
    rows = queue.waiting(now)
    assert [r.question.author.username for r in rows] == ["late", "half", "fresh"]
    assert [r.urgency for r in rows] == ["red", "amber", "green"]
    assert [r.escalated for r in rows] == [True, False, False]
    assert queue.counts(now)["waiting"] == 3


def test_unresolved_after_three_days(app, make_user, make_question, make_answer):
    now = datetime.now(UTC)
    with clock.frozen(now - timedelta(days=4)):
        old = make_question(make_user("old"), title="Old question with an answer")
        make_answer(make_user("helper"), old)
    recent = make_question(make_user("recent"), title="Recent question with an answer")
    make_answer(make_user("helper2"), recent)
    assert [r.question.id for r in queue.unresolved(now)] == [old.id]


def test_unhappy_and_personal_data_detected_on_save(client, make_user, make_question, auth):
    make_user("giulia")
    auth.login("giulia")
    response = client.post("/questions/ask", data={
        "title": "Che vergogna, la macchina è già rotta: rivoglio i miei soldi",
        "body": "Scrivetemi a giulia@example.com oppure al +39 347 123 4567.", "tags": "aurora-one"})
    assert response.status_code == 400 and "an e-mail address" in response.get_data(as_text=True)
    assert "giulia@example.com" in response.get_data(as_text=True)  # the text is kept
    client.post("/questions/ask", data={
        "title": "Che vergogna, la macchina è già rotta: rivoglio i miei soldi",
        "body": "Scrivetemi a giulia@example.com oppure al +39 347 123 4567.", "tags": "aurora-one",
        "allow_personal_data": "y"})
    auth.logout()
    make_user("marta", role="moderator")
    auth.login("marta")
    html = client.get("/moderation?tab=unhappy").get_data(as_text=True)
    assert "rivoglio i miei soldi" in html
    html = client.get("/moderation?tab=personal").get_data(as_text=True)
    assert "email" in html
    from app.models import Question

    question = db.session.scalar(select(Question))
    client.post(f"/posts/{question.id}/redact")
    assert "giulia@example.com" not in db.session.get(Question, question.id).body_markdown
    assert "Nothing here right now" in client.get("/moderation?tab=personal").get_data(as_text=True)


def test_asker_says_still_not_working_after_acceptance(client, solved, make_user, auth):
    question, answer = solved
    auth.login("asker")
    client.post(f"/posts/{answer.id}/comments", data={"body": "Purtroppo non funziona ancora."})
    auth.logout()
    make_user("marta", role="moderator")
    auth.login("marta")
    assert "Still not solved" in client.get("/moderation?tab=unhappy").get_data(as_text=True)
    assert question.title in client.get("/moderation?tab=unresolved").get_data(as_text=True)


def test_queue_badge_in_moderator_navigation(client, make_user, make_question, auth):
    make_question(make_user())
    make_user("marta", role="moderator")
    auth.login("marta")
    html = client.get("/questions").get_data(as_text=True)
    assert "Care queue" in html and 'class="tab-count has-items">1<' in html
