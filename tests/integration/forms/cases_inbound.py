"""Received e-mail: a held message published (edited) or rejected from the care queue, and a refused one
processed again by an administrator, through the rendered forms."""

from sqlalchemy import select

from app.extensions import db
from app.models import InboundMessage, OutgoingMail
from tests.integration.forms.registry import case, refused

TITLE = "The steam wand of my Aurora One only sputters"


def held_page(browser):
    queue = browser("mod").get("/moderation?tab=held")
    assert TITLE in " ".join(queue.texts(".queue-title")), queue.texts(".queue-list")
    return queue.click(TITLE)


def told(address: str) -> OutgoingMail:
    return db.session.scalars(select(OutgoingMail).where(OutgoingMail.to_address == address)
                              .order_by(OutgoingMail.id.desc())).first()


@case("inbound.approve POST")
def approve_held_message(w, browser):
    form = held_page(browser).form("inbound.approve POST")
    assert form["title"] == TITLE and form["tags"] == "aurora-one"
    form = refused(form.type("title", "Steam wand").submit(), "inbound.approve POST", title="Steam wand")
    page = form.type("title", "Steam wand of the Aurora One sputters and the milk stays cold").submit()
    assert page.flashes == ["Published, and the sender told."], page.errors
    assert "No e-mail is waiting for a check." in page.text
    question = browser("anon").get("/questions?tab=newest")
    assert "Steam wand of the Aurora One sputters and the milk stays cold" in question.text
    assert "is published" in told("carla@example.org").subject


@case("inbound.reject POST")
def reject_held_message(w, browser):
    form = held_page(browser).form("inbound.reject POST")
    form = refused(form.type("reason", "No").submit(), "inbound.reject POST", reason="No")
    page = form.type("reason", "Please ask about one machine per message.").submit()
    assert page.flashes == ["Rejected, and the sender told why."], page.errors
    mail = told("carla@example.org")
    assert "Please ask about one machine per message." in mail.text_body and "> Since yesterday" in mail.text_body
    assert db.session.get(InboundMessage, w.inbound_held).status == "rejected"


@case("inbound.process_again POST")
def process_refused_message_again(w, browser):
    admin = browser("admin")
    admin.app.config["MAIL_INBOUND_ADDRESS"] = "community@aurora.example"
    listed = admin.get("/admin/inbound?status=refused")
    page = listed.click("Help", within="main").form("inbound.process_again POST").submit()
    assert page.flashes == ["Processed again. Outcome: Refused."], page.errors
    assert "Refused: refused by the rules" in page.text
