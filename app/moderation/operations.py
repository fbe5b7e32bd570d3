"""What only the brand team does: handle flags, close, lock and dismiss. Vouching for answers is in
app/questions/official_answers.py (answering and editing follow its rules too); redaction has its own module
(app/moderation/redaction.py)."""

from flask import current_app
from sqlalchemy import func, select

from app import audit, clock, events, typed_text
from app.errors import Conflict, Invalid, NotAllowed
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.locking import lock_posts
from app.models import FLAG_REASONS, Flag, ModerationAction, Post, PostSignal, Question, User
from app.permissions import require_moderator
from app.questions import official_answers
from app.questions.operations import delete_post
from app.reputation import privileges

CLOSE_REASONS = ("duplicate", "off-topic", "needs-details", "solved-elsewhere")
HIDING_REASONS = ("spam", "offensive")
CLOSE_REASON_LABELS = {"duplicate": _l("duplicate of another question"), "off-topic": _l("off-topic"),
                       "needs-details": _l("needs more details"), "solved-elsewhere": _l("solved elsewhere")}
FLAG_REASON_LABELS = {"spam": _l("Spam"), "offensive": _l("Offensive or abusive"), "off-topic": _l("Off-topic"),
                      "incorrect-or-outdated": _l("Incorrect or outdated"),
                      "needs-brand-answer": _l("Needs an answer from the brand"),
                      "personal-data": _l("Contains personal data"), "other": _l("Something else")}


def flag_post(user: User, post: Post, reason: str, text: str) -> Flag:
    privileges.require(user, "flag.post")
    if reason not in FLAG_REASONS:
        raise Invalid(_l("Choose a reason for the flag."), "reason")
    text = typed_text.multi_line(text)
    if reason == "other" and len(text) < 10:
        raise Invalid(_l("Tell the moderators what is wrong (at least 10 characters)."), "text")
    if len(text) > 500:
        raise Invalid(_l("Use at most %(n)s characters.", n=500), "text")
    if post.author_id == user.id:
        raise NotAllowed(_l("You cannot flag your own post."))
    lock_posts(post.id)  # flags on a post are read after this: a resent flag is found, and a third one hides it
    if db.session.scalar(select(Flag.id).where(Flag.post_id == post.id, Flag.user_id == user.id)):
        raise Conflict(_l("You have already flagged this post. The moderators will look at it."))
    flag = Flag(post_id=post.id, user_id=user.id, reason=reason, text=text, created_at=clock.now())
    db.session.add(flag)
    db.session.flush()
    _hide_if_flagged_enough(post)
    events.emit(events.FlagRaised(flag, post))
    return flag


def _hide_if_flagged_enough(post: Post) -> None:
    limit = current_app.config["FLAGS_TO_HIDE"]
    count = db.session.scalar(select(func.count(func.distinct(Flag.user_id))).where(
        Flag.post_id == post.id, Flag.status == "open", Flag.reason.in_(HIDING_REASONS)))
    if count >= limit and post.hidden_at is None:
        post.hidden_at = clock.now()
        visibility_changed(post)


def visibility_changed(post: Post) -> None:
    if post.kind == "answer":
        db.session.flush()
        official_answers.refresh_official_flag(post.question_id)


FLAG_OUTCOMES = ("dismiss", "hide", "delete", "delete-spam")
# Outcomes a moderator confirms first on a page (or a dialog) of their own: they cost the author the post.
CONFIRMED_OUTCOMES = ("delete", "delete-spam")


def resolve_flags(moderator: User, post: Post, outcome: str, reason: str = "") -> ModerationAction:
    """Dismiss a post's open flags (and show it again), hide the post while they stay open, or act on them by
    deleting the post. Returns the log's entry; a hiding or a deletion can be undone from it (undo.py)."""
    require_moderator(moderator)
    if outcome not in FLAG_OUTCOMES:
        raise Invalid(_l("Choose what to do with the flags."), "outcome")
    open_flags = list(db.session.scalars(select(Flag).where(Flag.post_id == post.id, Flag.status == "open")))
    if not open_flags:
        raise Conflict(_l("These flags have already been handled."))
    if outcome == "hide":
        return _hide(moderator, post, reason)
    now = clock.now()
    for flag in open_flags:
        flag.status = "dismissed" if outcome == "dismiss" else "acted"
        flag.resolved_by_id, flag.resolved_at = moderator.id, now
    hidden_before = post.hidden_at is not None
    post.hidden_at = None
    if hidden_before:
        visibility_changed(post)
    # The flags handled, by id: an undo opens them again.
    flags_before = {"open_flags": [flag.id for flag in open_flags], "hidden": hidden_before}
    if outcome == "dismiss":
        return audit.record(moderator, "flags_dismissed", "post", post.id, reason, flags_before, {"hidden": False})
    entry = delete_post(moderator, post, as_spam=outcome == "delete-spam", reason=reason)
    if entry is None:  # a moderator's own post: the deletion is not logged, handling its flags is
        return audit.record(moderator, "flags_acted", "post", post.id, reason, flags_before, {"hidden": False})
    entry.before = {**(entry.before or {}), **flags_before}
    return entry


def _hide(moderator: User, post: Post, reason: str) -> ModerationAction:
    """Out of the public's sight at once, the flags still open: dismissing them shows it again, deleting ends it."""
    if post.hidden_at is not None:
        raise Conflict(_l("This post is already hidden."))
    post.hidden_at = clock.now()
    visibility_changed(post)
    return audit.record(moderator, "hide", "post", post.id, reason, {"hidden": False}, {"hidden": True})


def close_question(moderator: User, question: Question, reason: str, duplicate_of: Question | None) -> None:
    require_moderator(moderator)
    if reason not in CLOSE_REASONS:
        raise Invalid(_l("Choose why the question is closed."), "reason")
    if reason == "duplicate" and (duplicate_of is None or duplicate_of.id == question.id
                                  or not duplicate_of.is_public):
        raise Invalid(_l("Give the number or address of the question this one duplicates."), "duplicate_of")
    before = {"closed": question.closed_reason, "duplicate_of": question.duplicate_of_id}
    question.closed_reason, question.closed_at = reason, clock.now()
    question.duplicate_of_id = duplicate_of.id if reason == "duplicate" and duplicate_of is not None else None
    audit.record(moderator, "close", "post", question.id, reason, before,
                 {"closed": reason, "duplicate_of": question.duplicate_of_id})


def reopen_question(moderator: User, question: Question) -> None:
    require_moderator(moderator)
    if question.closed_reason is None:
        raise Conflict(_l("This question is not closed."))
    before = {"closed": question.closed_reason, "duplicate_of": question.duplicate_of_id}
    question.closed_reason = question.closed_at = question.duplicate_of_id = None
    audit.record(moderator, "reopen", "post", question.id, "", before, {"closed": None})


def toggle_lock(moderator: User, question: Question, reason: str = "") -> bool:
    require_moderator(moderator)
    locked = question.locked_at is None
    question.locked_at = clock.now() if locked else None
    audit.record(moderator, "lock" if locked else "unlock", "post", question.id, reason,
                 {"locked": not locked}, {"locked": locked})
    return locked


def dismiss_signal(moderator: User, signal: PostSignal) -> None:
    require_moderator(moderator)
    if signal.dismissed_at is not None:
        raise Conflict(_l("This has already been handled."))
    signal.dismissed_at, signal.dismissed_by_id = clock.now(), moderator.id
    audit.record(moderator, f"dismiss_{signal.kind}", "post", signal.post_id, signal.detail)
