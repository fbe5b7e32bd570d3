"""Completing a sign-in, whatever proved who the person is (a password, an OpenID provider): the second factor
when the account has one and this browser is not remembered, then a fresh session.

Between the two steps the session holds only who is signing in (PENDING), for PENDING_SECONDS: nobody is logged
in until the code is right.
"""

import time

from flask import redirect, session, url_for
from flask_login import login_user

from app.accounts import devices
from app.extensions import db
from app.models import User
from app.sessions import operations as sessions
from app.two_factor import queries as two_factor
from app.two_factor import remembered

PENDING = "sign_in_pending"
PENDING_SECONDS = 600


def complete(user: User, remember: bool, method: str, next_url: str, keep: dict | None = None):
    """The response to a proven identity: log in, or ask for the second factor first. `keep` is put back into the
    new session (what the provider's log-out needs)."""
    secret = two_factor.confirmed_secret(user)
    if secret is not None and not remembered.is_remembered(user, secret.secret_encrypted):
        session.clear()
        session[PENDING] = {"u": user.id, "r": bool(remember), "m": method, "n": next_url, "t": int(time.time()),
                            "k": keep or {}}
        return redirect(url_for("two_factor.verify"))
    return finish(user, remember, method, redirect(next_url), keep)


def pending_user() -> tuple[User, dict] | None:
    """Who is half-way through signing in on this browser (their password or provider checked), if anyone."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - pending.get("t", 0) > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending.get("u"))
    if user is None or user.is_suspended:
        return None
    return user, pending


def finish(user: User, remember: bool, method: str, response, keep: dict | None = None):
    session.clear()  # a fresh session at log-in: nothing planted before it survives
    sessions.open_session(user, method)
    db.session.commit()
    login_user(user, remember=remember)
    session.update(keep or {})
    devices.remember(response, user)
    return response
