"""The askers' survey, "Did this solve your problem?": asked when an answer is accepted or marked official, on
the question page (its asker alone) and by e-mail with signed, single-use, expiring links; once more later;
changeable for 7 days with the history kept; No or a low rating in the Unhappy tab, Partly "still not solved"."""

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import MailPreference, OutgoingMail, PostSignal, SatisfactionResponse, SatisfactionSurvey
from app.questions import official_answers
from app.questions import operations as posts
from app.satisfaction import operations as satisfaction
from tests.integration.rendered_forms import rendered_form

PANEL = 'id="satisfaction"'


@pytest.fixture
def app_config(tmp_path):
    return {"MAIL_DIR": str(tmp_path / "mail"), "MAIL_SEND_AFTER_COMMIT": False,
            "SITE_URL": "https://community.example"}


@pytest.fixture
def thread(make_user, make_question, make_answer):
    asker, helper = make_user("olivia"), make_user("hugo")
    question = make_question(asker)
    return question, make_answer(helper, question)


def survey_mails(user) -> list[OutgoingMail]:
    return list(db.session.scalars(select(OutgoingMail).where(OutgoingMail.user_id == user.id,
                                                              OutgoingMail.kind == "satisfaction.survey")
                                   .order_by(OutgoingMail.id)))


def links_in(mail: OutgoingMail) -> dict[str, str]:
    """The e-mail's answer links, by answer, as paths of this site."""
    found = re.findall(r"https://community\.example(/satisfaction/[^/\s]+/(yes|partly|no))", mail.text_body)
    return {outcome: path for path, outcome in found}


def page(client, question) -> str:
    return client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)


def accept(question, answer):
    posts.accept_answer(question.author, answer)
    db.session.commit()


def survey_of(question) -> SatisfactionSurvey:
    return db.session.scalar(select(SatisfactionSurvey).where(SatisfactionSurvey.question_id == question.id))


def open_signals(question, kind):
    return list(db.session.scalars(select(PostSignal).where(PostSignal.post_id == question.id,
                                                            PostSignal.kind == kind,
                                                            PostSignal.dismissed_at.is_(None))))


# Asked: when, whom, where


def test_nobody_is_asked_before_an_answer_is_accepted_or_marked_official(client, auth, thread):
    question, _answer = thread
    auth.login("olivia")
    assert PANEL not in page(client, question)
    assert survey_mails(question.author) == []


def test_accepting_asks_the_asker_on_the_page_and_by_email_once(client, auth, thread, make_user):
    question, answer = thread
    accept(question, answer)
    accept(question, answer)  # again: nothing more
    posts.accept_answer(question.author, answer, accept=False)
    db.session.commit()
    accept(question, answer)
    assert len(survey_mails(question.author)) == 1
    mail = survey_mails(question.author)[0]
    assert mail.subject == f"Did this solve your problem? {question.title}"
    assert set(links_in(mail)) == {"yes", "partly", "no"} and "Unsubscribe" in mail.text_body
    auth.login("olivia")
    shown = page(client, question)
    assert PANEL in shown and "Only you see this." in shown
    for other in ("hugo", None):  # the answerer, a visitor: nothing of it
        auth.logout()
        if other:
            auth.login(other)
        assert PANEL not in page(client, question)


def test_marking_official_asks_the_asker(client, auth, thread, make_user):
    question, answer = thread
    official_answers.mark_official(make_user("marta", role="moderator"), answer)
    db.session.commit()
    assert survey_of(question).answer_id == answer.id and len(survey_mails(question.author)) == 1


def test_the_email_is_in_the_askers_language(thread):
    question, answer = thread
    question.author.locale = "it"
    accept(question, answer)
    mail = survey_mails(question.author)[0]
    assert mail.subject.startswith("Questo ha risolto il tuo problema?")
    assert "Sì" in mail.html_body and "In parte" in mail.html_body


def test_no_email_when_the_asker_turned_reminders_off(thread):
    question, answer = thread
    db.session.add(MailPreference(user_id=question.author_id, kind="reminder", mode="off"))
    db.session.commit()
    accept(question, answer)
    assert survey_of(question) is not None and survey_mails(question.author) == []


# On the page


def test_the_asker_answers_on_the_page_then_rates_and_comments(client, auth, thread):
    question, answer = thread
    accept(question, answer)
    auth.login("olivia")
    form = rendered_form(page(client, question), "/satisfaction")
    response = form.submit(client, "", {"outcome": "yes"})
    assert response.status_code == 302 and response.location.endswith("#satisfaction")
    shown = page(client, question)
    assert "Thank you: your answer was saved." in shown and "Your answer: Yes." in shown
    form = rendered_form(shown, "/satisfaction")
    assert form.fields["outcome"] == "yes"
    form.submit(client, "", {"rating": "4", "comment": "Quick & clear <thanks>"})
    survey = survey_of(question)
    assert (survey.outcome, survey.rating, survey.comment) == ("yes", 4, "Quick & clear <thanks>")
    shown = page(client, question)
    assert "Rating: 4 of 5." in shown and "Quick &amp; clear &lt;thanks&gt;" in shown
    history = db.session.scalars(select(SatisfactionResponse).order_by(SatisfactionResponse.id)).all()
    assert [(r.outcome, r.rating, r.via) for r in history] == [("yes", None, "page"), ("yes", 4, "page")]


def test_only_the_asker_can_answer(client, auth, thread):
    question, answer = thread
    accept(question, answer)
    auth.login("olivia")
    form = rendered_form(page(client, question), "/satisfaction")
    auth.logout()
    auth.login("hugo")
    response = form.submit(client, "", {"outcome": "yes", "csrf_token": _token(client, question)})
    assert response.status_code == 404 and survey_of(question).outcome is None


def _token(client, question) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page(client, question))[1]


@pytest.mark.parametrize("typed, message", [
    ({"outcome": "maybe"}, "Choose Yes, Partly or No."),
    ({"outcome": "yes", "rating": "9"}, "Choose a rating from 1 to 5."),
    ({"outcome": "yes", "comment": "x" * 1001}, "Use at most 1000 characters."),
])
def test_bad_answers_are_refused_with_a_clear_message_and_nothing_kept(client, auth, thread, typed, message):
    question, answer = thread
    accept(question, answer)
    auth.login("olivia")
    form = rendered_form(page(client, question), "/satisfaction")
    form.submit(client, "", typed)
    assert message in page(client, question)
    assert survey_of(question).outcome is None and db.session.scalar(select(SatisfactionResponse.id)) is None


def test_the_answer_can_be_changed_for_seven_days_and_the_history_is_kept(client, auth, thread):
    question, answer = thread
    accept(question, answer)
    auth.login("olivia")
    rendered_form(page(client, question), "/satisfaction").submit(client, "", {"outcome": "no"})
    answered = survey_of(question).answered_at
    with clock.frozen(answered + timedelta(days=6, hours=23)):
        rendered_form(page(client, question), "/satisfaction").submit(client, "", {"outcome": "partly"})
    assert survey_of(question).outcome == "partly"
    with clock.frozen(answered + timedelta(days=7, minutes=1)):
        form = rendered_form(page(client, question), "/satisfaction")
        response = form.submit(client, "", {"outcome": "yes"})
        assert response.status_code == 409
        assert "Your answer can be changed for 7 days after you gave it." in response.get_data(as_text=True)
    db.session.expire_all()
    assert survey_of(question).outcome == "partly"
    assert [r.outcome for r in db.session.scalars(select(SatisfactionResponse).order_by(
        SatisfactionResponse.id))] == ["no", "partly"]


# Where an unhappy answer goes


def test_no_or_a_low_rating_puts_the_thread_in_the_unhappy_tab_with_the_comment(client, auth, thread, make_user):
    question, answer = thread
    make_user("marta", role="moderator")
    accept(question, answer)
    survey = survey_of(question)
    satisfaction.answer_survey(question.author, survey, "no", None, "The pump still stops after a minute.")
    db.session.commit()
    auth.login("marta")
    tab = html.unescape(client.get("/moderation?tab=unhappy").get_data(as_text=True))
    assert "Asker not satisfied" in tab and "The pump still stops after a minute." in tab and question.title in tab
    satisfaction.answer_survey(question.author, survey, "yes", 5, "")
    db.session.commit()
    assert open_signals(question, "dissatisfied") == []
    assert "Asker not satisfied" not in client.get("/moderation?tab=unhappy").get_data(as_text=True)
    satisfaction.answer_survey(question.author, survey, "yes", 2, "Slow.")
    db.session.commit()
    assert [s.detail for s in open_signals(question, "dissatisfied")] == ["Slow."]


def test_partly_says_still_not_solved(thread):
    question, answer = thread
    accept(question, answer)
    satisfaction.answer_survey(question.author, survey_of(question), "partly", 3, "Only the first part worked.")
    db.session.commit()
    assert [s.detail for s in open_signals(question, "still_unsolved")] == ["Only the first part worked."]
    assert open_signals(question, "dissatisfied") == []


# By e-mail: signed, single-use, expiring links


def test_one_click_from_the_email_without_logging_in_then_the_rating(client, thread):
    question, answer = thread
    accept(question, answer)
    response = client.get(links_in(survey_mails(question.author)[0])["no"])
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "Thank you: your answer (No) was saved." in text
    assert response.headers["Cache-Control"] == "no-store"
    survey = survey_of(question)
    assert survey.outcome == "no" and open_signals(question, "dissatisfied")
    form = rendered_form(text, "/satisfaction/details")
    assert form.fields["outcome"] == "no"
    response = form.submit(client, "", {"rating": "1", "comment": "Nobody from the brand answered."})
    assert response.status_code == 200 and "The brand team reads every one." in response.get_data(as_text=True)
    db.session.expire_all()
    assert (survey_of(question).rating, survey_of(question).comment) == (1, "Nobody from the brand answered.")
    assert [r.via for r in db.session.scalars(select(SatisfactionResponse))] == ["email", "email"]
    again = form.submit(client, "", {"rating": "5"})  # the form's own token is spent too
    assert again.status_code == 410 and survey_of(question).rating == 1


def test_a_used_link_is_refused_and_changes_nothing(client, thread):
    question, answer = thread
    accept(question, answer)
    links = links_in(survey_mails(question.author)[0])
    assert client.get(links["yes"]).status_code == 200
    response = client.get(links["no"])  # the other links of the same e-mail: spent with it
    assert response.status_code == 410 and "already used" in response.get_data(as_text=True)
    assert survey_of(question).outcome == "yes"


def test_a_tampered_link_is_refused(client, thread):
    question, answer = thread
    accept(question, answer)
    path = links_in(survey_mails(question.author)[0])["yes"]
    token = path.split("/")[2]
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "x" + token, "nonsense"):
        assert client.get(f"/satisfaction/{bad}/yes").status_code == 404
    assert client.get(path.replace("/yes", "/perhaps")).status_code == 404
    assert survey_of(question).outcome is None


def test_an_expired_link_is_refused(client, thread):
    question, answer = thread
    accept(question, answer)
    path = links_in(survey_mails(question.author)[0])["yes"]
    asked = survey_of(question).asked_at
    with clock.frozen(asked + timedelta(days=14, seconds=-5)):
        assert client.get(path.replace("/yes", "/no")).status_code == 200  # in time: a fresh link works
    accept_again = survey_of(question)
    accept_again.outcome = accept_again.answered_at = None
    satisfaction.send_reminders(asked + timedelta(days=1))  # a new e-mail, a new link; the first one spent
    db.session.commit()
    path = links_in(survey_mails(question.author)[-1])["yes"]
    with clock.frozen(asked + timedelta(days=15, minutes=1)):
        response = client.get(path)
    assert response.status_code == 410 and "expired" in response.get_data(as_text=True)


# Once more, later


def test_the_asker_who_has_not_answered_is_asked_once_more_after_the_delay(app, thread):
    question, answer = thread
    accept(question, answer)
    asked = survey_of(question).asked_at
    first = links_in(survey_mails(question.author)[0])["yes"]
    assert satisfaction.send_reminders(asked + timedelta(hours=23)) == 0
    assert satisfaction.send_reminders(asked + timedelta(hours=24)) == 1
    db.session.commit()
    assert satisfaction.send_reminders(asked + timedelta(hours=48)) == 0  # once
    mails = survey_mails(question.author)
    assert len(mails) == 2 and "We asked you earlier and would still like to know." in mails[1].text_body
    client = app.test_client()
    assert client.get(first).status_code == 410  # the first e-mail's links stop working
    assert client.get(links_in(mails[1])["yes"]).status_code == 200


def test_the_command_reminds_and_an_answered_survey_is_not_asked_again(app, thread):
    question, answer = thread
    accept(question, answer)
    satisfaction.answer_survey(question.author, survey_of(question), "yes")
    db.session.commit()
    with clock.frozen(survey_of(question).asked_at + timedelta(days=2)):
        result = app.test_cli_runner().invoke(args=["care", "csat-remind"])
    assert result.exit_code == 0 and "Surveys asked again: 0." in result.output
    assert len(survey_mails(question.author)) == 1


def test_a_refused_follow_up_keeps_what_was_typed_and_its_link(client, thread):
    question, answer = thread
    accept(question, answer)
    text = client.get(links_in(survey_mails(question.author)[0])["partly"]).get_data(as_text=True)
    form = rendered_form(text, "/satisfaction/details")
    refused = form.submit(client, "", {"rating": "9", "comment": "Half of it & <more>"})
    shown = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "Choose a rating from 1 to 5." in shown
    again = rendered_form(shown, "/satisfaction/details")
    assert again.fields["comment"] == "Half of it & <more>" and again.fields["outcome"] == "partly"
    assert again.submit(client, "", {"rating": "3"}).status_code == 200  # its link was not spent by the refusal
    db.session.expire_all()
    assert (survey_of(question).rating, survey_of(question).comment) == (3, "Half of it & <more>")
