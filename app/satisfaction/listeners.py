"""The asker is asked whether it solved their problem when an answer is accepted or marked official."""

from app import events
from app.satisfaction import operations


def on_answer_accepted(event: events.AnswerAccepted) -> None:
    operations.ask(event.answer.question, event.answer)


def on_answer_marked_official(event: events.AnswerMarkedOfficial) -> None:
    operations.ask(event.answer.question, event.answer)

