"""Saved replies: the brand team manages them at /moderation/replies (audit-logged, moderators only), inserts
one into the answer form through its picker (without the script: the form comes back with the reply after the
text typed, placeholders filled), edits it and posts; the saved answer counts as one use."""

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from app.extensions import db
from app.models import ModerationAction, SavedReply
from tests.integration.page_forms import form_with

REPLY = ("Hello {asker}, thank you for writing. To descale the {product}, run the programme twice "
         "and then rinse the tank.")


@pytest.fixture
def team(make_user, make_question):
    moderator = make_user("marta", role="moderator")
    asker = make_user("olivia", display_name="Olivia Rossi")
    question = make_question(asker)
    return moderator, question


def create(client, title="Descaling, step by step", body=REPLY, language="en"):
    page = client.get("/moderation/replies/new").get_data(as_text=True)
    form = form_with(page, "")
    return client.post("/moderation/replies/new", data=form.filled(title=title, body=body, language=language))


def question_page(client, question):
    return client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)


def answer_form(html, question):
    return form_with(html, f"/questions/{question.id}/answers")


def test_a_moderator_creates_edits_and_deletes_a_reply_and_the_log_keeps_each(client, auth, team):
    auth.login("marta")
    refused = create(client, title="Hi", body="short")
    assert refused.status_code == 400
    html = refused.get_data(as_text=True)
    assert "Give the reply a title of 3 to 120 characters." in html
    kept = form_with(html, "").fields
    assert (kept["title"], kept["body"], kept["language"]) == ("Hi", "short", "en")  # nothing typed is lost
    assert db.session.scalar(select(SavedReply.id)) is None

    response = create(client)
    assert response.status_code == 302
    listing = client.get("/moderation/replies").get_data(as_text=True)
    assert "The saved reply is created." in listing and "Descaling, step by step" in listing
    assert "Used in 0 answers" in listing
    reply_id = db.session.scalars(select(SavedReply.id)).one()

    page = client.get(f"/moderation/replies/{reply_id}/edit").get_data(as_text=True)
    form = form_with(page, "")
    assert form.fields["title"] == "Descaling, step by step" and form.fields["language"] == "en"
    client.post(f"/moderation/replies/{reply_id}/edit", data=form.filled(title="Descaling the machine"))
    assert "Descaling the machine" in client.get("/moderation/replies").get_data(as_text=True)

    listing = client.get("/moderation/replies").get_data(as_text=True)
    delete = form_with(listing, f"/moderation/replies/{reply_id}/delete")
    client.post(f"/moderation/replies/{reply_id}/delete", data=delete.fields)
    assert "No saved replies yet." in client.get("/moderation/replies").get_data(as_text=True)
    log = db.session.scalars(select(ModerationAction).order_by(ModerationAction.id)).all()
    assert [(e.action, e.target_type, e.target_id) for e in log] == [
        ("reply_created", "saved_reply", reply_id), ("reply_edited", "saved_reply", reply_id),
        ("reply_deleted", "saved_reply", reply_id)]
    assert log[1].before == {"title": "Descaling, step by step"} and log[1].after == {"title": "Descaling the machine"}


def test_members_neither_manage_nor_see_saved_replies(client, auth, team, make_user):
    moderator, question = team
    db.session.add(SavedReply(title="Descaling", body=REPLY, language="en", created_by_id=moderator.id))
    db.session.commit()
    make_user("marco")
    auth.login("marco")
    assert client.get("/moderation/replies").status_code == 403
    assert client.get("/moderation/replies/new").status_code == 403
    html = question_page(client, question)
    assert "saved_reply" not in html and "Descaling" not in html
    # A member sending the picker's button gets an error, not the team's text.
    form = answer_form(html, question)
    response = client.post(f"/questions/{question.id}/answers",
                           data={**form.filled(body="My own words"), "saved_reply": "1", "insert_reply": "1"})
    assert "thank you for writing" not in response.get_data(as_text=True)
    assert db.session.scalar(select(SavedReply.use_count)) == 0


def test_insert_without_the_script_keeps_the_text_fills_the_placeholders_and_posting_counts_one_use(
        client, auth, team):
    moderator, question = team
    reply = SavedReply(title="Descaling", body=REPLY, language="en", created_by_id=moderator.id)
    db.session.add(reply)
    db.session.commit()
    auth.login("marta")
    form = answer_form(question_page(client, question), question)
    assert ("", "Choose a saved reply") in form.options["saved_reply"]

    # Nothing chosen: the form says so, the text stays.
    response = client.post(f"/questions/{question.id}/answers",
                           data={**form.filled(body="Sorry for the trouble."), "insert_reply": "1"})
    assert response.status_code == 400 and "Choose a saved reply to insert." in response.get_data(as_text=True)

    response = client.post(f"/questions/{question.id}/answers", data={
        **form.filled(body="Sorry for the trouble.", saved_reply=str(reply.id)), "insert_reply": "1"})
    assert response.status_code == 200
    form = answer_form(response.get_data(as_text=True), question)
    assert form.fields["body"] == ("Sorry for the trouble.\n\nHello Olivia Rossi, thank you for writing. To descale "
                                   "the aurora-one, run the programme twice and then rinse the tank.")
    assert form.fields["used_reply"] == str(reply.id) and form.fields["saved_reply"] == ""
    assert db.session.scalar(select(SavedReply.use_count)) == 0  # inserting is not using: nothing is posted yet

    edited = form.fields["body"].replace("twice", "three times")
    response = client.post(f"/questions/{question.id}/answers", data=form.filled(body=edited))
    assert response.status_code == 302
    assert "run the programme three times" in question_page(client, question)
    assert db.session.scalar(select(SavedReply.use_count)) == 1
    assert "Used in 1 answer" in client.get("/moderation/replies").get_data(as_text=True)


def test_the_picker_offers_the_question_language_first_with_the_filled_text_for_the_script(client, auth, team):
    moderator, question = team
    db.session.add_all([SavedReply(title="Decalcificazione", body="Ciao {asker}, grazie.", language="it"),
                        SavedReply(title="Warranty", body="Hello {asker}, the <b>warranty</b> lasts 2 years.",
                                   language="en")])
    db.session.commit()
    auth.login("marta")
    soup = BeautifulSoup(question_page(client, question), "html.parser")
    options = soup.select("#answer-saved-reply option[value!='']")
    assert [o.get_text() for o in options] == ["Warranty (English)", "Decalcificazione (Italiano)"]
    # The text as typed, escaped as an attribute value (the parser reads it back unescaped).
    assert options[0]["data-text"] == "Hello Olivia Rossi, the <b>warranty</b> lasts 2 years."
    assert options[1]["lang"] == "it"


def test_a_reply_posted_by_a_member_with_a_forged_id_counts_nothing(client, auth, team, make_user):
    moderator, question = team
    reply = SavedReply(title="Descaling", body=REPLY, language="en")
    db.session.add(reply)
    db.session.commit()
    make_user("marco")
    auth.login("marco")
    form = answer_form(question_page(client, question), question)
    client.post(f"/questions/{question.id}/answers", data={
        **form.filled(body="Run the descaling programme twice and rinse the tank well."), "used_reply": str(reply.id)})
    assert db.session.scalar(select(SavedReply.use_count)) == 0
