"""Reply addresses: `reply+<token>@…` in the Reply-To of the e-mails members receive, so a reply by e-mail
lands on the right post as the right member.

The token is signed here and read back by the receiver (app/inbound). It binds the member, the post and the
purpose (what a reply becomes) and carries the day it was issued, so it expires after MAIL_REPLY_TOKEN_DAYS.
It is short enough for an address's local part (64 characters at most) and written in lower-case base32,
because mail servers may change the case of a local part.
"""

import base64
import hashlib
import hmac
import re
import struct
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app

from app import clock

PURPOSES = ("none", "answer", "comment")  # "none": the e-mail is about no one post (a digest, a badge)
_EPOCH = date(2020, 1, 1)
_LAYOUT = struct.Struct(">BIIH")  # purpose, member id, post id (0: none), day issued since _EPOCH
_MAC_BYTES = 10
TOKEN_LENGTH = 34  # base32 of 21 bytes, without padding
TOKEN_RE = re.compile(rf"[a-z2-7]{{{TOKEN_LENGTH}}}")


@dataclass(frozen=True)
class ReplyToken:
    purpose: str
    user_id: int
    post_id: int | None
    issued: date

    def expired(self, today: date | None = None) -> bool:
        days = int(current_app.config["MAIL_REPLY_TOKEN_DAYS"])
        return (today or clock.now().date()) - self.issued > timedelta(days=days)


def _mac(payload: bytes) -> bytes:
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), b"mail-reply-address", hashlib.sha256).digest()
    return hmac.new(key, payload, hashlib.sha256).digest()[:_MAC_BYTES]


def make_token(purpose: str, user_id: int, post_id: int | None, issued: date | None = None) -> str:
    day = ((issued or clock.now().date()) - _EPOCH).days
    payload = _LAYOUT.pack(PURPOSES.index(purpose), user_id, post_id or 0, day)
    return base64.b32encode(payload + _mac(payload)).decode().rstrip("=").lower()


def read_token(token: str) -> ReplyToken | None:
    """The token's contents when this site signed it (expired or not: the caller tells the two apart),
    else None."""
    token = token.strip().lower()
    if not TOKEN_RE.fullmatch(token):
        return None
    data = base64.b32decode(token.upper() + "=" * (-len(token) % 8))
    payload, mac = data[:_LAYOUT.size], data[_LAYOUT.size:]
    if not hmac.compare_digest(mac, _mac(payload)):
        return None
    purpose, user_id, post_id, day = _LAYOUT.unpack(payload)
    if purpose >= len(PURPOSES):
        return None
    return ReplyToken(PURPOSES[purpose], user_id, post_id or None, _EPOCH + timedelta(days=day))


def _template() -> str | None:
    """The reply address with `{token}` where the token goes, or None while no inbound address is set."""
    config = current_app.config
    if config.get("MAIL_REPLY_ADDRESS"):
        return config["MAIL_REPLY_ADDRESS"]
    inbound = config.get("MAIL_INBOUND_ADDRESS")
    if not inbound or "@" not in inbound:
        return None
    return "reply+{token}@" + inbound.rpartition("@")[2]


def reply_address(purpose: str, user_id: int, post_id: int | None = None) -> str | None:
    """The address a reply goes to, or None when receiving e-mail is not set up (then no Reply-To is sent)."""
    template = _template()
    return template.replace("{token}", make_token(purpose, user_id, post_id)) if template else None


def token_in(address: str) -> str | None:
    """The token when `address` is a reply address of this site (whatever its token's validity), else None."""
    template = _template()
    if not template:
        return None
    prefix, _, suffix = template.lower().partition("{token}")
    address = address.strip().lower()
    if not (address.startswith(prefix) and address.endswith(suffix)):
        return None
    return address[len(prefix):len(address) - len(suffix)] or None
