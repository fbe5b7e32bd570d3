"""Security keys and passkeys as a second factor: added by a member whose two-factor sign-in is on, listed,
removed, and used instead of a code at sign-in. Keys come on top of the authenticator app, never instead of it:
turning two-factor off (or an administrator's reset) removes them, so removing a key never leaves anyone, staff
included, without a second factor. Each action flushes and never commits; adding and removing are audit-logged.

A ceremony's challenge is a row named by the session (`begin`), used up before its answer is checked
(`take_challenge`): single-use even when the answer is refused or the session cookie replayed."""

import hashlib
import hmac
from contextlib import contextmanager
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from app import audit, clock, typed_text
from app.errors import Conflict, Invalid
from app.extensions import db, rowcount
from app.i18n import lazy_gettext as _l
from app.locking import lock_users
from app.models import User
from app.models.sign_in import SecurityKey, WebAuthnChallenge
from app.two_factor import ceremonies, queries

CHALLENGE_LIFETIME = timedelta(minutes=5)
MAX_KEYS = 10
NAME_LENGTH = 60
PURPOSES = ("register", "sign_in")


def begin(user: User, purpose: str) -> tuple[dict, int]:
    """A fresh challenge for adding a key ("register") or signing in with one ("sign_in"): the options the
    browser's WebAuthn call takes, and the challenge row's id for the session."""
    keys = queries.security_keys(user)
    if purpose == "register":
        _require_two_factor(user)
        if len(keys) >= MAX_KEYS:
            raise Conflict(_l("You have added %(n)s security keys, the most an account can have. Remove one first.",
                              n=MAX_KEYS))
        options, challenge = ceremonies.registration_options(_user_handle(user), user.username, user.name,
                                                             [key.credential_id for key in keys])
    else:
        if not keys:
            raise Conflict(_l("No security key is added to this account. Use a code from your authenticator app."))
        options, challenge = ceremonies.sign_in_options([key.credential_id for key in keys])
    db.session.execute(delete(WebAuthnChallenge).where(WebAuthnChallenge.user_id == user.id,
                                                       WebAuthnChallenge.created_at < clock.now() - CHALLENGE_LIFETIME))
    row = WebAuthnChallenge(user_id=user.id, purpose=purpose, challenge=challenge, created_at=clock.now())
    db.session.add(row)
    db.session.flush()
    return options, row.id


def take_challenge(user: User, purpose: str, challenge_id) -> str | None:
    """The challenge this session was given for `purpose`, deleted now (whatever its answer turns out to be);
    None when there is none: expired, used, another member's, or never asked for."""
    if not isinstance(challenge_id, int):
        return None
    row = db.session.scalar(select(WebAuthnChallenge).where(
        WebAuthnChallenge.id == challenge_id, WebAuthnChallenge.user_id == user.id,
        WebAuthnChallenge.purpose == purpose, WebAuthnChallenge.created_at >= clock.now() - CHALLENGE_LIFETIME))
    if row is None:
        return None
    # Two requests with the same challenge at once: the second deletes nothing and is refused.
    deleted = rowcount(db.session.execute(delete(WebAuthnChallenge).where(WebAuthnChallenge.id == row.id),
                                          execution_options={"synchronize_session": False}))
    return row.challenge if deleted == 1 else None


def add_key(user: User, name: str, answer: str, challenge: str | None) -> SecurityKey:
    """A new key from the browser's answer to `challenge`, named by the member."""
    _require_two_factor(user)
    name = typed_text.single_line(name)
    if not name:
        raise Invalid(_l("Name this key, so you can tell it from others (for example “Blue key” or “Work "
                         "laptop”)."), "name")
    if len(name) > NAME_LENGTH:
        raise Invalid(_l("A key's name has at most %(n)s characters.", n=NAME_LENGTH), "name")
    with _refusals():
        response = ceremonies.parse(answer, "register")
        if challenge is None:
            raise ceremonies.Refused(ceremonies.STALE)
        credential = ceremonies.verify_registration(response, challenge)
    if db.session.scalar(select(SecurityKey.id).where(SecurityKey.credential_id == credential.credential_id)):
        raise Invalid(_l("This security key is added already."), None)
    key = SecurityKey(user_id=user.id, name=name, credential_id=credential.credential_id, credential=bytes(credential),
                      sign_count=0, created_at=clock.now())
    db.session.add(key)
    db.session.flush()
    audit.record(user, "security_key_added", "user", user.id, name, None, {"security_key": name})
    return key


def use_key(user: User, answer: str, challenge: str | None) -> SecurityKey:
    """A sign-in with one of the member's keys, answering `challenge`; the key's counter moves forward."""
    lock_users(user.id)
    with _refusals():
        response = ceremonies.parse(answer, "sign_in")
        if challenge is None:
            raise ceremonies.Refused(ceremonies.STALE)
        key = db.session.scalar(select(SecurityKey).where(SecurityKey.user_id == user.id,
                                                          SecurityKey.credential_id == response.raw_id))
        if key is None:
            raise ceremonies.Refused(ceremonies.NOT_YOURS)
        key.sign_count = ceremonies.verify_sign_in(response, challenge, key.credential, key.sign_count)
    key.last_used_at = clock.now()
    db.session.flush()
    return key


def remove_key(user: User, key: SecurityKey) -> None:
    """The member's own key, removed (their authenticator app stays)."""
    if key.user_id != user.id:
        raise Conflict(_l("This security key is not one of yours."))
    name = key.name
    db.session.delete(key)
    db.session.flush()
    audit.record(user, "security_key_removed", "user", user.id, name, {"security_key": name}, None)


def remove_all(user: User) -> int:
    """Every key of the member (two-factor turned off or reset): how many there were."""
    removed = rowcount(db.session.execute(delete(SecurityKey).where(SecurityKey.user_id == user.id),
                                          execution_options={"synchronize_session": False}))
    db.session.execute(delete(WebAuthnChallenge).where(WebAuthnChallenge.user_id == user.id))
    return removed


def _require_two_factor(user: User) -> None:
    if not queries.is_on(user):
        raise Conflict(_l("Turn on two-factor sign-in with an authenticator app first; security keys come on top "
                          "of it."))


def _user_handle(user: User) -> bytes:
    """The account's id as keys store it: keyed, so it says nothing about the account to whoever reads a key."""
    return hmac.new(current_app.config["SECRET_KEY"].encode(), f"webauthn-user:{user.id}".encode(),
                    hashlib.sha256).digest()


@contextmanager
def _refusals():
    """A ceremony's refusal as a form error (the page says what was wrong)."""
    try:
        yield
    except ceremonies.Refused as refused:
        raise Invalid(refused.message, None) from None
