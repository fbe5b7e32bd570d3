"""The hand-over to people: "Not what I need" opens the ask form filled from what the customer typed (a title
proposed from the first sentence, tags from the matched threads); posting it keeps the assistant's suggestions
with the question, starts the response clock, puts it first in the care queue's Waiting tab with a mark, and
notifies the product's followers as any question."""

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from app import clock
from app.extensions import db
from app.models import AssistantHandover, AssistantSession, Notification, Question, Tag
from app.notifications import operations as notifications
from app.questions import operations
from tests.integration import assistant_world
from tests.integration.page_forms import form_having, form_with

TEXT = ("La lancia vapore della mia Duo gocciola anche dopo aver cambiato la guarnizione. "
        "L'ho cambiata la settimana scorsa e continua.")


@pytest.fixture
def app_config(app_config):
    return {**app_config, **assistant_world.THRESHOLDS}


@pytest.fixture
def threads(app, make_user, tags):
    return assistant_world.build(make_user)


IT = {"Accept-Language": "it"}


def not_what_i_need(client, text=TEXT) -> str:
    """Ask on /help and press "Not what I need"; returns the hand-over link it leads to."""
    form = form_with(client.get("/help", headers=IT).get_data(as_text=True), "/help")
    page = client.post("/help", data=form.filled(text=text), headers=IT).get_data(as_text=True)
    soup = BeautifulSoup(page, "lxml")
    feedback = form_with(page, soup.select_one("form.assistant-feedback")["action"])
    response = client.post(feedback.action, data={**feedback.fields, "feedback": "not_helpful"}, headers=IT)
    assert response.status_code == 302 and "/question?token=" in response.headers["Location"]
    return response.headers["Location"]


def test_not_what_i_need_opens_the_ask_form_filled_after_logging_in(client, auth, threads, make_user):
    link = not_what_i_need(client)
    assert db.session.query(AssistantSession).one().feedback == "not_helpful"
    to_login = client.get(link, headers=IT)
    assert to_login.status_code == 302 and "/login" in to_login.headers["Location"]
    auth.login(make_user("carla", locale="it"))
    page = client.get(link, headers=IT)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    html = page.get_data(as_text=True)
    form = form_having(html, "title")
    assert form.fields["title"] == "La lancia vapore della mia Duo gocciola anche dopo aver cambiato la guarnizione."
    assert form.fields["body"] == TEXT and form.fields["tags"] == "aurora-one"
    soup = BeautifulSoup(html, "lxml")
    offered = [a.get_text() for a in soup.select(".assistant-handover li a")]
    assert offered[0] == assistant_world.THREADS["wand"][0]
    assert "Ti risponderà una persona del team" in soup.select_one(".page-head .lead").get_text()
    assert not soup.find("script", src=re.compile("assistant.js"))  # no look-up: the customer already did that


def test_posting_it_keeps_the_suggestions_and_goes_first_in_the_queue(client, auth, threads, make_user, tags):
    moderator, follower, customer = make_user("marta", role="moderator"), make_user("fede"), make_user("carla")
    notifications.follow_tag(follower, db.session.scalar(db.select(Tag).filter_by(name="aurora-one")))
    older = operations.ask_question(make_user("early"), "The Duo shows error E04 after descaling",
                                    "The red light blinks three times and the pump stops.", "aurora-one", "en")
    older.created_at = clock.now() - timedelta(hours=20)
    db.session.commit()
    link = not_what_i_need(client)
    auth.login(customer)
    form = form_having(client.get(link, headers=IT).get_data(as_text=True), "title")
    response = client.post(link, data=form.filled(), headers=IT)
    assert response.status_code == 302
    question = db.session.scalar(db.select(Question).filter_by(author_id=customer.id))
    assert response.headers["Location"].endswith(f"/questions/{question.id}/{question.slug}")
    shown = client.get(response.headers["Location"], headers=IT).get_data(as_text=True)
    assert "una persona del team" in shown and "Riceverai una notifica" in shown  # told plainly
    handover = db.session.get(AssistantHandover, question.id)
    assert handover.handed_over_at == question.created_at  # the 24 h clock starts at the hand-over
    assert handover.offered[0] == [threads["wand"].id, threads["wand"].accepted_answer_id]
    session = db.session.query(AssistantSession).one()
    assert session.question_id == question.id and session.user_id == customer.id
    assert db.session.query(Notification).filter_by(user_id=follower.id, question_id=question.id).count() == 1

    auth.logout()
    auth.login(moderator)
    queue = BeautifulSoup(client.get("/moderation?tab=waiting").get_data(as_text=True), "lxml")
    rows = queue.select(".queue-main")
    assert rows[0].select_one(".queue-title").get_text() == question.title
    assert rows[0].select_one(".handover-mark").get_text() == "Handed over by the assistant"
    assert [a.get_text() for a in rows[0].select(".handover-offered a")][0] == assistant_world.THREADS["wand"][0]
    assert rows[1].select_one(".queue-title").get_text() == older.title and not rows[1].select(".handover-mark")
    page = BeautifulSoup(client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True), "lxml")
    assert page.select_one(".handover-notice .handover-offered a").get_text() == assistant_world.THREADS["wand"][0]


def test_members_never_see_what_the_assistant_offered(client, auth, threads, make_user):
    link = not_what_i_need(client)
    auth.login(make_user("carla"))
    form = form_having(client.get(link).get_data(as_text=True), "title")
    question_url = client.post(link, data=form.filled()).headers["Location"]
    auth.logout()
    auth.login(make_user("other"))
    assert "handover" not in client.get(question_url).get_data(as_text=True)


def test_a_hand_over_is_posted_once_and_a_changed_link_is_refused(client, auth, threads, make_user):
    link = not_what_i_need(client)
    auth.login(make_user("carla"))
    form = form_having(client.get(link).get_data(as_text=True), "title")
    first = client.post(link, data=form.filled())
    again = client.post(link, data=form.filled())
    assert again.status_code == 302 and again.headers["Location"].startswith("/posts/")
    assert db.session.query(Question).filter_by(title=form.fields["title"]).count() == 1 and first.status_code == 302
    assert client.get(link[:-3] + "xyz").status_code == 404


def test_a_refused_question_keeps_what_was_typed(client, auth, threads, make_user):
    link = not_what_i_need(client)
    auth.login(make_user("carla"))
    form = form_having(client.get(link, headers=IT).get_data(as_text=True), "title")
    response = client.post(link, data=form.filled(tags=""), headers=IT)
    assert response.status_code == 400
    again = form_having(response.get_data(as_text=True), "title")
    assert again.fields["body"] == TEXT and again.fields["title"] == form.fields["title"]
    assert db.session.query(AssistantHandover).count() == 0


def test_prune_deletes_old_sessions_but_not_hand_overs(app, client, auth, threads, make_user):
    link = not_what_i_need(client)
    auth.login(make_user("carla"))
    client.post(link, data=form_having(client.get(link).get_data(as_text=True), "title").filled())
    form = form_with(client.get("/help").get_data(as_text=True), "/help")
    client.post("/help", data=form.filled(text="Duo milk froth too thin"))
    old = db.session.query(AssistantSession).order_by(AssistantSession.id).first()
    old.created_at = clock.now() - timedelta(days=31)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["assistant", "prune"])
    assert result.exit_code == 0 and "Deleted 1 assistant sessions" in result.output
    assert db.session.query(AssistantSession).count() == 1 and db.session.query(AssistantHandover).count() == 1
