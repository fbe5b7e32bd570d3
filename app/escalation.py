"""How long a customer may wait: the response target, a question's urgency against it, and escalation (past
the target without any answer). Read by the care queue, the question lists' moderator marks, the care metrics
and the help desk's `question.escalated` webhook."""

from datetime import datetime, timedelta

from flask import current_app

from app import clock
from app.models import Question


def response_target() -> timedelta:
    return timedelta(hours=current_app.config["RESPONSE_TARGET_HOURS"])


def urgency(asked_at: datetime, now: datetime | None = None) -> str:
    """'green' within half the target, 'amber' past half, 'red' past the target."""
    age, target = (now or clock.now()) - asked_at, response_target()
    return "red" if age > target else "amber" if age > target / 2 else "green"


def is_escalated(question: Question, now: datetime | None = None) -> bool:
    """Past the response target without any answer."""
    return question.answer_count == 0 and question.closed_reason is None and urgency(question.created_at, now) == "red"
