"""User actions in search: counting a click on an ask-page suggestion."""

from app import clock
from app.extensions import db
from app.models import Question, SuggestionClick, User


def record_suggestion_click(user: User | None, question: Question) -> SuggestionClick:
    """One row per click: how often a customer found an existing answer instead of asking."""
    click = SuggestionClick(question_id=question.id, user_id=user.id if user else None, clicked_at=clock.now())
    db.session.add(click)
    db.session.flush()
    return click
