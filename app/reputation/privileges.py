"""Privileges that grow with reputation: thresholds in one table, overridable with PRIVILEGE_THRESHOLDS.

Defaults suit a brand community (smaller than Stack Overflow's). Moderators and admins have them all.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from flask import current_app

from app.errors import NotAllowed
from app.guards import SIGNED_OUT, Refusal, Verdict, guard, signed_in
from app.i18n import lazy_gettext as _l

DEFAULT_THRESHOLDS = {
    "vote.up": 5,
    "image.post": 10,  # as Stack Exchange's new users: no pictures from a brand-new account
    "flag.post": 15,
    "comment.others": 15,
    "vote.down": 50,
    "edit.others": 500,
    "votes.split": 500,
    "close.vote": 1000,
}


@dataclass(frozen=True)
class Privilege:
    key: str
    name: object  # lazy string
    description: object


PRIVILEGES = [
    Privilege("vote.up", _l("Vote up"), _l("Tell the community which questions and answers are useful.")),
    Privilege("image.post", _l("Post images"),
              _l("Add photos and screenshots to your questions and answers, from your phone's camera or your "
                 "computer (a number each day, fewer while you are new), and images from other sites.")),
    Privilege("flag.post", _l("Flag posts"), _l("Bring spam, offensive or outdated posts to the moderators.")),
    Privilege("comment.others", _l("Comment everywhere"),
              _l("Comment on other people's posts (you can always comment on your own posts and on answers "
                 "to your questions).")),
    Privilege("vote.down", _l("Vote down"), _l("Mark answers that are wrong or unhelpful.")),
    Privilege("edit.others", _l("Edit other people's posts"), _l("Fix mistakes and improve any question or answer.")),
    Privilege("votes.split", _l("See up and down votes"), _l("See how many up and down votes make a score.")),
    Privilege("close.vote", _l("Vote to close and reopen"), _l("Help keep the community tidy.")),
]
_BY_KEY = {p.key: p for p in PRIVILEGES}

# Replaying history (the demo seed, imports) must not be refused by today's thresholds.
_trusted: ContextVar[bool] = ContextVar("privileges_trusted", default=False)


class Member(Protocol):
    """Whom a privilege is asked about: a user, or a page's stand-in for every member of one standing."""

    @property
    def is_authenticated(self) -> bool: ...
    @property
    def is_moderator(self) -> bool: ...
    @property
    def reputation(self) -> int: ...


@contextmanager
def replaying_history() -> Iterator[None]:
    token = _trusted.set(True)
    try:
        yield
    finally:
        _trusted.reset(token)


def threshold(key: str) -> int:
    return int({**DEFAULT_THRESHOLDS, **current_app.config.get("PRIVILEGE_THRESHOLDS", {})}[key])


def has(user: Member | None, key: str) -> bool:
    if user is None or not signed_in(user):
        return False
    return _trusted.get() or user.is_moderator or user.reputation >= threshold(key)


def _shortfall(user: Member, key: str) -> str:
    return _l("“%(privilege)s” needs %(rep)s reputation; you have %(have)s. "
              "The privileges page explains how to earn it.",
              privilege=_BY_KEY[key].name, rep=threshold(key), have=user.reputation)


def refusal(user: Member | None, key: str) -> Refusal:
    """Why `has` is false: the visitor must log in, the member needs more reputation."""
    if user is None or not signed_in(user):
        return SIGNED_OUT
    return Refusal(NotAllowed, partial(_shortfall, user, key))


def allows(user: Member | None, key: str) -> Verdict:
    """`has`, with the reason when it is false (for the permissions built on a privilege)."""
    return True if has(user, key) else refusal(user, key)


require = guard(has, refusal)
