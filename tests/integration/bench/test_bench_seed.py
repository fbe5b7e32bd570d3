"""`flask bench seed`: the benchmark's community has the shape the benchmark relies on, and its derived
state (counters, reputation, badges, search) is what the project's own rebuilds give."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock, markup
from app.extensions import db
from app.models import Answer, BadgeAward, Comment, Post, Question, Tag, User, Vote, question_tags
from app.questions import counters
from app.reputation import ledger


def count(what, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(what).where(*where))


@pytest.fixture
def seeded(app):
    result = app.test_cli_runner().invoke(args=["bench", "seed", "--questions", "200"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    return result.output


def test_seed_makes_a_community_of_the_requested_size(seeded):
    assert count(Question) == 200
    answers = count(Answer)
    assert 400 <= answers <= 800  # 3 a question on average
    per_question = db.session.scalars(select(Question.answer_count)).all()
    assert min(per_question) == 0 and max(per_question) <= 30
    assert 1_600 <= count(Vote) <= 2_400  # 10 a question on average
    assert count(User) == 50 and count(User, User.role == "moderator") == 5 and count(User, User.role == "admin") == 1
    assert count(Comment) > 0 and count(Tag) == 20
    assert count(Question, Question.accepted_answer_id.is_not(None)) > 40
    assert count(Answer, Answer.official_at.is_not(None)) > 0
    assert {"en", "it"} == set(db.session.scalars(select(Post.language).distinct()))
    oldest, newest = db.session.execute(select(func.min(Question.created_at), func.max(Question.created_at))).one()
    assert newest - oldest > timedelta(days=2 * 365) and newest <= clock.now()
    assert "200 questions" in seeded and "flask reputation recompute" in seeded and "flask search reindex" in seeded


def test_every_question_is_tagged_and_every_row_points_at_something_real(seeded):
    untagged = select(Question.id).where(~Question.id.in_(select(question_tags.c.question_id)))
    assert db.session.scalars(untagged).all() == []
    assert count(Vote, ~Vote.post_id.in_(select(Post.id))) == 0
    assert count(Vote, ~Vote.user_id.in_(select(User.id))) == 0
    assert count(Comment, ~Comment.post_id.in_(select(Post.id))) == 0
    assert count(Answer, ~Answer.parent_id.in_(select(Post.id))) == 0
    self_votes = select(func.count()).select_from(Vote).join(Post, Post.id == Vote.post_id).where(
        Post.author_id == Vote.user_id)
    assert db.session.scalar(self_votes) == 0
    accepted = db.session.execute(select(Question.id, Question.accepted_answer_id)
                                  .where(Question.accepted_answer_id.is_not(None))).all()
    parents = dict(db.session.execute(select(Answer.id, Answer.parent_id)).all())
    assert all(parents[answer_id] == question_id for question_id, answer_id in accepted)


def test_derived_state_is_what_the_rebuilds_give(seeded):
    assert ledger.recompute(check=True) == []
    assert counters.find_drift() == []
    assert count(BadgeAward) > 0
    top = db.session.scalar(select(User).order_by(User.reputation.desc()))
    assert top.reputation > 1


def test_bodies_are_rendered_as_the_app_renders_them(seeded):
    for post in db.session.scalars(select(Post).order_by(Post.id).limit(40)):
        assert post.body_html == markup.render_post(post.body_markdown)
    for comment in db.session.scalars(select(Comment).order_by(Comment.id).limit(20)):
        assert comment.body_html == markup.render_comment(comment.body_markdown)


def test_seeded_pages_and_search_work(seeded, client):
    question = db.session.scalar(select(Question).where(Question.answer_count > 0).order_by(Question.id))
    page = client.get(f"/questions/{question.id}/{question.slug}")
    assert page.status_code == 200 and question.title in page.get_data(as_text=True)
    word = question.title.split()[0]
    assert client.get(f"/search?q={word}").status_code == 200


def test_seed_refuses_a_database_with_people_in_it(app, make_user):
    make_user("giulia")
    result = app.test_cli_runner().invoke(args=["bench", "seed", "--questions", "10"])
    assert result.exit_code != 0 and "not empty" in result.output
    assert count(Question) == 0
