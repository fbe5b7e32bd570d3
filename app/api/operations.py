"""Personal API tokens: create (the secret is returned once), revoke, and recognise a presented token."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from app import clock, typed_text
from app.api.errors import Unauthorized
from app.errors import Conflict, Invalid, NotAllowed
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.models import User
from app.models.api_token import ApiToken

TOKEN_PREFIX = "sprt_"  # recognisable in logs and by secret scanners
NAME_MAX = 60
# The last-use time is written at most this often, so a busy script does not turn reads into writes.
LAST_USED_PRECISION = timedelta(minutes=5)


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the secret, which is stored nowhere."""
    name = typed_text.single_line(name)
    if not 1 <= len(name) <= NAME_MAX:
        raise Invalid(_l("Give the token a name of 1 to %(n)s characters, e.g. the script that will use it.",
                         n=NAME_MAX), "name")
    limit = current_app.config["API_TOKENS_PER_USER"]
    active = db.session.scalar(select(func.count()).select_from(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    if active >= limit:
        raise Invalid(_l("You already have %(n)s active tokens: revoke one you no longer use first.", n=limit),
                      "name")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)  # 256 random bits
    token = ApiToken(user_id=user.id, name=name, token_hash=hash_token(secret), prefix=secret[:len(TOKEN_PREFIX) + 6],
                     created_at=clock.now())
    db.session.add(token)
    db.session.flush()
    return token, secret


def revoke_token(user: User, token: ApiToken) -> None:
    if token.user_id != user.id:
        raise NotAllowed(_l("You can only revoke your own tokens."))
    if token.revoked_at is not None:
        raise Conflict(_l("This token is already revoked."))
    token.revoked_at = clock.now()
    db.session.flush()


def authenticate(secret: str) -> ApiToken:
    """The active token with this secret, its last use noted; raises Unauthorized or NotAllowed."""
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(secret)))
    if token is None or token.revoked_at is not None:
        raise Unauthorized(_l("This API token is not valid: it is unknown or has been revoked."))
    if token.user.is_suspended:
        raise NotAllowed(_l("Your account is suspended: its API tokens cannot be used until the suspension ends."))
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        token.last_used_at = now
        db.session.flush()
    return token
