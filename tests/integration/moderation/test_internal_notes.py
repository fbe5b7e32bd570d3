"""Internal notes: the brand team writes, edits and deletes its own notes on a question (Markdown, sanitised,
logged); nobody outside the team ever reads one — not on the page, in a kept copy, the search index, the sitemap,
the API, a notification, an e-mail, a webhook delivery or a CSV — and a redaction reaches them."""

import re

import pytest
from sqlalchemy import select

from app.api import operations as tokens
from app.extensions import db
from app.models import (
    InternalNote,
    ModerationAction,
    Notification,
    OutgoingMail,
    WebhookDelivery,
)
from app.models.webhook import WEBHOOK_EVENTS
from app.moderation import notes, redaction
from app.notifications.operations import follow_question
from app.questions import official_answers
from app.questions import operations as posts
from app.webhooks import operations as webhooks
from tests.integration.page_forms import form_with, forms

SECRET_WORD = "zanzibarcode"
NOTE = f"Called the customer: **{SECRET_WORD}** board, replace under warranty. <script>alert(1)</script>"


@pytest.fixture
def world(make_user, make_question):
    asker = make_user("asker")
    marta, luca = make_user("marta", role="moderator"), make_user("luca", role="moderator")
    question = make_question(asker, title="The steam wand leaks at the base after a week")
    return asker, marta, luca, question


def _page(client, question):
    return client.get(f"/questions/{question.id}/{question.slug}")


def _add_note(client, auth, question):
    auth.login("marta")
    form = form_with(_page(client, question).get_data(as_text=True), f"/questions/{question.id}/notes")
    response = client.post(form.action, data=form.filled(body=NOTE))
    auth.logout()
    return response


def test_a_moderator_adds_a_note_that_the_team_reads_rendered_and_sanitised(client, auth, world):
    _, _, _, question = world
    assert _add_note(client, auth, question).status_code == 302
    auth.login("luca")
    page = _page(client, question).get_data(as_text=True)
    assert f"<strong>{SECRET_WORD}</strong>" in page and "<script>alert(1)" not in page
    assert "Internal notes" in page
    note = db.session.scalar(select(InternalNote))
    assert f"/notes/{note.id}/edit" not in page  # only the author may change it
    assert client.post(f"/notes/{note.id}/edit", data={"body": "Mine now"}).status_code == 403
    assert client.post(f"/notes/{note.id}/delete").status_code == 403
    assert db.session.get(InternalNote, note.id).body_markdown == NOTE
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "note_added"))
    assert entry.target_id == question.id and entry.after == {"note_id": note.id}


def test_the_author_edits_and_deletes_and_a_refused_note_keeps_the_text(client, auth, world):
    _, _, _, question = world
    _add_note(client, auth, question)
    note = db.session.scalar(select(InternalNote))
    auth.login("marta")
    page = _page(client, question).get_data(as_text=True)
    form = form_with(page, f"/notes/{note.id}/edit")
    assert form.fields["body"] == NOTE  # the textarea holds the note as typed
    assert client.post(form.action, data=form.filled(body="Part ordered, ETA Friday.")).status_code == 302
    assert db.session.get(InternalNote, note.id).body_markdown == "Part ordered, ETA Friday."
    too_long = "x" * 5001
    refused = client.post(form.action, data=form.filled(body=too_long))
    assert refused.status_code == 400 and too_long in refused.get_data(as_text=True)
    assert "Use at most 5000 characters." in refused.get_data(as_text=True)
    empty = client.post(f"/questions/{question.id}/notes", data={"body": "   "})
    assert empty.status_code == 400 and "Write the note." in empty.get_data(as_text=True)
    delete = form_with(_page(client, question).get_data(as_text=True), f"/notes/{note.id}/delete")
    assert client.post(delete.action, data=delete.filled()).status_code == 302
    assert db.session.scalar(select(InternalNote)) is None
    actions = list(db.session.scalars(select(ModerationAction.action).order_by(ModerationAction.id)))
    assert actions == ["note_added", "note_edited", "note_deleted"]


def test_members_cannot_write_notes(client, auth, world, make_user):
    _, _, _, question = world
    make_user("member", reputation=10_000)
    auth.login("member")
    assert client.post(f"/questions/{question.id}/notes", data={"body": NOTE}).status_code == 403
    assert db.session.scalar(select(InternalNote)) is None


@pytest.mark.parametrize("app_config", [{"WEBHOOKS_ALLOW_PRIVATE": True}])  # a receiver on this machine
def test_no_one_outside_the_team_reads_a_note(app_config, app, client, auth, world, make_user, make_answer):
    asker, marta, _, question = world
    make_user("member", reputation=10_000)
    follower = make_user("follower")
    webhooks.create_endpoint(make_user("ada", role="admin"), "http://127.0.0.1:9/hooks", "s" * 32,
                             list(WEBHOOK_EVENTS), "Help desk")
    db.session.commit()
    follow_question(follower, question)
    db.session.commit()
    etag = _page(client, question).headers["ETag"]
    _add_note(client, auth, question)
    # The note is no part of the public page: its key is the same, and a revalidating visitor gets a 304.
    assert client.get(f"/questions/{question.id}/{question.slug}",
                      headers={"If-None-Match": etag}).status_code == 304
    # Activity after the note, so that every copy made from the question (index, mail, deliveries) is made again.
    answer = make_answer(make_user("helper"), question)
    official_answers.mark_official(marta, answer, "")
    db.session.commit()
    assert SECRET_WORD not in _page(client, question).get_data(as_text=True)
    for who in ("member", "asker", "follower"):
        auth.login(who)
        for _ in range(2):  # rendered, then from the kept copy
            page = _page(client, question).get_data(as_text=True)
            assert SECRET_WORD not in page and "Brand team only" not in page, who
            assert not [f for f in forms(page) if "/notes" in f.action], who
        auth.logout()
    link = f"/questions/{question.id}/{question.slug}"
    assert link in client.get("/search?q=steam+wand+leaks").get_data(as_text=True)  # the index works
    assert link not in client.get(f"/search?q={SECRET_WORD}").get_data(as_text=True)
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    assert SECRET_WORD not in sitemap
    for child in re.findall(r"<loc>https?://[^/]+(/[^<]+)</loc>", sitemap):
        assert SECRET_WORD not in client.get(child).get_data(as_text=True)
    _row, member_token = tokens.create_token(asker, "asker's script")
    db.session.commit()
    api = client.get(f"/api/v1/questions/{question.id}", headers={"Authorization": f"Bearer {member_token}"})
    assert api.status_code == 200 and SECRET_WORD not in api.get_data(as_text=True)
    told = db.session.scalars(select(Notification)).all()
    assert told and not [n for n in told if SECRET_WORD in f"{n.subject} {n.detail}"]
    mail = db.session.scalars(select(OutgoingMail)).all()
    assert not [m for m in mail if SECRET_WORD in f"{m.subject} {m.text_body} {m.html_body}"]
    deliveries = db.session.scalars(select(WebhookDelivery)).all()
    assert deliveries and not [d for d in deliveries if SECRET_WORD in str(d.body)]
    auth.login("member")
    assert client.get("/moderation/metrics.csv").status_code == 403
    auth.logout()
    auth.login("marta")
    assert SECRET_WORD not in client.get("/moderation/metrics.csv").get_data(as_text=True)
    assert SECRET_WORD not in client.get("/moderation/log").get_data(as_text=True)


def test_a_redaction_reaches_the_notes(world):
    asker, marta, _, _ = world
    question = posts.ask_question(asker, "The grinder stopped after the update", "Call me on +39 347 123 4567 "
                                  "please, the grinder stopped after the update.", "aurora-one", "en",
                                  allow_personal_data=True)
    notes.add_note(marta, question, "She asked us to call +39 347 123 4567 after six.")
    db.session.commit()
    redaction.redact_personal_data(marta, question)
    db.session.commit()
    note = db.session.scalar(select(InternalNote))
    assert "347 123 4567" not in note.body_markdown and "347 123 4567" not in note.body_html
    assert "after six" in note.body_markdown
