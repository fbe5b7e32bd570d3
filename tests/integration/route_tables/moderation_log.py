"""Routes of the moderation log's own pages: an entry (where an action from the Flags tab lands), its undo, the
CSV download, and the confirmation steps before a deletion from the Flags tab or a lock from a queue row. The
world gains a question deleted as spam from the Flags tab, whose deletion can be undone."""

from datetime import timedelta

from app import clock
from app.extensions import db
from app.models import User
from app.moderation import operations as moderation
from app.questions import operations as posts
from tests.integration.route_calls import MODERATOR, Call, post


def build_world(w) -> None:
    author, veteran, mod = (db.session.get(User, user_id) for user_id in (w.helper, w.veteran, w.mod))
    spam = posts.ask_question(author, "Cheap descaler, best price, visit my shop today",
                              "Buy the cheapest descaler for any machine in my shop, link in my profile.",
                              "aurora-one", "en")
    moderation.flag_post(veteran, spam, "spam", "")
    entry = moderation.resolve_flags(mod, spam, "delete-spam")
    # Dated ahead: the undo stays within its ten minutes however long the tests on this world run.
    entry.created_at = clock.now() + timedelta(days=1)
    db.session.flush()
    w.log_entry = entry.id


ROUTES = {
    ("GET", "/moderation/log.csv"): Call(MODERATOR, query="action=delete_spam"),
    ("GET", "/moderation/log/<int:entry_id>"): Call(MODERATOR, {"entry_id": "log_entry"}),
    ("POST", "/moderation/log/<int:entry_id>/undo"): post(MODERATOR, {"entry_id": "log_entry"}),
    ("GET", "/posts/<int:post_id>/flags/resolve"): Call(MODERATOR, {"post_id": "answer"}, query="outcome=delete-spam"),
    ("GET", "/questions/<int:question_id>/lock"): Call(MODERATOR, {"question_id": "unanswered"}),
}
