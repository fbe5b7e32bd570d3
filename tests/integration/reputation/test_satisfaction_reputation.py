"""The asker's Yes, "it solved my problem", on the accepted answer is worth a bonus to its author through the
ledger: given from the page or the e-mail's link, taken back by a changed answer, a moved or removed acceptance and
a deletion, given back by a restore; never for an answer only marked official, nor for the asker's own answer."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import OutgoingMail, ReputationEvent, SatisfactionSurvey
from app.questions import official_answers
from app.questions import operations as posts
from app.reputation import ledger
from app.satisfaction import operations as satisfaction
from tests.integration.rendered_forms import rendered_form

BONUS = 5  # points.DEFAULT_POINTS["answer_confirmed_solved"]
ACCEPTED = 15


@pytest.fixture
def app_config(tmp_path):
    return {"MAIL_DIR": str(tmp_path / "mail"), "MAIL_SEND_AFTER_COMMIT": False,
            "SITE_URL": "https://community.example"}


@pytest.fixture
def thread(make_user, make_question, make_answer):
    asker, helper = make_user("olivia"), make_user("hugo")
    question = make_question(asker)
    return question, make_answer(helper, question)


def accept(question, answer, accepted=True):
    posts.accept_answer(question.author, answer, accepted)
    db.session.commit()


def answer_survey(question, outcome):
    survey = db.session.scalar(select(SatisfactionSurvey).where(SatisfactionSurvey.question_id == question.id))
    satisfaction.answer_survey(question.author, survey, outcome)
    db.session.commit()


def reputation(user) -> int:
    db.session.refresh(user)
    return user.reputation


def bonus_rows(user) -> list[tuple[int, str | None]]:
    events = select(ReputationEvent).where(ReputationEvent.user_id == user.id,
                                           ReputationEvent.reason == "answer_confirmed_solved")
    return [(e.delta, e.cause) for e in db.session.scalars(events.order_by(ReputationEvent.id))]


def test_a_yes_clicked_on_the_page_earns_the_accepted_answers_author_the_bonus(client, auth, thread):
    question, answer = thread
    accept(question, answer)
    auth.login("olivia")
    page = client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
    rendered_form(page, "/satisfaction").submit(client, "", {"outcome": "yes"})
    assert reputation(answer.author) == 1 + ACCEPTED + BONUS
    assert bonus_rows(answer.author) == [(BONUS, None)]
    assert ledger.recompute(check=True) == []
    profile = client.get(f"/users/{answer.author.id}/{answer.author.username}?tab=reputation").get_data(as_text=True)
    assert "the asker confirmed the accepted answer solved their problem" in profile


def test_a_yes_from_the_emails_link_earns_it_too(client, thread):
    question, answer = thread
    accept(question, answer)
    mail = db.session.scalar(select(OutgoingMail).where(OutgoingMail.kind == "satisfaction.survey"))
    path = re.search(r"https://community\.example(/satisfaction/[^/\s]+/yes)", mail.text_body).group(1)
    assert client.get(path).status_code == 200
    assert reputation(answer.author) == 1 + ACCEPTED + BONUS


@pytest.mark.parametrize("outcome", ["partly", "no"])
def test_changing_the_answer_from_yes_takes_the_bonus_back_and_yes_again_gives_it(thread, outcome):
    question, answer = thread
    accept(question, answer)
    answer_survey(question, "yes")
    answer_survey(question, outcome)
    assert reputation(answer.author) == 1 + ACCEPTED
    answer_survey(question, "yes")
    assert reputation(answer.author) == 1 + ACCEPTED + BONUS
    assert bonus_rows(answer.author) == [(BONUS, None), (-BONUS, "survey_changed"), (BONUS, "survey_changed")]
    assert ledger.recompute(check=True) == []


def test_a_partly_or_no_earns_nothing(thread):
    question, answer = thread
    accept(question, answer)
    answer_survey(question, "no")
    assert reputation(answer.author) == 1 + ACCEPTED and bonus_rows(answer.author) == []


def test_removing_or_moving_the_acceptance_takes_the_bonus_back(thread, make_user, make_answer):
    question, answer = thread
    accept(question, answer)
    answer_survey(question, "yes")
    accept(question, answer, accepted=False)
    assert reputation(answer.author) == 1
    accept(question, answer)
    assert reputation(answer.author) == 1 + ACCEPTED + BONUS
    other = make_answer(make_user("ines"), question)
    accept(question, other)  # the Yes was about the first answer: the second's author does not get it
    assert reputation(answer.author) == 1 and reputation(other.author) == 1 + ACCEPTED
    assert ledger.recompute(check=True) == []


def test_deleting_the_question_takes_the_bonus_back_and_restoring_gives_it_back(thread, make_user):
    question, answer = thread
    accept(question, answer)
    answer_survey(question, "yes")
    moderator = make_user("marta", role="moderator")
    posts.delete_post(moderator, question)
    db.session.commit()
    assert reputation(answer.author) == 1
    posts.undelete_post(moderator, question)
    db.session.commit()
    assert reputation(answer.author) == 1 + ACCEPTED + BONUS
    assert ledger.recompute(check=True) == []


def test_deleting_the_answer_takes_the_bonus_back_with_its_acceptance(thread, make_user):
    question, answer = thread
    accept(question, answer)
    answer_survey(question, "yes")
    moderator = make_user("marta", role="moderator")
    posts.delete_post(moderator, answer)
    db.session.commit()
    assert reputation(answer.author) == 1
    posts.undelete_post(moderator, answer)  # a deleted answer lost its acceptance, and the Yes was about that
    db.session.commit()
    assert reputation(answer.author) == 1 and bonus_rows(answer.author) == [(BONUS, None), (-BONUS, "post_deleted")]
    assert ledger.recompute(check=True) == []


def test_a_yes_about_an_answer_only_marked_official_earns_no_bonus(thread, make_user):
    question, answer = thread
    official_answers.mark_official(make_user("marta", role="moderator"), answer)
    db.session.commit()
    before = reputation(answer.author)
    answer_survey(question, "yes")
    assert reputation(answer.author) == before and bonus_rows(answer.author) == []
    accept(question, answer)  # accepted later: the Yes now confirms the accepted answer
    assert bonus_rows(answer.author) == [(BONUS, None)]
    assert ledger.recompute(check=True) == []


def test_the_askers_own_answer_earns_no_bonus(make_user, make_question, make_answer):
    asker = make_user("olivia")
    question = make_question(asker)
    own = make_answer(asker, question)
    accept(question, own)
    answer_survey(question, "yes")
    assert reputation(asker) == 1 and bonus_rows(asker) == []


def test_a_recount_from_an_empty_ledger_writes_the_bonus(thread):
    question, answer = thread
    accept(question, answer)
    answer_survey(question, "yes")
    db.session.execute(ReputationEvent.__table__.delete())
    ledger.recompute()
    db.session.commit()
    assert reputation(answer.author) == 1 + ACCEPTED + BONUS
    assert [d for d, _ in bonus_rows(answer.author)] == [BONUS]


def test_the_privileges_page_explains_the_bonus_with_the_configured_points(client, app):
    html = client.get("/help/privileges").get_data(as_text=True)
    assert "when the asker confirms that your accepted answer solved their problem (+5)" in html
    app.config["REPUTATION_POINTS"] = {"answer_confirmed_solved": 3}
    html = client.get("/help/privileges", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "quando chi ha chiesto conferma che la tua risposta accettata ha risolto il problema (+3)" in html
