"""Badges: thresholds, awarded once where once is the rule, backfill equals incremental, pages."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.badges import awards
from app.extensions import db
from app.models import BadgeAward, User
from app.questions import operations as posts
from app.reputation import privileges
from app.votes import operations as votes


def held(user) -> dict[str, int]:
    rows = db.session.execute(select(BadgeAward.badge, func.count()).where(BadgeAward.user_id == user.id)
                              .group_by(BadgeAward.badge))
    return dict(rows.all())


@pytest.fixture
def replay():
    with privileges.replaying_history():
        yield


def test_helper_on_first_accepted_answer_and_scholar_for_the_asker(make_user, make_question, make_answer):
    asker, helper = make_user("asker"), make_user("helper")
    answer = make_answer(helper, make_question(asker))
    assert "helper" not in held(helper)
    posts.accept_answer(asker, answer)
    db.session.commit()
    assert held(helper) == {"helper": 1, "rapid-responder": 1}  # also first to answer, within the hour
    assert held(asker)["scholar"] == 1
    assert db.session.get(User, helper.id).bronze_badges == 2


def test_accepting_your_own_answer_is_not_helper(make_user, make_question, make_answer):
    asker = make_user("asker")
    posts.accept_answer(asker, make_answer(asker, make_question(asker)))
    db.session.commit()
    assert "helper" not in held(asker) and "scholar" not in held(asker)


def test_nice_answer_at_ten_once_per_post(replay, make_user, make_question, make_answer):
    author = make_user("author")
    answer = make_answer(author, make_question(make_user("asker")))
    voters = [make_user(f"voter{n}") for n in range(11)]
    for voter in voters[:9]:
        votes.cast_vote(voter, answer, 1)
    db.session.commit()
    assert "nice-answer" not in held(author) and held(author)["teacher"] == 1
    votes.cast_vote(voters[9], answer, 1)
    votes.cast_vote(voters[10], answer, 1)
    db.session.commit()
    assert held(author)["nice-answer"] == 1
    assert held(voters[0])["supporter"] == 1


def test_critic_on_first_downvote(replay, make_user, make_question):
    voter = make_user("voter")
    votes.cast_vote(voter, make_question(make_user()), -1)
    db.session.commit()
    assert held(voter) == {"critic": 1}


def test_rapid_responder_needs_first_answer_within_an_hour_and_acceptance(replay, make_user, make_question,
                                                                          make_answer):
    asker, quick, slow = make_user("asker"), make_user("quick"), make_user("slow")
    start = datetime.now(UTC) - timedelta(days=1)
    with clock.frozen(start):
        question = make_question(asker)
    with clock.frozen(start + timedelta(minutes=59)):
        first = make_answer(quick, question)
    with clock.frozen(start + timedelta(minutes=90)):
        second = make_answer(slow, question)
    posts.accept_answer(asker, second)
    db.session.commit()
    assert "rapid-responder" not in held(slow)  # accepted, but neither first nor within the hour
    posts.accept_answer(asker, first)
    db.session.commit()
    assert held(quick)["rapid-responder"] == 1


def test_product_expert_per_tag_at_five(replay, make_user, make_question, make_answer):
    expert = make_user("expert")
    for n in range(5):
        asker = make_user(f"asker{n}")
        question = make_question(asker, title=f"Question number {n} about descaling", tag_names="descaling")
        posts.accept_answer(asker, make_answer(expert, question))
        db.session.commit()
        assert ("product-expert-bronze" in held(expert)) == (n == 4)
    award = db.session.scalar(select(BadgeAward).where(BadgeAward.badge == "product-expert-bronze"))
    assert award.award_key.startswith("tag:") and award.tag_id is not None


def test_editor_commentator_autobiographer(replay, make_user, make_question):
    user = make_user("writer")
    question = make_question(user)
    posts.edit_question(user, question, question.title, question.body_markdown + " More.", "aurora-one", "")
    for n in range(10):
        posts.add_comment(user, question, f"Update number {n}.")
    from app.accounts.operations import update_profile

    update_profile(user, "Writer W.", "I fix espresso machines.", None)
    db.session.commit()
    assert {"editor", "commentator", "autobiographer"} <= set(held(user))


def test_backfill_equals_incremental_and_is_idempotent(app, replay, make_user, make_question, make_answer):
    asker, helper, voter = make_user("asker"), make_user("helper"), make_user("voter")
    answer = make_answer(helper, make_question(asker))
    votes.cast_vote(voter, answer, 1)
    posts.accept_answer(asker, answer)
    db.session.commit()
    incremental = set(db.session.execute(select(BadgeAward.user_id, BadgeAward.badge, BadgeAward.award_key)))
    db.session.execute(BadgeAward.__table__.delete())
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["badges", "backfill"])
    assert result.exit_code == 0 and f"{len(incremental)} badges awarded" in result.output
    assert set(db.session.execute(select(BadgeAward.user_id, BadgeAward.badge, BadgeAward.award_key))) == incremental
    assert "0 badges awarded" in runner.invoke(args=["badges", "backfill"]).output
    db.session.expire_all()
    assert db.session.get(User, helper.id).bronze_badges == 3  # helper, teacher, rapid responder


def test_once_only_badges_cannot_be_held_twice(make_user):
    user = make_user()
    db.session.add(BadgeAward(user_id=user.id, badge="student", award_key=""))
    db.session.commit()
    assert awards._insert_ignoring_duplicates([{"user_id": user.id, "badge": "student", "award_key": ""}]) == []


def test_new_badge_flashes_once_on_the_next_page(client, make_user, make_question, make_answer, auth):
    asker, helper = make_user("asker"), make_user("helper")
    posts.accept_answer(asker, make_answer(helper, make_question(asker)))
    db.session.commit()
    auth.login("helper")
    first = client.get("/tags").get_data(as_text=True)
    assert "You earned a badge: Helper!" in first
    assert "You earned a badge" not in client.get("/tags").get_data(as_text=True)
    profile = client.get(f"/users/{helper.id}/helper?tab=badges").get_data(as_text=True)
    assert "Helper" in profile


def test_badge_pages(client, make_user, make_question, make_answer):
    asker, helper = make_user("asker"), make_user("helper")
    posts.accept_answer(asker, make_answer(helper, make_question(asker)))
    db.session.commit()
    html = client.get("/badges").get_data(as_text=True)
    assert "Gold badges" in html and "Community Expert" in html and "1 holder" in html
    html = client.get("/badges/helper").get_data(as_text=True)
    assert "helper" in html and "Awarded 1 time" in html
    assert client.get("/badges/nope").status_code == 404
    html = client.get("/questions").get_data(as_text=True)
    assert "bronze badges" in html  # compact counts next to names
