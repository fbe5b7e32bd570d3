"""Official answers: the brand team vouches for an answer (or re-confirms it), takes the mark back, and what an
edit by anyone else does to it. Answering as the brand and editing follow these rules too."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import exists, update

from app import audit, clock, events, typed_text
from app.badges import awards
from app.errors import Conflict, NotAllowed
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.locking import lock_users
from app.models import Answer, Post, User
from app.permissions import require_moderator
from app.reputation import ledger, sources


def refresh_official_flag(question_id: int) -> None:
    """Keep the question's 'has an official answer' cache in step with its answers: a suspended mark is not one,
    nor an answer deleted or hidden after flags (the page does not show it)."""
    has_official = exists().where(Answer.parent_id == question_id, Answer.is_official, Answer.deleted_at.is_(None),
                                  Answer.hidden_at.is_(None))
    db.session.execute(update(Post).where(Post.id == question_id).values(has_official_answer=has_official),
                       execution_options={"synchronize_session": False})
    question = db.session.identity_map.get(db.session.identity_key(Post, question_id))
    if question is not None:
        db.session.expire(question, ["has_official_answer"])


def mark_official(moderator: User, answer: Answer, note: str = "") -> None:
    """Vouch for an answer (or re-confirm it, which renews its review date and lifts a suspension)."""
    require_moderator(moderator)
    if answer.deleted_at is not None:
        raise NotAllowed(_l("This post has been deleted."))
    lock_users(moderator.id, answer.author_id)
    db.session.refresh(answer)  # read after the lock: a mark another moderator just made is a re-confirmation
    before = _official_state(answer)
    months = current_app.config["OFFICIAL_REVIEW_MONTHS"]
    now = clock.now()
    answer.official_at, answer.official_by_id, answer.official_suspended_at = now, moderator.id, None
    answer.official_note = typed_text.single_line(note)[:200] or None
    answer.official_review_due_at = now + timedelta(days=round(months * 30.44))
    db.session.flush()
    refresh_official_flag(answer.question_id)
    ledger.sync({sources.OfficialSource(answer.id)}, actor_id=moderator.id)
    awards.check("official", answer.author_id)
    audit.record(moderator, "reconfirm_official" if before["official"] else "mark_official", "post", answer.id,
                 note, before, _official_state(answer))
    if not before["official"]:
        events.emit(events.AnswerMarkedOfficial(answer, moderator))


def unmark_official(moderator: User, answer: Answer) -> None:
    require_moderator(moderator)
    if answer.official_at is None:
        raise Conflict(_l("This answer is not marked official."))
    lock_users(moderator.id, answer.author_id)
    before = _official_state(answer)
    answer.official_at = answer.official_by_id = answer.official_note = answer.official_review_due_at = None
    answer.official_suspended_at = None
    db.session.flush()
    refresh_official_flag(answer.question_id)
    ledger.sync({sources.OfficialSource(answer.id)}, actor_id=moderator.id, cause="official_unmarked")
    audit.record(moderator, "unmark_official", "post", answer.id, "", before, _official_state(answer))


def official_answer_edited(editor: User, answer: Answer) -> None:
    """Someone outside the brand team changed an official answer (its author included): the brand never vouched
    for the new text, so the mark is suspended and the answer waits in Review due until a moderator re-confirms
    it or removes the mark (docs/decisions.md). The reputation and badges it earned stay until then."""
    if answer.official_at is None or answer.official_suspended_at is not None or editor.is_moderator:
        return
    answer.official_suspended_at = answer.official_review_due_at = clock.now()
    db.session.flush()
    refresh_official_flag(answer.question_id)


def review_now(answer: Answer) -> None:
    """Readers say the official answer is outdated or did not work (app/satisfaction): it waits in Review due
    from now, as on its review date, until a moderator re-confirms it or removes the mark."""
    answer.official_review_due_at = clock.now()
    db.session.flush()


def _official_state(answer: Answer) -> dict:
    return {"official": answer.official_at is not None, "note": answer.official_note,
            "suspended": answer.official_suspended_at is not None,
            "review_due": answer.official_review_due_at.isoformat() if answer.official_review_due_at else None}
