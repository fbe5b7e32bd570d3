"""Recovery codes: ten single-use codes shown once, for when the authenticator is lost. Only their SHA-256 is kept
(each carries 60 random bits, so the hash cannot be reversed)."""

import hashlib
import re
import secrets

COUNT = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read from paper without doubt
RECOVERY_RE = re.compile(r"[a-z0-9]{12}")


def new_codes() -> list[str]:
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(12)) for _ in range(COUNT)]
    return [f"{code[:4]}-{code[4:8]}-{code[8:]}" for code in codes]


def normalise(code: str) -> str | None:
    """A recovery code as typed (any case, spaces or dashes anywhere), or None when it cannot be one."""
    plain = re.sub(r"[\s\-]", "", code).lower()
    return plain if RECOVERY_RE.fullmatch(plain) else None


def digest(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()
