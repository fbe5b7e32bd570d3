"""Routes of received e-mail: the administrators' list (/admin/inbound) and the moderators' held messages."""

import zlib
from email.message import EmailMessage

from app import clock
from app.extensions import db
from app.models import InboundMessage, User
from tests.integration.route_calls import ADMIN, MODERATOR, Call, post
from tests.pictures import png

M = {"message_id": "inbound_refused"}
H = {"message_id": "inbound_held"}
QUESTION = {"title": "The steam wand of my Aurora One only sputters",
            "body": "Since yesterday the steam wand of my Aurora One only sputters and the milk never gets hot.",
            "tags": "aurora-one"}

ROUTES = {
    ("GET", "/admin/inbound"): Call(ADMIN, query="status=refused"),
    ("GET", "/admin/inbound/<int:message_id>"): Call(ADMIN, M),
    ("GET", "/admin/inbound/<int:message_id>/raw"): Call(ADMIN, M),
    ("POST", "/admin/inbound/<int:message_id>/process"): post(ADMIN, M),
    ("GET", "/moderation/held/<int:message_id>"): Call(MODERATOR, H),
    ("GET", "/moderation/held/<int:message_id>/pictures/<int:place>"): Call(
        MODERATOR, {**H, "place": "inbound_held_picture"}),
    ("POST", "/moderation/held/<int:message_id>/approve"): post(MODERATOR, H, lambda w: QUESTION),
    ("POST", "/moderation/held/<int:message_id>/reject"): post(MODERATOR, H, lambda w: {
        "reason": "Please ask about one machine per message."}),
}


def _raw(subject: str, body: str) -> bytes:
    return (f"From: Carla Neri <carla@example.org>\nTo: community@aurora.example\nSubject: {subject}\n"
            f"Message-ID: <{subject.replace(' ', '-')}@example.org>\n\n{body}\n").encode()


def _with_photo(subject: str, body: str) -> bytes:
    message = EmailMessage()
    message["From"], message["To"] = "Carla Neri <carla@example.org>", "community@aurora.example"
    message["Subject"] = subject
    message["Message-ID"] = "<held@example.org>"
    message.set_content(body)
    message.add_attachment(png(), "image", "png", filename="steam wand.png")
    return message.as_bytes()


def build_world(w) -> None:
    """A staged member's held question with a photo and a refused message (too short to be a question)."""
    staged = User(username="carla", username_key="carla", email="carla@example.org", display_name="Carla Neri",
                  locale="en")
    db.session.add(staged)
    db.session.flush()
    held = InboundMessage(dedupe_key="<held@example.org>",
                          raw=zlib.compress(_with_photo(QUESTION["title"], QUESTION["body"])),
                          size=200, envelope_to=["community@aurora.example"], received_at=clock.now(),
                          message_id="<held@example.org>", from_address="carla@example.org", subject=QUESTION["title"],
                          status="held", reason="unknown_sender", purpose="question",
                          draft={**QUESTION, "language": "en", "pictures": [
                              {"index": 0, "number": 1, "description": "Steam wand", "width": 800, "height": 600}]},
                          user_id=staged.id, processed_at=clock.now())
    refused = InboundMessage(dedupe_key="<short@example.org>", raw=zlib.compress(_raw("Help", "Broken?")), size=90,
                             envelope_to=["community@aurora.example"], received_at=clock.now(),
                             message_id="<short@example.org>", from_address="carla@example.org", subject="Help",
                             status="refused", reason="invalid", detail="Use at least 15 characters",
                             purpose="question", user_id=staged.id, processed_at=clock.now())
    db.session.add_all([held, refused])
    db.session.flush()
    w.inbound_held, w.inbound_refused, w.inbound_held_picture = held.id, refused.id, 1
