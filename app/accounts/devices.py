"""Device cookies: a browser where an account has logged in before keeps its own budget of failed log-ins, so
wrong passwords sent from elsewhere cannot lock the owner out (docs/decisions.md, "Failed log-ins: a budget
per known device").

The cookie is signed and names the account, a random device id and a fingerprint of the password hash: it
is worth nothing for another account, cannot be made up, and every browser that knew an old password loses
its standing when the password changes.
"""

import hashlib
import secrets

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.models import User

COOKIE = "device"
SALT = "device-cookie"
MAX_AGE = 365 * 24 * 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(user: User) -> str:
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def known_device(user: User | None) -> str | None:
    """The id of this browser if `user` has logged in on it with their current password, else None."""
    cookie = request.cookies.get(COOKIE)
    if user is None or not cookie:
        return None
    try:
        data = _serializer().loads(cookie, max_age=MAX_AGE)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != user.id or data.get("f") != _fingerprint(user):
        return None
    device = data.get("d")
    return device if isinstance(device, str) else None


def remember(response, user: User) -> None:
    """After a successful log-in (or a new password): this browser is one of the account's known devices."""
    device = known_device(user) or secrets.token_urlsafe(12)
    token = _serializer().dumps({"u": user.id, "d": device, "f": _fingerprint(user)})
    response.set_cookie(COOKIE, token, max_age=MAX_AGE, httponly=True, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
