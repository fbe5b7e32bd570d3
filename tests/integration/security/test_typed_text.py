"""Single-line fields keep one line of visible text, and bodies lose controls and bidi overrides, on every
path (issue 26, finding 13): a display name with a line break made every e-mail naming its member fail for
good, and a right-to-left override turned a title around."""

import email
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select

from app import mail
from app.extensions import db
from app.models import ApiToken, FaqEntry, OutgoingMail, Question, Revision, User, Webhook
from app.typed_text import multi_line, single_line
from tests.integration.security.rendered_forms import submit

# What the review typed, and what else breaks a line or reorders text.
HOSTILE = "\u202eevil\u202c\r\nBcc: eve\x00\x07\x1b[31m\x85\u2028\u2066\u200b\ufeff\x7f\x9f"


@pytest.fixture
def app_config(tmp_path):
    return {"MAIL_DIR": str(tmp_path / "mail"), "MAIL_SEND_AFTER_COMMIT": False,
            "SITE_URL": "https://community.example"}


def clean_one_line(text: str) -> bool:
    return text == text.strip() and all(char.isprintable() for char in text)


def test_the_rules():
    assert single_line(f" Marta {HOSTILE} Rossi ") == "Marta evil Bcc: eve[31m Rossi"
    assert single_line("👩\u200d💻 Anna\tRossi") == "👩\u200d💻 Anna Rossi"  # joiners stay: emoji need them
    body = multi_line(f"line one\r\nline two\u2028three\ttab {HOSTILE}")
    assert body == "line one\nline two\nthree\ttab evil\nBcc: eve[31m\n\n\u200b\ufeff"
    assert multi_line("  keep\n\n  indented code\n") == "keep\n\n  indented code"


def test_a_display_name_with_a_line_break_no_longer_breaks_e_mails(app, client, auth, make_user, make_question):
    asker, helper = make_user("olivia"), make_user("hugo")
    question = make_question(asker)
    auth.login("hugo")
    response = submit(client, "/settings", {"profile-display_name": f"Hugo {HOSTILE}"}, having="profile-display_name")
    assert response.status_code == 302
    name = db.session.get(User, helper.id).display_name
    assert name == "Hugo evil Bcc: eve[31m" and clean_one_line(name)
    answer = submit(client, f"/questions/{question.id}/{question.slug}",
                    {"body": "Descale it twice, then rinse the tank with fresh water."}, action="/answers")
    assert answer.status_code == 302
    sent, failed = mail.send_pending()
    assert (sent, failed) == (1, 0)
    [message] = [email.message_from_bytes(path.read_bytes(), policy=policy.default)
                 for path in Path(app.config["MAIL_DIR"]).glob("*.eml")]
    assert message["To"] == "olivia@example.com" and message["Bcc"] is None
    assert message["Subject"].startswith("Hugo evil Bcc: eve[31m answered your question")


def test_an_e_mail_already_queued_with_a_broken_subject_is_sent(app):
    mail.queue("olivia@example.com", "Marta\nBcc: eve answered", "Hello")
    db.session.commit()
    assert mail.send_pending() == (1, 0)
    [path] = Path(app.config["MAIL_DIR"]).glob("*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert message["Subject"] == "Marta Bcc: eve answered" and message["Bcc"] is None


def test_titles_summaries_and_bodies_through_the_forms(client, auth, make_user, tags):
    make_user("olivia")
    auth.login("olivia")
    response = submit(client, "/questions/ask", {
        "title": f"The grinder\u202e stops {HOSTILE} after a second", "tags": "aurora-one",
        "body": f"It hums,\r\nthen stops.\u202e Reversed?\x1b\nWhat now? {HOSTILE}"}, having="title")
    assert response.status_code == 302, response.get_data(as_text=True)
    question = db.session.scalars(select(Question)).one()
    assert clean_one_line(question.title) and "\u202e" not in question.body_markdown
    assert question.body_markdown.startswith("It hums,\nthen stops. Reversed?\nWhat now?")
    answer = submit(client, f"/questions/{question.id}/{question.slug}",
                    {"body": "Descale it twice, then rinse the tank with fresh water."}, action="/answers")
    assert answer.status_code == 302
    answer_id = db.session.scalars(select(Revision.post_id).order_by(Revision.id.desc())).first()
    edit = submit(client, f"/posts/{answer_id}/edit", {"body": "Descale it twice, then rinse the tank twice.",
                                                        "summary": f"clearer {HOSTILE}"}, having="summary")
    assert edit.status_code == 302, edit.get_data(as_text=True)
    summaries = db.session.scalars(select(Revision.summary).where(Revision.post_id == answer_id)).all()
    assert all(clean_one_line(s) for s in summaries) and "clearer evil Bcc: eve[31m" in summaries


def test_names_the_brand_team_types(client, auth, make_user, make_question, make_answer):
    asker = make_user("olivia")
    question = make_question(asker)
    answer = make_answer(make_user("hugo"), question)
    from app.questions import operations as posts

    posts.accept_answer(asker, answer)
    db.session.commit()
    make_user("marta", role="admin")
    auth.login("marta")
    assert submit(client, f"/questions/{question.id}/faq", {"title": f"Descaling{HOSTILE}"},
                  having="title").status_code == 302
    assert clean_one_line(db.session.scalars(select(FaqEntry.title)).one())
    assert submit(client, "/admin/webhooks/new", {
        "url": "https://93.184.216.34/hook", "secret": "a-long-shared-secret", "events": "question.created",
        "description": f"Help desk{HOSTILE}"}, having="description").status_code == 302
    assert clean_one_line(db.session.scalars(select(Webhook.description)).one())


def test_api_token_names(client, auth, make_user):
    make_user("olivia")
    auth.login("olivia")
    response = submit(client, "/settings/api-tokens", {"name": f"sync {HOSTILE}"}, having="name")
    assert response.status_code == 200
    assert db.session.scalars(select(ApiToken.name)).one() == "sync evil Bcc: eve[31m"


def test_a_name_of_only_invisible_characters_is_refused(client, auth, make_user):
    make_user("olivia")
    auth.login("olivia")
    response = submit(client, "/settings", {"profile-display_name": "\u202e\u200b\n\x00"},
                      having="profile-display_name")
    assert response.status_code == 400 and "Use 1 to 60 characters." in response.get_data(as_text=True)
    assert db.session.scalars(select(OutgoingMail)).all() == []
