"""What customers do with the assistant: ask (a session is recorded with what it offered), say it solved their
problem or not, hand their question over to people, and what `flask assistant prune` deletes. Each flushes and
never commits.

A session belongs to whoever holds its key (a random secret given to their page or API client, stored only as
a digest): feedback and the hand-over need it, so nobody else can act on a visitor's session."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete

from app import clock
from app.assistant import replies
from app.assistant.confidence import NOTHING
from app.assistant.replies import Reply
from app.errors import Conflict, Invalid
from app.extensions import db, rowcount
from app.i18n import lazy_gettext as _l
from app.models import AssistantHandover, AssistantSession, Question, User
from app.questions import operations as questions
from app.questions.operations import BODY_MAX

SOLVED, NOT_HELPFUL = "solved", "not_helpful"


class UnknownSession(LookupError):
    """No session has this id and key (or it was deleted): the caller answers 404."""


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def check_text(text: str, title: str = "", channel: str = "help") -> None:
    """Something to read, and no more than a question could hold (a longer text is refused, never cut: it is
    the customer's, and a question handed over carries all of it). On the ask page the errors go to its title
    and details fields; elsewhere to the one box."""
    if not (title.strip() or text.strip()):
        raise Invalid(_l("Describe your problem in a few words."), "title" if channel == "ask" else "text")
    if len(text) > BODY_MAX:
        raise Invalid(_l("Use at most %(n)s characters (you entered %(count)s).", n=BODY_MAX, count=len(text)),
                      "body" if channel == "ask" else "text")


def start_session(user: User | None, channel: str, reply: Reply, text: str, title: str = "", tags: str = "",
                  feedback: str | None = None) -> tuple[AssistantSession, str]:
    """Record what was asked and what the assistant offered; returns the session and its key (shown once)."""
    check_text(text, title, channel)
    key = secrets.token_urlsafe(18)
    now = clock.now()
    session = AssistantSession(
        key_hash=digest(key), created_at=now, user_id=user.id if user is not None and user.is_authenticated else None,
        channel=channel, language=reply.language, title=title.strip()[:1000], text=text.strip(),
        tags=tags.strip()[:200], outcome=reply.outcome, confidence=round(reply.confidence, 3), topic=reply.topic,
        topic_words=reply.topic_words, tag_id=reply.tag_id, offered=reply.offered, feedback=feedback,
        feedback_at=now if feedback else None)
    db.session.add(session)
    db.session.flush()
    return session, key


def ask(user: User | None, channel: str, text: str, language: str, title: str = "", tags: str = "",
        feedback: str | None = None) -> tuple[Reply, AssistantSession, str]:
    """The assistant's reply to these words (`language`: the reader's), recorded as a session."""
    check_text(text, title, channel)
    reply = replies.reply(text, language, title)
    session, key = start_session(user, channel, reply, text, title, tags, feedback)
    return reply, session, key


def session_with_key(session_id: int, key: str) -> AssistantSession:
    """The session, if `key` is its key."""
    session = db.session.get(AssistantSession, session_id)
    if session is None or not key or not hmac.compare_digest(session.key_hash, digest(key)):
        raise UnknownSession(session_id)
    return session


def record_feedback(session: AssistantSession, feedback: str) -> None:
    """"This solved it" or "Not what I need"; the customer may change their mind until the question is posted."""
    if feedback not in (SOLVED, NOT_HELPFUL):
        raise Invalid(_l("Choose whether this solved your problem."), "feedback")
    if session.handed_over_at is not None:
        raise Conflict(_l("This conversation is already a question for the team."))
    if session.feedback != feedback:
        session.feedback, session.feedback_at = feedback, clock.now()


def hand_over(user: User, session: AssistantSession, title: str, body: str, tags: str, language: str | None,
              allow_personal_data: bool = False, interface_language: str | None = None) -> Question:
    """Post the customer's question (as the ask form would: the same rules and consequences, followers notified)
    and keep with it what the assistant offered, for the brand team; the session now belongs to the poster."""
    if session.user_id is not None and session.user_id != user.id:
        raise UnknownSession(session.id)  # another member's session: its key went astray
    if session.handed_over_at is not None:
        raise Conflict(_l("This conversation is already a question for the team."))
    question = questions.ask_question(user, title, body, tags, language, allow_personal_data,
                                      interface_language=interface_language)
    session.user_id, session.question_id, session.handed_over_at = user.id, question.id, question.created_at
    if session.feedback is None and session.outcome != NOTHING:
        session.feedback, session.feedback_at = NOT_HELPFUL, question.created_at
    db.session.add(AssistantHandover(question_id=question.id, handed_over_at=question.created_at,
                                     outcome=session.outcome, offered=list(session.offered or [])))
    db.session.flush()
    return question


def prune(days: int | None = None) -> int:
    """Delete the sessions begun more than ASSISTANT_RETENTION_DAYS ago; returns how many. A question handed
    over keeps its hand-over (it is part of the public question now)."""
    days = int(current_app.config["ASSISTANT_RETENTION_DAYS"] if days is None else days)
    return rowcount(db.session.execute(delete(AssistantSession).where(
        AssistantSession.created_at < clock.now() - timedelta(days=days))))
