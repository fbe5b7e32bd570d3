"""The assistant's index follows the database after every commit, holds only what may be cited, equals a
rebuild, reports drift, and survives a failed write (marks stay for `flask assistant sync`)."""

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from app import clock, pending_marks
from app.assistant import index, retrieval
from app.assistant import passages as passages_builder
from app.extensions import db
from app.models import AssistantPassage, AssistantPending, AssistantStatistics, AssistantTerm, AssistantVocabulary, Post
from app.moderation import operations as moderation
from app.questions import official_answers, operations


@pytest.fixture
def people(make_user):
    return make_user("asker"), make_user("helper"), make_user("care", role="moderator")


def passages() -> set[tuple]:
    db.session.expire_all()
    return {(p.question_id, p.answer_id, p.kind) for p in db.session.scalars(select(AssistantPassage))}


def snapshot() -> tuple:
    """Everything in the index but the impacts (normalised by the average length when each was written)."""
    db.session.expire_all()
    rows = sorted((p.question_id, p.answer_id or 0, p.kind, p.stamp)
                  for p in db.session.scalars(select(AssistantPassage)))
    vocabulary = dict(db.session.execute(select(AssistantVocabulary.term, AssistantVocabulary.passages)
                                         .where(AssistantVocabulary.passages > 0)).all())
    statistics = {s.kind: (s.passages, round(s.total_length, 6))
                  for s in db.session.scalars(select(AssistantStatistics))}
    terms = db.session.scalar(select(db.func.count()).select_from(AssistantTerm))
    return rows, vocabulary, statistics, terms


def ask(asker, title="The steam wand drips after switching off", body="Water keeps dripping from the wand."):
    question = operations.ask_question(asker, title, body, "aurora-one", "en")
    db.session.commit()
    return question


def answer(helper, question, text="Replace the steam wand gasket: a worn gasket drips."):
    posted = operations.post_answer(helper, question, text, "en")
    db.session.commit()
    return posted


def test_only_accepted_and_official_answers_are_passages(app, tags, people):
    asker, helper, care = people
    question = ask(asker)
    first, second = answer(helper, question), answer(helper, question, "Descale it, the wand is blocked by scale.")
    assert passages() == {(question.id, None, "question")}
    operations.accept_answer(asker, first)
    db.session.commit()
    assert passages() == {(question.id, None, "question"), (question.id, first.id, "answer")}
    official_answers.mark_official(care, second)
    operations.accept_answer(asker, first)  # un-accepting takes the answer out
    db.session.commit()
    assert passages() == {(question.id, None, "question"), (question.id, second.id, "answer")}


def test_comments_under_an_answer_are_matched_with_it(app, tags, people):
    asker, helper, _ = people
    question = ask(asker)
    accepted = answer(helper, question)
    operations.accept_answer(asker, accepted)
    operations.add_comment(asker, accepted, "Thanks, the pressostat reset fixed it too.")
    db.session.commit()
    found = retrieval.answers(db.session, retrieval.ask("pressostat"), question_share=0.0)
    assert [m.answer_id for m in found] == [accepted.id]


def test_deleted_and_off_topic_threads_leave_the_index(app, tags, people):
    asker, helper, care = people
    kept, closed = ask(asker), ask(asker, "Off topic: which car should I buy", "A question about cars and engines.")
    accepted = answer(helper, closed, "Any car with a good engine will do, really.")
    operations.accept_answer(asker, accepted)
    db.session.commit()
    assert {p[0] for p in passages()} == {kept.id, closed.id}
    moderation.close_question(care, closed, "off-topic", None)
    db.session.commit()
    assert {p[0] for p in passages()} == {kept.id}
    operations.delete_post(care, kept)
    db.session.commit()
    assert passages() == set()


def test_incremental_equals_rebuild(app, tags, people):
    asker, helper, care = people
    questions = [ask(asker, f"Steam wand question number {n} drips water", f"Body text number {n} about milk.")
                 for n in range(4)]
    for n, question in enumerate(questions):
        posted = answer(helper, question, f"Answer {n}: clean the wand tip and replace the gasket {n} times.")
        operations.accept_answer(asker, posted)
        if n % 2:
            official_answers.mark_official(care, posted)
        db.session.commit()
    operations.edit_question(asker, questions[0], "Steam wand drips even when switched off",
                             "It drips for an hour after the coffee.", "aurora-one", "clearer")
    operations.delete_post(care, questions[1])
    db.session.commit()
    incremental = snapshot()
    assert index.check().found is False
    index.rebuild()
    assert snapshot() == incremental


def test_check_finds_drift_and_sync_repairs_it(app, tags, people):
    asker, helper, _ = people
    question = ask(asker)
    db.session.execute(delete(AssistantTerm))
    db.session.execute(delete(AssistantPassage))
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["assistant", "check", "--repair"])
    assert result.exit_code == 1 and f"1 missing from the index: {question.id}" in result.output
    assert runner.invoke(args=["assistant", "sync"]).exit_code == 0
    assert runner.invoke(args=["assistant", "check"]).exit_code == 0
    assert passages() == {(question.id, None, "question")}


def test_a_failed_write_leaves_the_mark_for_sync(app, tags, people, monkeypatch):
    asker, _, _ = people

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(index, "reindex_questions", broken)
    question = ask(asker)  # the user's commit succeeds all the same
    assert db.session.get(type(question), question.id) is not None
    assert db.session.scalars(select(AssistantPending.question_id)).all() == [question.id]
    monkeypatch.undo()
    assert index.sync() == 1
    assert passages() == {(question.id, None, "question")}
    assert db.session.scalars(select(AssistantPending.question_id)).all() == []


def test_an_official_answer_past_its_review_date_is_not_cited(app, tags, people):
    asker, helper, care = people
    question = ask(asker)
    official = answer(helper, question)
    official_answers.mark_official(care, official)
    db.session.commit()
    query = retrieval.ask("steam wand gasket drips")
    assert [m.answer_id for m in retrieval.answers(db.session, query)] == [official.id]
    with clock.frozen(official.official_review_due_at + timedelta(days=1)):
        assert retrieval.answers(db.session, query) == []


@pytest.mark.postgres_only
def test_a_writer_and_a_users_change_to_the_same_question_never_wait_on_each_other(app, tags, people,
                                                                                     monkeypatch):
    """A user's transaction marks its question (rewriting a mark an earlier change left) before it updates the
    question's row, as an official mark does; the writer clears the marks it read once it has re-indexed. The
    writer used to hold the question's row meanwhile, and the two deadlocked under concurrent moderators."""
    asker, _, _ = people
    question = ask(asker)
    pending_marks.write(db.session.connection(), AssistantPending, {question.id}, "an earlier change's")
    db.session.commit()
    reading, marked, done = threading.Event(), threading.Event(), []
    build = passages_builder.build

    def build_once_the_user_marked(session, ids):
        reading.set()
        marked.wait(10)
        return build(session, ids)

    def writer():
        with app.app_context():
            try:
                index.index_marks({question.id: "an earlier change's"})
                done.append("indexed")
            except Exception as error:  # noqa: BLE001  (the test reports whatever the writer raised)
                done.append(error)

    monkeypatch.setattr(passages_builder, "build", build_once_the_user_marked)
    thread = threading.Thread(target=writer)
    thread.start()
    assert reading.wait(10)
    user = Session(db.engine)
    pending_marks.write(user.connection(), AssistantPending, {question.id}, "the user's")
    marked.set()
    waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
    for _ in range(100):  # until the writer waits for the user's mark (or has finished)
        if thread.is_alive() and not db.session.scalar(text(waiting)):
            time.sleep(0.05)
    user.execute(update(Post).where(Post.id == question.id).values(score=Post.score))
    user.commit()
    thread.join(timeout=10)
    assert done == ["indexed"]
    db.session.expire_all()
    assert db.session.scalars(select(AssistantPending.token)).all() == ["the user's"]  # left for the user's drain
