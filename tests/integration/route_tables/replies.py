"""The brand team's saved replies: listed, written, edited and deleted by moderators only. The world gains one
reply to edit and one to delete."""

from app.extensions import db
from app.models import User
from app.replies import operations as replies
from tests.integration.route_calls import MODERATOR, Call, post


def build_world(w) -> None:
    mod = db.session.get(User, w.mod)
    w.saved_reply = replies.create_reply(mod, "Descaling, step by step",
                                         "Hello {asker}, run the descaling programme of the {product} twice.", "en").id
    w.spare_reply = replies.create_reply(mod, "Garanzia", "Ciao {asker}, la garanzia dura due anni.", "it").id


def _reply(w) -> dict:
    return {"title": "Descaling, in three steps", "language": "en",
            "body": "Hello {asker}, run the descaling programme three times, then rinse."}


ROUTES = {
    ("GET", "/moderation/replies"): Call(MODERATOR),
    ("GET", "/moderation/replies/new"): Call(MODERATOR),
    ("POST", "/moderation/replies/new"): post(MODERATOR, data=_reply),
    ("GET", "/moderation/replies/<int:reply_id>/edit"): Call(MODERATOR, {"reply_id": "saved_reply"}),
    ("POST", "/moderation/replies/<int:reply_id>/edit"): post(MODERATOR, {"reply_id": "saved_reply"}, _reply),
    ("POST", "/moderation/replies/<int:reply_id>/delete"): post(MODERATOR, {"reply_id": "spare_reply"}),
}
