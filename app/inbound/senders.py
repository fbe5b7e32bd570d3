"""Who wrote: the member with the sender's address, or a staged member made for an address we do not know
(no password, so no log-in until the address is claimed through the password reset)."""

import re
import unicodedata

from sqlalchemy import exists, select

from app.accounts.operations import normalise_email
from app.errors import Invalid
from app.extensions import db
from app.models import InboundMessage, User

_NAME_CHARACTERS = re.compile(r"[^A-Za-z0-9_.\-]+")


def normalised(address: str | None) -> str | None:
    if not address:
        return None
    try:
        return normalise_email(address)
    except Invalid:
        return None


def member_for(address: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == address))


def _username(display_name: str, address: str) -> str:
    """A free username from the sender's name (or the address's local part): letters, digits and . _ -"""
    source = display_name or address.partition("@")[0].partition("+")[0]
    ascii_name = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode("ascii")
    base = _NAME_CHARACTERS.sub(".", ascii_name).strip(".-_")[:24] or "customer"
    base = base if len(base) >= 3 else f"{base}.customer"
    taken = set(db.session.scalars(select(User.username_key).where(User.username_key.like(f"{base.lower()}%"))))
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{base}{number}"
    return candidate


def stage_member(address: str, display_name: str, locale: str) -> User:
    """A member known only by their address: their posts are held until a moderator approves one."""
    username = _username(display_name, address)
    user = User(username=username, username_key=username.lower(), email=address, password_hash=None,
                display_name=(display_name or username)[:60], locale=locale)
    db.session.add(user)
    db.session.flush()
    return user


def is_trusted(user: User) -> bool:
    """A staged member's messages wait for a moderator until one of them has been approved."""
    if not user.is_staged:
        return True
    return bool(db.session.scalar(select(exists().where(
        InboundMessage.user_id == user.id, InboundMessage.status == "posted"))))
