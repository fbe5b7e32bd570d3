"""Writing saved replies (the brand team only, each change in the audit log) and counting their use."""

from sqlalchemy import update

from app import audit, clock, permissions, typed_text
from app.content_language import LANGUAGES
from app.errors import Invalid
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.models import SavedReply, User

TITLE_MAX, BODY_MIN, BODY_MAX = 120, 10, 5000


def _checked(title: str, body: str, language: str) -> tuple[str, str, str]:
    title, body = typed_text.single_line(title), typed_text.multi_line(body)
    if not 3 <= len(title) <= TITLE_MAX:
        raise Invalid(_l("Give the reply a title of 3 to %(n)s characters.", n=TITLE_MAX), "title")
    if language not in LANGUAGES:
        raise Invalid(_l("Choose the language the reply is written in."), "language")
    if not BODY_MIN <= len(body) <= BODY_MAX:
        raise Invalid(_l("Write a reply of %(min)s to %(max)s characters.", min=BODY_MIN, max=BODY_MAX), "body")
    return title, body, language


def _fields(reply: SavedReply) -> dict:
    return {"title": reply.title, "language": reply.language, "body": reply.body}


def create_reply(moderator: User, title: str, body: str, language: str) -> SavedReply:
    permissions.require_moderator(moderator)
    title, body, language = _checked(title, body, language)
    reply = SavedReply(title=title, body=body, language=language, created_by_id=moderator.id)
    db.session.add(reply)
    db.session.flush()
    audit.record(moderator, "reply_created", "saved_reply", reply.id, "", None, _fields(reply))
    return reply


def edit_reply(moderator: User, reply: SavedReply, title: str, body: str, language: str) -> None:
    permissions.require_moderator(moderator)
    before = _fields(reply)
    reply.title, reply.body, reply.language = _checked(title, body, language)
    reply.updated_at = clock.now()
    changed = {key: value for key, value in _fields(reply).items() if before[key] != value}
    audit.record(moderator, "reply_edited", "saved_reply", reply.id, "",
                 {key: before[key] for key in changed}, changed)


def delete_reply(moderator: User, reply: SavedReply) -> None:
    permissions.require_moderator(moderator)
    audit.record(moderator, "reply_deleted", "saved_reply", reply.id, "", _fields(reply), None)
    db.session.delete(reply)


def record_use(author: User, reply_id: int | None) -> None:
    """An answer inserted from this reply was saved: one more use. Only the brand team's answers count (the
    picker is theirs); a reply deleted meanwhile counts nothing."""
    if reply_id and permissions.is_moderator(author):
        db.session.execute(update(SavedReply).where(SavedReply.id == reply_id)
                           .values(use_count=SavedReply.use_count + 1))
