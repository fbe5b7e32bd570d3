"""The hand-over link: the session's id and key, signed and dated, so the ask form can be opened pre-filled from
the result page, after logging in or signing up (a new log-in starts a new browser session, so the link carries
what the page knew) and from an API client's answer. It works for HANDOVER_DAYS."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.notifications.links import path_for

HANDOVER_DAYS = 7
SALT = "assistant-handover"


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def handover_token(session_id: int, key: str) -> str:
    return _signer().dumps([session_id, key])


def read_handover_token(token: str) -> tuple[int, str] | None:
    """(session id, key), or None for a token that is not ours, was changed or is too old."""
    try:
        session_id, key = _signer().loads(token, max_age=HANDOVER_DAYS * 86400)
    except (BadSignature, ValueError, TypeError):
        return None
    return (session_id, key) if isinstance(session_id, int) and isinstance(key, str) else None


def handover_path(session_id: int, key: str) -> str:
    return path_for("assistant.handover", session_id=session_id, token=handover_token(session_id, key))
