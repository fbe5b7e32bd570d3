"""Opening, recognising and ending signed-in sessions.

A session is named in the Flask-Login id as "<user id>:<users.session_token>:<session key>" (docs/decisions.md,
"Sessions listed and ended one by one"): rotating the user's token still ends every session at once (log-out,
a new password, a suspension); deleting one row ends that session alone.
"""

import secrets
from datetime import timedelta

from flask import request
from sqlalchemy import delete, select

from app import clock
from app.errors import NotAllowed
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.models import User
from app.models.sign_in import UserSession
from app.models.user import new_session_token

# Page views stay reads: the last-seen time moves only when it is this much behind.
LAST_SEEN_PRECISION = timedelta(minutes=5)
# Sessions not seen for this long are forgotten (a remember-me cookie lasts a year by default).
FORGET_AFTER = timedelta(days=400)


def open_session(user: User, method: str) -> UserSession:
    """Before Flask-Login's login_user: the row, and its key on the user, which get_id() puts in the cookie."""
    now = clock.now()
    row = UserSession(user_id=user.id, key=secrets.token_urlsafe(16), method=method[:48],
                      user_agent=(request.user_agent.string or "")[:255], address=(request.remote_addr or "")[:64],
                      created_at=now, last_seen_at=now)
    db.session.add(row)
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id,
                                                 UserSession.last_seen_at < now - FORGET_AFTER))
    db.session.flush()
    user.current_session_key = row.key
    return row


def recognise(user: User, key: str | None) -> bool:
    """Whether the session this key names is still open (an id without a key predates the sessions table and
    lives until the user's token rotates). Moves its last-seen time when it is behind."""
    if key is None:
        return True
    row = db.session.scalar(select(UserSession).where(UserSession.key == key, UserSession.user_id == user.id))
    if row is None:
        return False
    user.current_session_key = key
    if clock.now() - row.last_seen_at > LAST_SEEN_PRECISION:
        row.last_seen_at = clock.now()
        db.session.commit()  # the loader runs before the view: its one small write, on its own
    return True


def end_other_sessions(user: User) -> None:
    """Every other browser, remember-me cookies and sessions older than this table included, is logged out; the
    caller logs this one in again (its key stays, the token in its id changes)."""
    user.session_token = new_session_token()
    keep = getattr(user, "current_session_key", None)
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id, UserSession.key != (keep or "")),
                       execution_options={"synchronize_session": False})


def end_session(user: User, row: UserSession) -> None:
    if row.user_id != user.id:
        raise NotAllowed(_l("You can only end your own sessions."))
    db.session.delete(row)
    db.session.flush()


def close_current(user: User) -> None:
    """At log-out: this browser's row goes with it."""
    key = getattr(user, "current_session_key", None)
    if key:
        db.session.execute(delete(UserSession).where(UserSession.key == key),
                           execution_options={"synchronize_session": False})
