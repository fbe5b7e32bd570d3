"""Password hashing with explicit KDF parameters, the strength rules, and whether passwords are on at all."""

import gzip
from functools import cache
from pathlib import Path

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 8
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt.gz")


def passwords_on() -> bool:
    """FLASK_AUTH_PASSWORD=false: members sign in only through the OpenID providers; the password forms are gone."""
    return bool(current_app.config.get("AUTH_PASSWORD", True))


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as f:
        return frozenset(line.strip().lower() for line in f if line.strip())


def is_common(password: str) -> bool:
    return password.lower() in common_passwords()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        # Still spend the time of one hash so unknown users cannot be told apart by timing.
        check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return False
    return check_password_hash(password_hash, password)


@cache
def _dummy_hash(method: str) -> str:
    return generate_password_hash("not-a-real-password", method=method)
