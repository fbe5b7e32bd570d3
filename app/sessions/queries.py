"""Reads: a member's open sessions, most recently seen first, as the sessions page shows them."""

from dataclasses import dataclass
from datetime import datetime

from flask import abort
from sqlalchemy import select

from app.extensions import db
from app.models import User
from app.models.sign_in import UserSession
from app.sessions import places
from app.sessions.devices import describe

SHOWN = 50


@dataclass(frozen=True)
class SessionRow:
    id: int
    device: str
    address: str
    place: str | None  # from the local database of networks, when there is one
    method: str
    created_at: datetime
    last_seen_at: datetime
    is_current: bool


def get_own_session(user: User, session_id: int) -> UserSession:
    """One of the member's sessions, or 404 (another member's sessions are not theirs to know of)."""
    row = db.session.get(UserSession, session_id)
    if row is None or row.user_id != user.id:
        abort(404)
    return row


def list_sessions(user: User) -> list[SessionRow]:
    rows = db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)
                              .order_by(UserSession.last_seen_at.desc()).limit(SHOWN))
    current = getattr(user, "current_session_key", None)
    return [SessionRow(row.id, describe(row.user_agent), row.address, places.place(row.address), row.method,
                       row.created_at, row.last_seen_at, row.key == current) for row in rows]
