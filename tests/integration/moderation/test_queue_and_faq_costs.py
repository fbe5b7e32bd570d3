"""The care queue and the FAQ at scale: the question tabs come a page at a time (every waiting customer
reachable), and the flags, review and FAQ pages read their rows' questions and answers in a fixed number of
statements, however many rows they show."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app import clock
from app.extensions import db
from app.faq import operations as faq
from app.models import AssistantHandover, Tag
from app.moderation import operations as moderation
from app.moderation import queue
from app.questions import official_answers
from app.questions import operations as posts
from tests.conftest import statements


def count_statements(client, url: str) -> tuple[int, str]:
    client.get(url)  # the first view may fill caches
    with statements() as seen:
        response = client.get(url)
    assert response.status_code == 200
    return len(seen), response.get_data(as_text=True)


def titles(html: str) -> list[str]:
    return re.findall(r'class="queue-title" href="[^"]+">([^<]+)</a>', html)


def test_the_waiting_tab_pages_oldest_first_and_every_question_is_reachable(client, make_user, make_question,
                                                                              auth):
    asker = make_user("asker")
    start = datetime.now(UTC) - timedelta(days=10)
    total = queue.PER_PAGE + 3
    for n in range(total):
        with clock.frozen(start + timedelta(minutes=n)):
            make_question(asker, title=f"Waiting question number {n:03d} about the pump")
    make_user("marta", role="moderator")
    auth.login("marta")
    first = client.get("/moderation").get_data(as_text=True)
    assert titles(first) == [f"Waiting question number {n:03d} about the pump" for n in range(queue.PER_PAGE)]
    assert f'class="tab-count has-items">{total}<' in first
    assert 'rel="next" href="/moderation?page=2"' in first
    second = client.get("/moderation?tab=waiting&page=2").get_data(as_text=True)
    assert titles(second) == [f"Waiting question number {n:03d} about the pump" for n in range(queue.PER_PAGE, total)]
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert "Nobody is waiting" in client.get("/moderation?tab=unresolved").get_data(as_text=True)


def test_handed_over_questions_lead_the_waiting_tab_and_every_question_is_on_one_page_only(
        client, make_user, make_question, make_answer, auth):
    asker = make_user("asker")
    start = datetime.now(UTC) - timedelta(days=10)
    with clock.frozen(start - timedelta(days=1)):  # handed over, then answered: no longer waiting
        solved = make_question(asker, title="An older handed-over question, answered since")
    make_answer(make_user("helper"), solved)
    questions = []
    for n in range(queue.PER_PAGE + 3):
        with clock.frozen(start + timedelta(minutes=n)):
            questions.append(make_question(asker, title=f"Waiting question number {n:03d} about the pump"))
    handed_over = [questions[-1], questions[20]]
    for question in [solved, *handed_over]:
        db.session.add(AssistantHandover(question_id=question.id, handed_over_at=question.created_at,
                                         outcome="nothing", offered=[]))
    db.session.commit()
    make_user("marta", role="moderator")
    auth.login("marta")
    first = titles(client.get("/moderation").get_data(as_text=True))
    second = titles(client.get("/moderation?tab=waiting&page=2").get_data(as_text=True))
    others = [q.title for q in questions if q not in handed_over]
    assert first == [questions[20].title, questions[-1].title, *others[:queue.PER_PAGE - 2]]
    assert second == others[queue.PER_PAGE - 2:]
    assert solved.title not in first + second


def answered(make_user, make_question, make_answer, n: int):
    asker = make_user(f"asker{n}")
    question = make_question(asker, title=f"Question number {n} about descaling the machine")
    return question, make_answer(make_user(f"helper{n}"), question, body=f"Answer number {n}: run the cycle twice.")


def test_flagged_answers_cost_the_same_statements_for_one_or_many(client, make_user, make_question, make_answer,
                                                                   auth):
    make_user("marta", role="moderator")
    flagger = make_user("flagger", reputation=100)
    pairs = [answered(make_user, make_question, make_answer, n) for n in range(6)]
    moderation.flag_post(flagger, pairs[0][1], "spam", "")
    db.session.commit()
    auth.login("marta")
    one, html = count_statements(client, "/moderation?tab=flags")
    assert "Question number 0 about descaling the machine" in html
    for _question, answer in pairs[1:]:
        moderation.flag_post(flagger, answer, "spam", "")
    db.session.commit()
    many, html = count_statements(client, "/moderation?tab=flags")
    assert all(f"Question number {n} about descaling the machine" in html for n in range(6))
    assert many == one


def test_due_official_reviews_are_listed_with_their_questions_in_fixed_statements(client, make_user,
                                                                                   make_question, make_answer, auth):
    marta = make_user("marta", role="moderator")
    pairs = [answered(make_user, make_question, make_answer, n) for n in range(5)]

    def mark_due(answer):
        official_answers.mark_official(marta, answer, "Checked with the service team")
        answer.official_review_due_at = datetime.now(UTC) - timedelta(days=1)
        db.session.commit()

    mark_due(pairs[0][1])
    official_answers.mark_official(marta, pairs[4][1], "Not due yet")  # due in months: not listed
    db.session.commit()
    auth.login("marta")
    one, html = count_statements(client, "/moderation?tab=review")
    assert "Question number 0 about descaling the machine" in html and "Question number 4" not in html
    for _question, answer in pairs[1:4]:
        mark_due(answer)
    many, html = count_statements(client, "/moderation?tab=review")
    assert all(f"Question number {n} about descaling the machine" in html for n in range(4))
    assert "Question number 4" not in html
    assert 'class="tab-count has-items">4<' in html
    assert many == one


def test_the_faq_costs_the_same_statements_for_one_entry_or_many(client, make_user, make_question, make_answer):
    marta = make_user("marta", role="moderator")
    tag = db.session.scalar(select(Tag).where(Tag.name == "aurora-one"))

    def promote(n):
        question, answer = answered(make_user, make_question, make_answer, n)
        posts.accept_answer(question.author, answer)
        if n % 2:
            official_answers.mark_official(marta, answer)
        faq.save_entry(marta, question, f"FAQ entry number {n}", answer, tag, None)
        db.session.commit()
        return question

    first = promote(0)
    one, html = count_statements(client, "/faq")
    assert "FAQ entry number 0" in html and f'href="/questions/{first.id}/{first.slug}"' in html
    questions = [first] + [promote(n) for n in range(1, 6)]
    many, html = count_statements(client, "/faq")
    assert many == one
    for n, question in enumerate(questions):
        assert f"FAQ entry number {n}" in html and f'href="/questions/{question.id}/{question.slug}"' in html
        assert f"Answer number {n}: run the cycle twice." in html
    assert html.count('class="badge-official"') == 3  # the odd entries' answers are official


def test_the_faq_leaves_out_deleted_and_hidden_questions(client, make_user, make_question, make_answer):
    marta = make_user("marta", role="moderator")
    tag = db.session.scalar(select(Tag).where(Tag.name == "aurora-one"))
    questions = []
    for n in range(3):
        question, answer = answered(make_user, make_question, make_answer, n)
        posts.accept_answer(question.author, answer)
        faq.save_entry(marta, question, f"FAQ entry number {n}", answer, tag, None)
        questions.append(question)
    db.session.commit()
    posts.delete_post(marta, questions[0])
    questions[1].hidden_at = datetime.now(UTC)
    db.session.commit()
    html = client.get("/faq").get_data(as_text=True)
    assert "FAQ entry number 0" not in html and "FAQ entry number 1" not in html and "FAQ entry number 2" in html
    assert "FAQ entry number 2" in client.get("/faq/aurora-one").get_data(as_text=True)
