"""Signing in with a provider's checked claims: the member linked to that account, a member whose address the
provider has verified, or a new member; roles from the provider's groups; linking and unlinking in the settings.

An account is never linked by an address the provider has not verified (`email_verified` true): anyone can type
someone else's address at a provider that does not check it.
"""

import re
import unicodedata

from flask_babel import format_datetime
from sqlalchemy import select

from app import audit, clock
from app.accounts import names
from app.accounts import operations as accounts
from app.errors import Conflict, Invalid, NotAllowed
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.models import User
from app.models.sign_in import LinkedIdentity
from app.oidc.providers import Provider
from app.typed_text import single_line

ROLE_RANK = {"member": 0, "moderator": 1, "admin": 2}


class UsernameNeeded(Exception):
    """A new member whose provider name cannot be their username here (taken, reserved, too short)."""


def verified_email(claims: dict) -> str | None:
    if claims.get("email_verified") is not True or not isinstance(claims.get("email"), str):
        return None
    try:
        return accounts.normalise_email(claims["email"])
    except Invalid:
        return None


def find_identity(provider: Provider, subject: str) -> LinkedIdentity | None:
    return db.session.scalar(select(LinkedIdentity).where(LinkedIdentity.provider == provider.name,
                                                          LinkedIdentity.subject == subject))


def sign_in(provider: Provider, claims: dict, locale: str | None) -> User:
    """The member these claims name, linked or created. Raises UsernameNeeded when a new member must choose a
    username, Invalid when an unverified address belongs to an account, NotAllowed when suspended."""
    identity = find_identity(provider, str(claims["sub"]))
    user: User | None
    if identity is not None:
        user = db.session.get_one(User, identity.user_id)
    else:
        email = verified_email(claims)
        user = db.session.scalar(select(User).where(User.email == email)) if email else None
        if user is None:
            if isinstance(claims.get("email"), str) and accounts.email_in_use(claims["email"]):
                raise Invalid(_l("An account here already uses the address %(email)s, but %(provider)s has not "
                                 "confirmed that it is yours. Log in with your password, then link %(provider)s in "
                                 "your settings.", email=claims["email"], provider=provider.label))
            user = create_member(provider, claims, username_from(claims), locale)
        else:
            identity = _link(user, provider, claims)
    linked = identity or find_identity(provider, str(claims["sub"]))
    assert linked is not None  # found, linked above, or linked by create_member
    return _signed_in(provider, linked, user, claims)


def create_member(provider: Provider, claims: dict, username: str | None, locale: str | None) -> User:
    """A new member from the claims. With `username` None or refused the caller asks for one (UsernameNeeded);
    the refusal is shown on that form when the member typed it."""
    if not username:
        raise UsernameNeeded()
    try:
        names.check_available(username, "username")
        user = accounts.register_without_password(username, verified_email(claims), display_name(claims, username),
                                                  locale)
    except Invalid:
        raise UsernameNeeded() from None
    _link(user, provider, claims)
    return user


def create_member_named(provider: Provider, claims: dict, username: str, locale: str | None) -> User:
    """From the username form: the same, but a refused name is said on the form."""
    names.check_available(single_line(username), "username")
    user = accounts.register_without_password(username, verified_email(claims), display_name(claims, username),
                                              locale)
    identity = _link(user, provider, claims)
    return _signed_in(provider, identity, user, claims)


def username_from(claims: dict) -> str | None:
    """The provider's preferred username (or nickname, or the address's local part) cleaned to our rules: letters
    without accents, digits, '_', '-' and '.', 3 to 30 of them."""
    for key in ("preferred_username", "nickname"):
        if isinstance(claims.get(key), str) and claims[key].strip():
            candidate = claims[key]
            break
    else:
        email = claims["email"] if isinstance(claims.get("email"), str) else ""
        candidate = email.split("@")[0]
    ascii_text = unicodedata.normalize("NFKD", candidate[:200]).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9_.\-]", "", ascii_text.replace(" ", "."))[:30]
    return cleaned if accounts.USERNAME_RE.fullmatch(cleaned) else None


def username_refusal(username: str) -> str | None:
    """Why the provider's username cannot be used here (so the page asking for another says it), or None."""
    try:
        accounts.check_new_username(username)
    except Invalid as refusal:
        return str(next(iter(refusal.errors.values())))
    return None


def display_name(claims: dict, username: str) -> str:
    name = single_line(claims.get("name") or "")[:60] if isinstance(claims.get("name"), str) else ""
    if not name:
        return username
    try:
        names.check_available(name, "display_name")
    except Invalid:
        return username  # the provider's name passes for the brand's: the member may choose another later
    return name


def _link(user: User, provider: Provider, claims: dict) -> LinkedIdentity:
    identity = LinkedIdentity(user_id=user.id, provider=provider.name, subject=str(claims["sub"]),
                              email=verified_email(claims), created_at=clock.now())
    db.session.add(identity)
    db.session.flush()
    return identity


def _signed_in(provider: Provider, identity: LinkedIdentity, user: User, claims: dict) -> User:
    if user.is_suspended:
        raise NotAllowed(_l("Your account is suspended until %(date)s. Reason: %(reason)s",
                            date=format_datetime(user.suspended_until, "medium"), reason=user.suspension_reason))
    identity.last_used_at = clock.now()
    identity.email = verified_email(claims) or identity.email
    apply_roles(provider, identity, user, claims)
    return user


def apply_roles(provider: Provider, identity: LinkedIdentity, user: User, claims: dict) -> None:
    """The role the provider's groups give, at every sign-in. A role given by hand is never lowered; a role the
    provider gave goes when its group does. Each change is in the audit log."""
    if not provider.role_claim or not provider.roles:
        return
    values = claims.get(provider.role_claim)
    values = [values] if isinstance(values, str) else values if isinstance(values, list) else []
    granted = max((provider.roles[v] for v in values if isinstance(v, str) and v in provider.roles),
                  key=ROLE_RANK.__getitem__, default="member")
    given_by_provider = identity.granted_role is not None and identity.granted_role == user.role
    if ROLE_RANK[granted] > ROLE_RANK[user.role] or (given_by_provider and granted != user.role):
        before, user.role = user.role, granted
        audit.record(None, "set_role", "user", user.id, f"groups at {provider.label}", {"role": before},
                     {"role": granted})
    identity.granted_role = granted if granted != "member" and user.role == granted else None


def link(user: User, provider: Provider, claims: dict) -> None:
    """From the settings, logged in the usual way: this provider's account becomes a way to sign in."""
    subject = str(claims["sub"])
    other = find_identity(provider, subject)
    if other is not None and other.user_id != user.id:
        raise Conflict(_l("This %(provider)s account is already linked to another member here.",
                          provider=provider.label))
    if other is not None:
        return
    if db.session.scalar(select(LinkedIdentity.id).where(LinkedIdentity.user_id == user.id,
                                                         LinkedIdentity.provider == provider.name)):
        raise Conflict(_l("Another %(provider)s account is linked already: unlink it first.",
                          provider=provider.label))
    identity = _link(user, provider, claims)
    _signed_in(provider, identity, user, claims)


def unlink(user: User, provider: Provider, ways_left: int) -> None:
    """Never the last way to sign in: `ways_left` counts the password (when passwords are on) and every linked
    provider still configured, this one included."""
    identity = db.session.scalar(select(LinkedIdentity).where(LinkedIdentity.user_id == user.id,
                                                              LinkedIdentity.provider == provider.name))
    if identity is None:
        raise Conflict(_l("%(provider)s is not linked to your account.", provider=provider.label))
    if ways_left <= 1:
        raise Conflict(_l("This is your only way to log in: set a password or link another account first."))
    if identity.granted_role and user.role == identity.granted_role:
        before, user.role = user.role, "member"
        audit.record(None, "set_role", "user", user.id, f"{provider.label} unlinked", {"role": before},
                     {"role": "member"})
    db.session.delete(identity)
    db.session.flush()
