"""Reads of saved replies: the management list, one reply, and the answer form's picker for a question."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import case, select

from app import permissions
from app.extensions import db
from app.models import Question, SavedReply, User
from app.replies import placeholders

LIMIT = 200  # a team's canned answers: the picker and the list show them all


def list_replies() -> list[SavedReply]:
    return list(db.session.scalars(select(SavedReply).order_by(SavedReply.language, SavedReply.title,
                                                               SavedReply.id).limit(LIMIT)))


def get_reply(reply_id: int) -> SavedReply:
    return db.session.get(SavedReply, reply_id) or abort(404)


def chosen(user: User, reply_id: int | None) -> SavedReply | None:
    """The reply picked in the answer form, for the brand team only (None for anyone else or no such reply)."""
    if reply_id is None or not permissions.is_moderator(user):
        return None
    return db.session.get(SavedReply, reply_id)


@dataclass(frozen=True)
class PickerOption:
    """A reply as the answer form's picker offers it: its text already filled in for the question."""
    id: int
    title: str
    language: str
    text: str


def picker(question: Question) -> tuple[PickerOption, ...]:
    """Every saved reply, those in the question's language first."""
    first = case((SavedReply.language == question.language, 0), else_=1)
    replies = db.session.scalars(select(SavedReply).order_by(first, SavedReply.language, SavedReply.title,
                                                             SavedReply.id).limit(LIMIT))
    return tuple(PickerOption(r.id, r.title, r.language, placeholders.fill(r.body, question, r.language))
                 for r in replies)
