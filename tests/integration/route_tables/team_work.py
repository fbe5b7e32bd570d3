"""Routes of the brand team's own work on a question: claiming, assigning and releasing it, and its internal
notes (the author alone edits or deletes a note). The world gains a question Marta is on and a note of hers."""

from app.extensions import db
from app.models import Question, User
from app.moderation import claims, notes
from tests.integration.route_calls import MODERATOR, post

Q = {"question_id": "question"}
NOTE = {"note_id": "note"}


def build_world(w) -> None:
    mod = db.session.get(User, w.mod)
    claimed = db.session.get(Question, w.solved)
    claims.claim_question(mod, claimed)
    w.claimed = claimed.id
    w.note = notes.add_note(mod, claimed, "Asked the customer for the serial number.").id


ROUTES = {
    ("POST", "/questions/<int:question_id>/claim"): post(MODERATOR, Q),
    ("POST", "/questions/<int:question_id>/release"): post(MODERATOR, {"question_id": "claimed"}),
    ("POST", "/questions/<int:question_id>/assign"): post(MODERATOR, Q, lambda w: {"assignee": str(w.admin)}),
    ("POST", "/questions/<int:question_id>/notes"): post(
        MODERATOR, Q, lambda w: {"body": "The customer's machine is under warranty until June."}),
    ("POST", "/notes/<int:note_id>/edit"): post(MODERATOR, NOTE, lambda w: {"body": "Serial number received."}),
    ("POST", "/notes/<int:note_id>/delete"): post(MODERATOR, NOTE),
}
