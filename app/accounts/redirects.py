"""Where a user may be sent after logging in: only a path on this site."""

from urllib.parse import urlsplit

from flask import url_for


def safe_next(target: str | None, default_endpoint: str = "questions.index") -> str:
    if target and _is_local_path(target):
        return target
    return url_for(default_endpoint)


def _is_local_path(target: str) -> bool:
    # Refuse '//host', '/\\host' (browsers read '\\' as '/'), schemes, whitespace and control tricks.
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False
    if any(ord(ch) < 32 or ch.isspace() for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
