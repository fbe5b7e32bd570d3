"""Password reset by e-mail: a signed link that expires, and dies once used.

The token names the user and a fingerprint of their password hash and session token; setting the new
password changes both, so the link works once. Members without a password (imported accounts) claim
their account the same way once an administrator has given it an e-mail address.
"""

import hashlib

from flask import current_app, url_for
from flask_babel import force_locale
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from app import abuse, mail
from app.accounts.operations import check_password_strength, normalise_email, set_password
from app.extensions import db
from app.i18n import gettext as _
from app.models import User
from app.urls import absolute_url

SALT = "password-reset"


def max_age() -> int:
    return int(current_app.config["PASSWORD_RESET_MAX_AGE"])


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(user: User) -> str:
    state = f"{user.password_hash or ''}|{user.session_token}"
    return hashlib.sha256(state.encode()).hexdigest()[:20]


def make_token(user: User) -> str:
    return _serializer().dumps({"u": user.id, "f": _fingerprint(user)})


def user_for_token(token: str) -> User | None:
    """The user a valid, unexpired, unused token names; None otherwise (one answer for every failure)."""
    try:
        data = _serializer().loads(token, max_age=max_age())
    except BadSignature:  # SignatureExpired is one too
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = db.session.get(User, data["u"])
    if user is None or data.get("f") != _fingerprint(user):
        return None
    return user


def request_reset(email: str) -> str:
    """What answers a reset request: the same work whether or not an account has this address (the address
    checked and counted). Returns the address for `send_link`, which the view runs after the response."""
    email = normalise_email(email)
    abuse.count_reset_request(email)
    return email


def send_link(email: str, language: str) -> None:
    """Queue a reset link if an account has this address. Run once the response has left, so its time (the
    look-up, the token, the message, the outbox row) cannot tell anyone whether the account exists."""
    user = db.session.scalar(select(User).where(User.email == email))
    if user is None:
        return
    link = absolute_url(url_for("sign_in.reset_password", token=make_token(user)))
    with force_locale(user.locale or language):
        subject = _("Choose a new password for %(site)s", site=current_app.config["SITE_NAME"])
        text = _("Hello %(name)s,\n\nsomeone (we hope you) asked to choose a new password for your account "
                 "%(username)s. Open this link within %(minutes)s minutes to do it:\n\n%(link)s\n\n"
                 "The link works once. If you did not ask for it, ignore this message: your password stays "
                 "as it is.\n", name=user.name, username=user.username, minutes=max_age() // 60, link=link)
    mail.queue(user.email, subject, text, kind="password_reset", user_id=user.id)


def reset_password(user: User, new_password: str) -> None:
    check_password_strength(new_password, "new_password")
    set_password(user, new_password)  # the old password's sessions and tokens end; the link dies with them
