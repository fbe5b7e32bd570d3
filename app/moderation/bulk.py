"""Bulk actions from the care queue: the rows a moderator ticked, claimed ("I'm on it"), closed as off-topic,
locked, or their flags dismissed, each through the same operation as one row's button (so each is in the audit
log), after one confirmation page. What cannot be done to a row (already closed, already locked, no open flags,
a colleague's claim, gone) is refused for that row alone and said in the summary; the others are done."""

from dataclasses import dataclass, field
from typing import cast

from flask import abort
from sqlalchemy import select

from app.errors import Conflict, Invalid
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.models import Answer, Flag, Post, Question, User
from app.moderation import claims, operations
from app.parameters import row_id
from app.permissions import require_moderator

# What each tab offers: questions are closed or locked; a flagged post's flags are dismissed (closing or locking a
# flagged answer acts on its question).
TAB_ACTIONS = {"waiting": ("claim", "close-off-topic", "lock"), "unresolved": ("claim", "close-off-topic", "lock"),
               "unhappy": ("claim", "close-off-topic", "lock"), "flags": ("dismiss-flags", "close-off-topic", "lock")}
ACTIONS = {"claim": _l("I'm on it"), "close-off-topic": _l("Close as off-topic"), "lock": _l("Lock"),
           "dismiss-flags": _l("Dismiss flags")}
DONE = {"claim": _l("You are on it"), "close-off-topic": _l("Closed as off-topic"), "lock": _l("Locked"),
        "dismiss-flags": _l("Flags dismissed")}
MOST = 100  # rows at once: a queue tab's page


@dataclass(frozen=True)
class Selection:
    action: str
    posts: list[Post]  # in the order ticked; answers for their flags, else questions


@dataclass
class Outcome:
    done: list[Post] = field(default_factory=list)
    refused: list[tuple[Post, str]] = field(default_factory=list)


def selection(args) -> Selection:
    """The action and rows sent by the queue's form (400 for an unknown action, no row or too many)."""
    action = args.get("action", "")
    ids = list(dict.fromkeys(_ids(args.getlist("post"))))
    if action not in ACTIONS:
        raise Invalid(_l("Choose what to do with the selected rows."), "action")
    if not ids:
        raise Invalid(_l("Tick at least one row of the queue."), "post")
    if len(ids) > MOST:
        raise Invalid(_l("Choose at most %(n)s rows at once.", n=MOST), "post")
    found = {p.id: p for p in db.session.scalars(select(Post).where(Post.id.in_(ids), Post.deleted_at.is_(None)))}
    if not found:
        raise Invalid(_l("The ticked rows are no longer in the queue."), "post")
    return Selection(action, [found[i] for i in ids if i in found])


def _ids(values: list[str]) -> list[int]:
    try:
        return [number for number in map(row_id, values) if number]
    except ValueError:
        abort(400)


def thread_of(post: Post) -> Question:
    return post if isinstance(post, Question) else cast(Answer, post).question


def act(moderator: User, chosen: Selection) -> Outcome:
    """Each row through its own operation; a refusal leaves that row as it was and the others go on."""
    require_moderator(moderator)
    outcome = Outcome()
    for post in chosen.posts:
        refusal = _refusal(chosen.action, post)
        if refusal is None:
            try:
                _act(moderator, chosen.action, post)
            except Conflict as conflict:  # a colleague's claim, seen only once the question's row is locked
                refusal = str(conflict.message)
        if refusal is None:
            outcome.done.append(post)
        else:
            outcome.refused.append((post, refusal))
    return outcome


def _refusal(action: str, post: Post) -> str | None:
    thread = thread_of(post)
    if action in ("close-off-topic", "claim") and thread.closed_reason is not None:
        return str(_l("already closed"))
    if action == "lock" and thread.locked_at is not None:
        return str(_l("already locked"))
    if action == "dismiss-flags" and not db.session.scalar(
            select(Flag.id).where(Flag.post_id == post.id, Flag.status == "open").limit(1)):
        return str(_l("no open flags"))
    return None


def _act(moderator: User, action: str, post: Post) -> None:
    thread = thread_of(post)
    if action == "claim":
        claims.claim_question(moderator, thread)
    elif action == "close-off-topic":
        operations.close_question(moderator, thread, "off-topic", None)
    elif action == "lock":
        operations.toggle_lock(moderator, thread)
    else:
        operations.resolve_flags(moderator, post, "dismiss")
