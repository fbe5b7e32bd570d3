"""The brand team's internal notes on a question: Markdown through the same bounded renderer and sanitiser as
posts, written, edited and deleted by their author only, each change in the audit log. Notes are never part of
what anyone outside the team is shown (docs/decisions.md)."""

from app import audit, clock, markup, typed_text
from app.errors import Invalid
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.models import InternalNote, Question, User
from app.permissions import require_change_note, require_moderator

MAX_NOTE = 5000


def _body(text: str) -> str:
    text = typed_text.multi_line(text)
    if not text:
        raise Invalid(_l("Write the note."), "body")
    if len(text) > MAX_NOTE:
        raise Invalid(_l("Use at most %(n)s characters.", n=MAX_NOTE), "body")
    return text


def add_note(moderator: User, question: Question, text: str) -> InternalNote:
    require_moderator(moderator)
    body = _body(text)
    note = InternalNote(question_id=question.id, author_id=moderator.id, body_markdown=body,
                        body_html=markup.render_post(body), created_at=clock.now())
    db.session.add(note)
    db.session.flush()
    audit.record(moderator, "note_added", "post", question.id, "", None, {"note_id": note.id})
    return note


def edit_note(moderator: User, note: InternalNote, text: str) -> None:
    require_change_note(moderator, note)
    body = _body(text)
    note.body_markdown, note.body_html, note.edited_at = body, markup.render_post(body), clock.now()
    audit.record(moderator, "note_edited", "post", note.question_id, "", None, {"note_id": note.id})


def delete_note(moderator: User, note: InternalNote) -> None:
    require_change_note(moderator, note)
    audit.record(moderator, "note_deleted", "post", note.question_id, "", None, {"note_id": note.id})
    db.session.delete(note)
