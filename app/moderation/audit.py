"""The moderation audit log: nothing a moderator does goes unrecorded."""

from app import clock, events, typed_text
from app.extensions import db
from app.models import ModerationAction, User


def record(moderator: User, action: str, target_type: str, target_id: int, reason: str = "",
           before: dict | None = None, after: dict | None = None) -> ModerationAction:
    entry = ModerationAction(moderator_id=moderator.id, action=action, target_type=target_type,
                             target_id=target_id, reason=typed_text.single_line(reason)[:500], before=before, after=after,
                             created_at=clock.now())
    db.session.add(entry)
    events.emit("moderation.action", action=entry, moderator=moderator)
    return entry
