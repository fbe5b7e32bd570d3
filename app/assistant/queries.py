"""Reads for the assistant's pages: a session from its hand-over link, the ask form filled from it, and the
threads the assistant offered (to the customer handing over, and to the brand team beside the question)."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import select

from app.assistant import links, operations, replies
from app.assistant.confidence import NOTHING
from app.extensions import db
from app.models import AssistantHandover, AssistantSession, Post, Question


def session_from_link(session_id: int, token: str) -> tuple[AssistantSession, str]:
    """The session a hand-over link names, with its key; 404 for a link not ours, changed, too old, or whose
    session was deleted."""
    read = links.read_handover_token(token or "")
    if read is None or read[0] != session_id:
        abort(404)
    try:
        return operations.session_with_key(*read), read[1]
    except operations.UnknownSession:
        abort(404)


def session_with_key(session_id: int, key: str) -> AssistantSession:
    try:
        return operations.session_with_key(session_id, key or "")
    except operations.UnknownSession:
        abort(404)


def offered_questions(offered: list) -> list[Question]:
    """The offered threads that are still public, in the order they were offered (each once)."""
    ids = list(dict.fromkeys(pair[0] for pair in offered or [] if pair and isinstance(pair[0], int)))
    if not ids:
        return []
    found = {q.id: q for q in db.session.scalars(select(Question).where(
        Question.id.in_(ids), Post.deleted_at.is_(None), Post.hidden_at.is_(None)))}
    return [found[i] for i in ids if i in found]


def suggested_tags(offered: list) -> list[str]:
    ids = list(dict.fromkeys(pair[0] for pair in offered or [] if pair))
    return [name for name, _id in replies.tag_counts(ids)][:replies.SUGGESTED_TAGS]


def handover_values(session: AssistantSession) -> dict:
    """The ask form as the customer left it: the ask page's own fields, or a title proposed from the help box's
    text (its first sentence) with all of it as the details; tags as typed, else those of the offered threads."""
    if session.channel == "ask" and session.title:
        title, body = session.title, session.text
    else:
        title, _rest = replies.split_title(session.text)
        body = session.text
    return {"title": title, "body": body, "tags": session.tags or " ".join(suggested_tags(session.offered))}


@dataclass(frozen=True)
class HandoverView:
    """What the hand-over form shows of the session: whether the assistant found anything, and what."""

    found_nothing: bool
    offered: list[Question]


def handover_view(session: AssistantSession) -> HandoverView:
    return HandoverView(session.outcome == NOTHING, offered_questions(session.offered))


def handovers(question_ids: list[int]) -> dict[int, AssistantHandover]:
    if not question_ids:
        return {}
    return {h.question_id: h for h in db.session.scalars(
        select(AssistantHandover).where(AssistantHandover.question_id.in_(question_ids)))}

