"""Domain events: what just happened, told to whoever listens (notifications, webhooks).

Listeners run inside the transaction of the change that caused the event and only add rows (an inbox entry,
a queued e-mail, a queued webhook delivery), so an event is stored with its cause or not at all. Whatever
leaves the process is sent after commit by the module that owns it.

Events and their keyword arguments:
    question.asked      question
    answer.posted       answer, question
    comment.posted      comment, post
    answer.accepted     answer, user (who accepted)
    answer.official     answer, moderator
    faq.promoted        entry, question, moderator
    badges.awarded      awards (rows: user_id, badge, ...)
    moderation.action   action (the audit row), moderator
    flag.created        flag, post
    post.signal         signal (a PostSignal: unhappy, personal_data, still_unsolved)
"""

from collections import defaultdict
from typing import Callable

_listeners: dict[str, list[Callable]] = defaultdict(list)


def listen(name: str, listener: Callable) -> None:
    """Register once (several apps in one process register the same function again)."""
    if listener not in _listeners[name]:
        _listeners[name].append(listener)


def emit(name: str, **payload) -> None:
    for listener in _listeners.get(name, ()):
        listener(**payload)
