"""A staged member's life: their first e-mail makes an account that cannot log in and waits in the Held tab;
a moderator rejects one (the reason and the text go back) and publishes another edited; their next e-mails
post directly; they claim the account through the real password reset form and log in."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.inbound import receiving
from app.models import InboundMessage, Question, User
from tests.conftest import PASSWORD
from tests.integration import mail_world
from tests.integration.forms.browser import Browser
from tests.integration.forms.registry import refused
from tests.integration.mail_world import SUPPORT, outbox

CUSTOMER = "carla@example.org"


@pytest.fixture
def app_config():
    return dict(mail_world.CONFIG)


def write(subject: str, body: str, number: int) -> InboundMessage:
    raw = (f"From: Carla Neri <{CUSTOMER}>\nTo: {SUPPORT}\nSubject: {subject}\n"
           f"Message-ID: <carla-{number}@example.org>\n"
           f"Content-Type: text/plain; charset=utf-8\n\n{body}\n\nCarla\n").encode()
    message = receiving.deliver(raw)
    db.session.expire_all()
    return db.session.get(InboundMessage, message.id)


def test_a_staged_member_is_held_then_trusted_and_claims_the_account(app, tags, make_user):
    make_user("mona", role="moderator")
    first = write("Two questions: the grinder and my order", "Does the grinder of the Aurora One need oiling? "
                  "And where is my order?", 1)
    carla = db.session.scalar(select(User).where(User.email == CUSTOMER))
    assert (first.status, first.reason, first.user_id) == ("held", "unknown_sender", carla.id)
    assert carla.is_staged and carla.display_name == "Carla Neri" and carla.username == "Carla.Neri"
    log_in = Browser(app).get("/login").form("sign_in.login POST").type("login", CUSTOMER) \
        .type("password", "any password at all").submit()
    assert log_in.status == 400 and "Wrong username, e-mail or password." in log_in.errors

    moderator = Browser(app, "mona")
    moderator.log_in("mona", PASSWORD)
    assert "1" in moderator.get("/moderation?tab=held").texts(".tabs a[aria-current] .tab-count")[0]
    form = moderator.get(f"/moderation/held/{first.id}").form("inbound.reject POST")
    form = refused(form.submit(), "inbound.reject POST", reason="")
    page = form.type("reason", "Please ask one question per message: the order is a matter for the shop.").submit()
    assert page.flashes == ["Rejected, and the sender told why."]
    rejection = outbox(CUSTOMER, kind="inbound.rejected")[0]
    assert "one question per message" in rejection.text_body and "> Does the grinder" in rejection.text_body

    second = write("Does the grinder of the Aurora One need oiling?",
                   "Does the grinder of the Aurora One need oiling, or is it sealed? My phone is 333 1234567.", 2)
    assert (second.status, second.reason) == ("held", "unknown_sender")
    form = moderator.get(f"/moderation/held/{second.id}").form("inbound.approve POST")
    page = form.type("body", "Does the grinder of the Aurora One need oiling, or is it sealed?").submit()
    assert page.flashes == ["Published, and the sender told."], page.errors
    question = db.session.scalar(select(Question).where(Question.author_id == carla.id))
    assert question.body_markdown == "Does the grinder of the Aurora One need oiling, or is it sealed?"
    assert question.created_at == second.received_at  # the care clock started when Carla wrote
    assert "333" not in Browser(app).get(f"/questions/{question.id}").text
    assert f"/questions/{question.id}/" in outbox(CUSTOMER, kind="inbound.approved")[0].text_body

    for row in db.session.scalars(select(Question)):  # a new member may ask once every ten minutes
        row.created_at -= timedelta(hours=1)
    db.session.commit()
    third = write("The drip tray of the Aurora One overflows", "The drip tray of the Aurora One overflows after "
                  "three coffees. Is that normal?", 3)
    assert third.status == "posted", third.detail
    ack = outbox(CUSTOMER, kind="inbound.acknowledged")[0]
    assert "choose a password for this address here: https://community.aurora.example/password/forgot" in ack.text_body

    visitor = Browser(app)
    page = visitor.get("/login").click("Forgot").form("sign_in.forgot_password POST").type("email", CUSTOMER).submit()
    assert page.url == "/login"
    reset = db.session.scalars(select(mail_world.OutgoingMail).where(mail_world.OutgoingMail.kind == "password_reset")
                               ).one()
    link = re.search(r"https?://\S+/password/reset/\S+", reset.text_body).group(0)
    page = visitor.get(link).form("sign_in.reset_password POST").type("new_password", "a long claimed passphrase 7") \
        .submit()
    assert "Your new password is set and you are logged in." in page.flashes[0], page.errors
    db.session.expire_all()
    assert not db.session.get(User, carla.id).is_staged
    assert Browser(app).log_in("Carla.Neri", "a long claimed passphrase 7").status == 302

    clock_now = clock.now()
    fourth = write("How do I clean the steam wand of the Aurora One?", "What is the best way to clean the steam "
                   "wand of the Aurora One after frothing milk?", 4)
    assert fourth.status == "posted" and fourth.received_at >= clock_now
    assert "choose a password" not in outbox(CUSTOMER, kind="inbound.acknowledged")[-1].text_body
