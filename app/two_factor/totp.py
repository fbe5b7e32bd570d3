"""TOTP codes (RFC 6238, pyotp): secrets kept encrypted, codes matched in constant time over the current step and
one on each side (a phone's clock a little off), and the QR code an authenticator app scans, drawn here."""

import base64
import hashlib
import hmac
import re
from datetime import datetime

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from flask import current_app

CODE_RE = re.compile(r"\d{6}")
# Steps of 30 s accepted around now: a phone whose clock is up to half a minute off still signs in.
DRIFT_STEPS = 1


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends


def _fernet() -> Fernet:
    key = hashlib.sha256(b"two-factor secret:" + current_app.config["SECRET_KEY"].encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token: str) -> str | None:
    """None when SECRET_KEY changed since: the member's authenticator no longer matches (an admin resets it)."""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return None


def matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step whose code this is, or None. Every candidate is compared, in constant time."""
    code = re.sub(r"\s", "", code)
    if not CODE_RE.fullmatch(code):
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    found = None
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            found = step
    return found


def code_at(secret: str, now: datetime) -> str:
    """The code an authenticator shows at `now` (for the command line and tests)."""
    return pyotp.TOTP(secret).at(now)


def provisioning_uri(secret: str, account: str) -> str:
    issuer = current_app.config["SITE_NAME"] if not current_app.config.get("BRAND_NAME") else \
        f"{current_app.config['BRAND_NAME']} {current_app.config['SITE_NAME']}"
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def qr_data_uri(uri: str) -> str:
    """An SVG image as a data: URI (the page's Content-Security-Policy allows data: images, nothing else)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2, dark="#000", light="#fff")
