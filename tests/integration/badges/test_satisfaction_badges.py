"""Badges for answers their askers confirmed solved the problem: Solved It, Fixer and Troubleshooter at 1, 10 and 50
confirmed accepted answers, earned when the asker says Yes (or accepts the answer a Yes was about), shown on /badges
in both languages."""

import pytest
from sqlalchemy import func, select

from app.badges import awards
from app.extensions import db
from app.models import BadgeAward, SatisfactionSurvey
from app.questions import official_answers
from app.questions import operations as posts
from app.reputation import privileges
from app.satisfaction import operations as satisfaction

LINE = ("solved-it", "fixer", "troubleshooter")


@pytest.fixture
def app_config(tmp_path):
    return {"MAIL_DIR": str(tmp_path / "mail"), "MAIL_SEND_AFTER_COMMIT": False}


def line_held(user) -> set[str]:
    return set(db.session.scalars(select(BadgeAward.badge).where(BadgeAward.user_id == user.id,
                                                                 BadgeAward.badge.in_(LINE))))


def confirmed(asker, helper, make_question, make_answer, outcome="yes", n=1):
    """n questions by the asker, each answered by the helper, accepted and answered on the survey."""
    for _ in range(n):
        question = make_question(asker)
        answer = make_answer(helper, question)
        posts.accept_answer(asker, answer)
        survey = db.session.scalar(select(SatisfactionSurvey).where(SatisfactionSurvey.question_id == question.id))
        satisfaction.answer_survey(asker, survey, outcome)
    db.session.commit()


@pytest.fixture
def people(make_user):
    with privileges.replaying_history():
        yield make_user("olivia"), make_user("hugo")


def test_solved_it_on_the_first_yes_and_not_on_partly_or_no(people, make_question, make_answer):
    asker, helper = people
    confirmed(asker, helper, make_question, make_answer, "partly")
    confirmed(asker, helper, make_question, make_answer, "no")
    assert line_held(helper) == set()
    confirmed(asker, helper, make_question, make_answer, "yes")
    assert line_held(helper) == {"solved-it"}


def test_fixer_at_ten_and_troubleshooter_at_fifty(people, make_question, make_answer):
    asker, helper = people
    confirmed(asker, helper, make_question, make_answer, n=9)
    assert line_held(helper) == {"solved-it"}
    confirmed(asker, helper, make_question, make_answer)
    assert line_held(helper) == {"solved-it", "fixer"}
    confirmed(asker, helper, make_question, make_answer, n=39)
    assert line_held(helper) == {"solved-it", "fixer"}
    confirmed(asker, helper, make_question, make_answer)
    assert line_held(helper) == set(LINE)
    counts = db.session.execute(select(BadgeAward.badge, func.count()).where(BadgeAward.badge.in_(LINE))
                                .group_by(BadgeAward.badge)).all()
    assert dict(counts) == dict.fromkeys(LINE, 1)
    db.session.refresh(helper)
    assert helper.gold_badges >= 1 and helper.silver_badges >= 1


def test_a_yes_about_an_official_answer_counts_once_it_is_accepted(people, make_user, make_question, make_answer):
    asker, helper = people
    question = make_question(asker)
    answer = make_answer(helper, question)
    official_answers.mark_official(make_user("marta", role="moderator"), answer)
    survey = db.session.scalar(select(SatisfactionSurvey))
    satisfaction.answer_survey(asker, survey, "yes")
    db.session.commit()
    assert line_held(helper) == set()
    posts.accept_answer(asker, answer)
    db.session.commit()
    assert line_held(helper) == {"solved-it"}


def test_the_askers_own_answer_earns_none(people, make_question, make_answer):
    asker, _helper = people
    confirmed(asker, asker, make_question, make_answer)
    assert line_held(asker) == set()


def test_backfill_awards_the_same(people, make_question, make_answer):
    asker, helper = people
    confirmed(asker, helper, make_question, make_answer)
    db.session.execute(BadgeAward.__table__.delete())
    db.session.commit()
    awards.backfill()
    db.session.commit()
    assert line_held(helper) == {"solved-it"}


@pytest.mark.parametrize(("language", "name", "description"), [
    ("en", "Solved It", "An asker confirmed that your accepted answer solved their problem."),
    ("it", "Risolto!", "Chi ha chiesto ha confermato che la tua risposta accettata ha risolto il problema."),
])
def test_the_badges_page_lists_the_line(client, language, name, description):
    html = client.get("/badges", headers={"Accept-Language": language}).get_data(as_text=True)
    assert name in html and description in html
    page = client.get("/badges/troubleshooter", headers={"Accept-Language": language})
    assert page.status_code == 200
