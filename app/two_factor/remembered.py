"""Remembered browsers: after a second factor, a browser may skip it for TWO_FACTOR_REMEMBER_DAYS (30). A signed
cookie names the account and a fingerprint of its TOTP secret, so a reset or a new secret forgets every
remembered browser; it cannot be made up or moved to another account."""

import hashlib

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.models import User

COOKIE = "second_factor_device"
SALT = "second-factor-device"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _max_age() -> int:
    return int(current_app.config["TWO_FACTOR_REMEMBER_DAYS"]) * 24 * 3600


def _fingerprint(secret_encrypted: str) -> str:
    return hashlib.sha256(secret_encrypted.encode()).hexdigest()[:16]


def is_remembered(user: User, secret_encrypted: str) -> bool:
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return False
    try:
        data = _serializer().loads(cookie, max_age=_max_age())
    except BadSignature:
        return False
    return isinstance(data, dict) and data.get("u") == user.id and data.get("f") == _fingerprint(secret_encrypted)


def remember(response, user: User, secret_encrypted: str) -> None:
    token = _serializer().dumps({"u": user.id, "f": _fingerprint(secret_encrypted)})
    response.set_cookie(COOKIE, token, max_age=_max_age(), httponly=True, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
