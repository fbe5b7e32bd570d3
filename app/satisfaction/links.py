"""The e-mailed survey's links: signed for one survey and its current nonce, expiring, and good for one use
(using one draws a new nonce, which every earlier link lacks)."""

import secrets

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from app import clock
from app.errors import DomainError
from app.i18n import lazy_gettext as _l
from app.models import SatisfactionSurvey

_SALT = "satisfaction-survey"


class _ClockSigner(TimestampSigner):
    """Signed and checked at the site's clock (app/clock.py), which tests can set."""

    def get_timestamp(self) -> int:
        return int(clock.now().timestamp())


def _signer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT, signer=_ClockSigner)


def new_nonce(survey: SatisfactionSurvey) -> None:
    """Every link signed before this stops working."""
    survey.link_nonce = secrets.token_hex(16)


def token(survey: SatisfactionSurvey) -> str:
    return _signer().dumps([survey.id, survey.link_nonce])


_REFUSALS = {
    "invalid": (404, _l("This survey link is not valid. Open your question to answer there.")),
    "expired": (410, _l("This survey link has expired. Log in and open your question to answer there.")),
    "used": (410, _l("This survey link was already used. Log in and open your question to change your answer.")),
}


class LinkRefused(DomainError):
    """A link not signed here (404), expired or already used (410): its own page says so."""

    code = "link_refused"

    def __init__(self, reason: str):
        self.status, message = _REFUSALS[reason]
        super().__init__(message)
        self.reason = reason


def survey_id_of(value: str) -> tuple[int, str]:
    """(survey id, nonce) of a link this site signed that has not expired; raises LinkRefused."""
    max_age = int(current_app.config["CSAT_LINK_DAYS"]) * 86400
    try:
        survey_id, nonce = _signer().loads(value, max_age=max_age)
    except SignatureExpired:
        raise LinkRefused("expired") from None
    except (BadSignature, ValueError, TypeError):
        raise LinkRefused("invalid") from None
    if not isinstance(survey_id, int) or not isinstance(nonce, str):
        raise LinkRefused("invalid")
    return survey_id, nonce


def check_unused(survey: SatisfactionSurvey, nonce: str) -> None:
    if survey.link_nonce is None or not secrets.compare_digest(survey.link_nonce, nonce):
        raise LinkRefused("used")
