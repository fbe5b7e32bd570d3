"""What the brand team keeps on a question for itself: who is on it (a claim, which lapses after
CLAIM_HOURS) and its internal notes. Read by the care queue and by the brand team's question page (a slot of
it that only the team's readers fill); written by app/moderation/claims.py and app/moderation/notes.py."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import InternalNote, QuestionClaim, User


def claim_lifetime() -> timedelta:
    return timedelta(hours=current_app.config["CLAIM_HOURS"])


def active_claims(now: datetime | None = None):
    """The claims that hold now, as a statement (the queue filters on it)."""
    return select(QuestionClaim).where(QuestionClaim.moderator_id.is_not(None),
                                       QuestionClaim.expires_at > (now or clock.now()))


def claims_of(question_ids: list[int], now: datetime | None = None) -> dict[int, QuestionClaim]:
    """The claims holding now on these questions, by question."""
    if not question_ids:
        return {}
    return {c.question_id: c for c in db.session.scalars(
        active_claims(now).where(QuestionClaim.question_id.in_(question_ids)))}


@dataclass(frozen=True)
class NoteView:
    id: int
    author_id: int | None
    author_name: str | None
    body_markdown: str
    body_html: str
    created_at: datetime
    edited_at: datetime | None


@dataclass(frozen=True)
class Desk:
    """The team's part of one question page: the claim holding now (holder, who assigned it, until when), the
    colleagues it can be assigned to, and the notes, oldest first."""

    question_id: int
    holder_id: int | None
    holder_name: str | None
    assigned_by_name: str | None
    expires_at: datetime | None
    colleagues: tuple[tuple[int, str], ...]
    notes: tuple[NoteView, ...]


def moderators() -> list[User]:
    return list(db.session.scalars(select(User).where(User.role.in_(("moderator", "admin")))
                                   .order_by(User.username)))


def desk(question_id: int, now: datetime | None = None) -> Desk:
    claim = claims_of([question_id], now).get(question_id)
    notes = db.session.scalars(select(InternalNote).where(InternalNote.question_id == question_id)
                               .order_by(InternalNote.created_at, InternalNote.id))
    return Desk(question_id, claim.moderator_id if claim else None,
                claim.moderator.name if claim and claim.moderator else None,
                claim.assigned_by.name if claim and claim.assigned_by else None,
                claim.expires_at if claim else None,
                tuple((user.id, user.name) for user in moderators()),
                tuple(NoteView(n.id, n.author_id, n.author.name if n.author else None, n.body_markdown, n.body_html,
                               n.created_at, n.edited_at) for n in notes))
