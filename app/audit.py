"""The moderation audit log: nothing a moderator does goes unrecorded. Written by whichever operation acts for
the brand team (moderation, FAQ, admin, webhooks, received mail, edits of others' posts)."""

from collections.abc import Callable

from sqlalchemy import or_, select

from app import clock, events, typed_text
from app.extensions import db
from app.models import ModerationAction, User


def record(moderator: User | None, action: str, target_type: str, target_id: int, reason: str = "",
           before: dict | None = None, after: dict | None = None) -> ModerationAction:
    """`moderator` None: no person did it (a role an OpenID provider's groups gave at sign-in); `reason` says what."""
    entry = ModerationAction(moderator_id=moderator.id if moderator else None, action=action, target_type=target_type,
                             target_id=target_id, reason=typed_text.single_line(reason)[:500], before=before,
                             after=after, created_at=clock.now())
    db.session.add(entry)
    events.emit(events.ModerationRecorded(entry, moderator))
    return entry


def scrub_entries(targets: list[tuple[str, int]], scrub: Callable[[str], str]) -> None:
    """Personal data was redacted from these targets: their entries' reasons and before/after values lose it
    too (an edit's entry keeps both versions of the text)."""
    entries = db.session.scalars(select(ModerationAction).where(or_(*(
        (ModerationAction.target_type == kind) & (ModerationAction.target_id == target_id)
        for kind, target_id in targets))))
    for entry in entries:
        entry.reason = scrub(entry.reason)[:500]
        entry.before, entry.after = _scrub_values(entry.before, scrub), _scrub_values(entry.after, scrub)


def _scrub_values(value, scrub: Callable[[str], str]):
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_scrub_values(item, scrub) for item in value]
    if isinstance(value, dict):
        return {key: _scrub_values(item, scrub) for key, item in value.items()}
    return value
