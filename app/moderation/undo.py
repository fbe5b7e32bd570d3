"""Undoing what a moderator did to a flagged post (hiding it, deleting it, deleting it as spam) for a short while
after: the post comes back as it was, its flags open again, and the reputation follows through the ledger (the
restore's `ledger.sync`), never by edited numbers. The undo is an entry of the log of its own."""

from datetime import datetime, timedelta

from sqlalchemy import select

from app import audit, clock
from app.errors import Conflict
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.locking import lock_posts
from app.models import Answer, Flag, ModerationAction, Post, User
from app.moderation import operations
from app.permissions import require_moderator
from app.questions.operations import undelete_post

WINDOW_MINUTES = 10
WINDOW = timedelta(minutes=WINDOW_MINUTES)
UNDOABLE = ("hide", "delete", "delete_spam")


def _newer_on_target(entry: ModerationAction) -> bool:
    """Something was done to the post since (an undo included): undoing the older action would undo that too."""
    return db.session.scalar(select(ModerationAction.id).where(
        ModerationAction.target_type == entry.target_type, ModerationAction.target_id == entry.target_id,
        ModerationAction.id > entry.id).limit(1)) is not None


def _refusal(entry: ModerationAction, now: datetime):
    """Why this entry cannot be undone now, or None when it can: one rule for the offer and the undo."""
    if entry.action not in UNDOABLE or entry.target_type != "post":
        return _l("This action cannot be undone.")
    if now - entry.created_at > WINDOW:
        return _l("It is too late to undo this: an action can be undone for %(minutes)s minutes.",
                  minutes=WINDOW_MINUTES)
    if _newer_on_target(entry):
        return _l("This post has been changed since: it cannot be undone from here.")
    return None


def undoable(entry: ModerationAction, now: datetime | None = None) -> bool:
    """Whether the log offers to undo this entry now."""
    return _refusal(entry, now or clock.now()) is None


def undo(moderator: User, entry: ModerationAction) -> ModerationAction:
    require_moderator(moderator)
    if entry.target_type == "post":
        lock_posts(entry.target_id)  # two moderators undoing at once: the second finds the first's undo
    refusal = _refusal(entry, clock.now())
    if refusal is not None:
        raise Conflict(refusal)
    post = db.session.get(Post, entry.target_id)
    if post is None:
        raise Conflict(_l("This post no longer exists."))
    if entry.action == "hide":
        post.hidden_at = None
        operations.visibility_changed(post)
        restored = audit.record(moderator, "undo", "post", post.id, "", {"hidden": True}, {"hidden": False})
    else:
        _give_acceptance_back(post, entry)
        restored = undelete_post(moderator, post, action="undo")  # its ledger sync covers the acceptance too
        _reopen_flags(post, entry)
    restored.after = {**(restored.after or {}), "undoes": entry.id}
    return restored


def _give_acceptance_back(post: Post, entry: ModerationAction) -> None:
    """The deletion took the answer's acceptance away; it comes back unless the asker has accepted another since."""
    if (entry.before or {}).get("accepted") and isinstance(post, Answer) and post.question.accepted_answer_id is None:
        post.question.accepted_answer_id = post.id


def _reopen_flags(post: Post, entry: ModerationAction) -> None:
    """The flags the deletion handled wait again, and the post is hidden again if they had hidden it."""
    before = entry.before or {}
    flag_ids = before.get("open_flags")
    if isinstance(flag_ids, list) and flag_ids:
        for flag in db.session.scalars(select(Flag).where(Flag.id.in_(flag_ids), Flag.post_id == post.id)):
            flag.status, flag.resolved_by_id, flag.resolved_at = "open", None, None
    if before.get("hidden"):
        post.hidden_at = clock.now()
        operations.visibility_changed(post)
