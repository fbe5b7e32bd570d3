"""What just happened, told to whoever listens: the typed events, and the one registry of their listeners.

An operation calls directly what defines its action (the ledger, the badge rules, the counters) and announces
the rest with `emit(SomeEvent(...))`; a feature package reacts by `subscribe(SomeEvent, listener)` in its
`init_app`. Listeners run at once, inside the transaction of the change, and only add or change rows, so what
they write is committed or rolled back with its cause. Work outside the database (e-mail, webhooks, the search
index) is queued by a listener with `dispatch.after_commit` and done after the commit (docs/architecture.md).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import (
    Answer,
    Comment,
    FaqEntry,
    Flag,
    ModerationAction,
    Post,
    PostSignal,
    Question,
    User,
)


class Event:
    """Base of every event (a frozen dataclass)."""


# -- Content: asked, answered, commented, edited, deleted, accepted, vouched for, voted on -------------------

@dataclass(frozen=True)
class QuestionAsked(Event):
    question: Question


@dataclass(frozen=True)
class AnswerPosted(Event):
    answer: Answer
    question: Question


@dataclass(frozen=True)
class CommentPosted(Event):
    comment: Comment
    post: Post  # the question or answer commented on


@dataclass(frozen=True)
class PostEdited(Event):
    post: Post
    editor: User


@dataclass(frozen=True)
class PostDeleted(Event):
    post: Post
    user: User  # who deleted it


@dataclass(frozen=True)
class AnswerAccepted(Event):
    answer: Answer
    user: User  # the asker, who accepted


@dataclass(frozen=True)
class AnswerMarkedOfficial(Event):
    """First marked official (a re-confirmation is not announced again)."""

    answer: Answer
    moderator: User


@dataclass(frozen=True)
class ScoreChanged(Event):
    """Posts' scores moved by an UPDATE statement (votes, a fraud reversal, a counter rebuild), which no flush
    shows: the question lists and the search index rank by score."""

    post_ids: frozenset[int]


# -- The brand team and the community's care --------------------------------------------------------------

@dataclass(frozen=True)
class FlagRaised(Event):
    flag: Flag
    post: Post


@dataclass(frozen=True)
class PostSignalled(Event):
    """A heuristic found something in a post (unhappy, personal_data, still_unsolved): a new open signal."""

    signal: PostSignal


@dataclass(frozen=True)
class ModerationRecorded(Event):
    """A line was added to the moderation log (app/audit.py)."""

    action: ModerationAction
    moderator: User | None  # none when no person did it (a role an OpenID provider's groups gave)


@dataclass(frozen=True)
class QuestionAssigned(Event):
    """A moderator gave a waiting question to a colleague (a claim held in the colleague's name)."""

    question: Question
    assignee: User
    moderator: User


@dataclass(frozen=True)
class PostRedacted(Event):
    """Personal data was removed from a post and its history: each copy of its text kept elsewhere loses it.
    `scrub` rewrites one copy; every affected copy contains one of `needles` (to find them in SQL)."""

    post: Post
    scrub: Callable[[str], str]
    needles: tuple[str, ...]


@dataclass(frozen=True)
class FaqPromoted(Event):
    entry: FaqEntry
    question: Question
    moderator: User


@dataclass(frozen=True)
class BadgesAwarded(Event):
    awards: tuple[dict, ...]  # the award rows inserted: user_id, badge, post_id, tag_id, awarded_at


# -- From the session itself (app/session_hooks.py) --------------------------------------------------------

@dataclass(frozen=True)
class RowsFlushed(Event):
    """A flush wrote these objects. For reactions that follow rows rather than actions: whatever operation
    changed a question's text, its search document is due (the operations know nothing of search)."""

    session: Session
    new: tuple
    dirty: tuple
    deleted: tuple

    def written(self, *types: type) -> Iterable[Any]:
        """Every new, changed or deleted object of these types."""
        for group in (self.new, self.dirty, self.deleted):
            yield from (obj for obj in group if isinstance(obj, types))

    @cached_property
    def question_ids(self) -> frozenset[int]:
        """The questions whose question, answers, comments or FAQ entry this flush wrote (read once per flush,
        however many listeners ask)."""
        question_ids, commented = set(), set()
        for obj in self.written(Post, Comment, FaqEntry):
            if isinstance(obj, Post) and obj.id is not None:
                question_ids.add(obj.id if obj.kind == "question" else obj.parent_id)
            elif isinstance(obj, Comment) and obj.post_id is not None:
                commented.add(obj.post_id)
            elif isinstance(obj, FaqEntry) and obj.question_id is not None:
                question_ids.add(obj.question_id)
        if commented:  # a comment may be on an answer: its question is the answer's parent
            question_ids.update(self.session.connection().scalars(
                select(func.coalesce(Post.parent_id, Post.id)).where(Post.id.in_(commented))))
        return frozenset(q for q in question_ids if q is not None)


@dataclass(frozen=True)
class RowsDeletedByStatement(Event):
    """A DELETE statement (not a flush of loaded objects) removed rows of this table."""

    session: Session
    table: str


@dataclass(frozen=True)
class Committing(Event):
    """The outermost transaction is about to commit, everything flushed: the last statements it runs are the
    transaction's own (a change stamp moved), taking their row locks only for the instant before the commit."""

    session: Session


# -- The registry -------------------------------------------------------------------------------------------

E = TypeVar("E", bound=Event)
_listeners: dict[type[Event], list[Callable[[Any], None]]] = {}


def subscribe(event_type: type[E], listener: Callable[[E], None]) -> None:
    """Call `listener(event)` for every event of this type, in the order of subscription. Subscribing the same
    listener again changes nothing (every app created in one process subscribes the same functions)."""
    listeners = _listeners.setdefault(event_type, [])
    if listener not in listeners:
        listeners.append(listener)


@dataclass(frozen=True)
class Subscription(Generic[E]):
    """One listener with the event type it takes, paired where a package lists its listeners, so that the type
    checker sees each listener's parameter match its event."""

    event_type: type[E]
    listener: Callable[[E], None]


def subscribe_all(subscriptions: Iterable[Subscription[Any]]) -> None:
    for subscription in subscriptions:
        subscribe(subscription.event_type, subscription.listener)


def emit(event: Event) -> None:
    for listener in _listeners.get(type(event), ()):
        listener(event)


def listeners_of(event_type: type[Event]) -> tuple[Callable, ...]:
    return tuple(_listeners.get(event_type, ()))
