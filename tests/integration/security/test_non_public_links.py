"""Nothing links to, names or quotes a post the public cannot see (the class of finding 10): a question or answer
hidden after flags leaves its author's profile lists, and notifications about it lead nowhere and quote nothing."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Notification, OutgoingMail, Question
from app.notifications import digest
from app.notifications.links import open_path
from app.questions import operations as posts

SPAM = "Cheap replacement pumps at pumps-discount.example, best price guaranteed today"


@pytest.fixture
def hidden(make_user, make_question, client, auth):
    """A spam answer to a spam question, both hidden by three members' flags."""
    spammer, asker = make_user("spammer"), make_user("giulia")
    question = make_question(asker)
    spam_question = make_question(spammer, title=SPAM, body=f"{SPAM}. Order now and save on every pump.")
    answer = posts.post_answer(spammer, question, f"{SPAM}: the pump you need.", "en")
    db.session.commit()
    for name in ("flagger1", "flagger2", "flagger3"):
        auth.login(make_user(name, reputation=50))
        for post in (spam_question, answer):
            assert client.post(f"/posts/{post.id}/flags", data={"reason": "spam"}).status_code == 302
        auth.logout()
    db.session.expire_all()
    assert db.session.get(Question, spam_question.id).hidden_at is not None
    return spammer, question, spam_question, answer


def test_a_profile_lists_no_hidden_post(client, hidden):
    spammer, _question, spam_question, _answer = hidden
    for tab in ("questions", "answers"):
        html = client.get(f"/users/{spammer.id}/{spammer.username}?tab={tab}").get_data(as_text=True)
        assert SPAM not in html and f"/questions/{spam_question.id}/" not in html, tab


def test_notifications_about_a_hidden_post_lead_nowhere_and_quote_nothing(client, auth, hidden):
    _spammer, question, _spam_question, answer = hidden
    auth.login("giulia")
    inbox = client.get("/notifications").get_data(as_text=True)
    assert f"#answer-{answer.id}" not in inbox
    entry = db.session.scalar(select(Notification).where(Notification.post_id == answer.id))
    opened = client.get(open_path(entry))  # to the question, which is public
    assert opened.headers["Location"] == f"/questions/{question.id}/{question.slug}"
    # The daily summary, written after the answer was hidden, does not quote it.
    db.session.execute(Notification.__table__.update().values(mail_state="digest"))
    db.session.execute(OutgoingMail.__table__.delete())
    db.session.commit()
    digest.send_digests()
    db.session.commit()
    bodies = [m.text_body + (m.html_body or "") for m in db.session.scalars(select(OutgoingMail))]
    assert bodies and not [body for body in bodies if "pumps-discount" in body]
