"""Did it solve it? The askers' survey: asked when an answer to their question is accepted or marked official
(and once more later), answered on the question page or from an e-mail's signed links; unhappy answers reach
the care queue."""

from flask import Flask

from app import events
from app.satisfaction import listeners, views

DEFAULTS = {
    # The asker who has not answered is asked once more, this many hours after first being asked.
    "CSAT_DELAY_HOURS": 24,
    # An answer can be changed for this many days after it was first given.
    "CSAT_CHANGE_DAYS": 7,
    # An e-mailed survey link works for this many days (and once).
    "CSAT_LINK_DAYS": 14,
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    events.subscribe(events.AnswerAccepted, listeners.on_answer_accepted)
    events.subscribe(events.AnswerMarkedOfficial, listeners.on_answer_marked_official)
