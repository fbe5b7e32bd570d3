"""Routes of the assistant: the help page and its answer (anyone), "This solved it" (whoever holds the session's
key), the ask page's check and live look-up (members, like the ask page), and the hand-over form (members, with
the session's signed link)."""

from app.assistant import links, operations
from app.extensions import db
from app.models import AssistantSession
from tests.integration.route_calls import MEMBER, PUBLIC, Call, post

S = {"session_id": "assistant_session"}
KEY = "route-table-session-key"
ASKED = {"title": "The steam wand drips after I close it", "tags": "aurora-one",
         "body": "Since last week the steam wand keeps dripping water for minutes after use."}

ROUTES = {
    ("GET", "/help"): Call(PUBLIC),
    ("POST", "/help"): post(PUBLIC, data=lambda w: {"text": "The machine shows error E04 after descaling"}, ok=200),
    ("POST", "/help/<int:session_id>/feedback"): post(PUBLIC, S, lambda w: {"key": KEY, "feedback": "solved"}),
    ("POST", "/help/draft"): post(MEMBER, data=lambda w: ASKED, ok=200),
    # The ask page's look-up while a question is typed: a read, nothing stored.
    ("POST", "/help/preview"): post(MEMBER, data=lambda w: ASKED, ok=200, changes=False),
    ("GET", "/help/<int:session_id>/question"): Call(MEMBER, S, query=lambda w: f"token={w.assistant_token}"),
    ("POST", "/help/<int:session_id>/question"): post(MEMBER, S, lambda w: ASKED,
                                                       query=lambda w: f"token={w.assistant_token}"),
}


def build_world(w) -> None:
    """A visitor's session that found nothing, with a key the calls know."""
    session = AssistantSession(key_hash=operations.digest(KEY), channel="help", language="en",
                               text="My grinder makes a strange clicking noise", outcome="nothing")
    db.session.add(session)
    db.session.flush()
    w.assistant_session = session.id
    w.assistant_token = links.handover_token(session.id, KEY)
