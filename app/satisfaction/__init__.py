"""Did it solve it? The askers' survey: asked when an answer to their question is accepted or marked official
(and once more later), answered on the question page or from an e-mail's signed links; unhappy answers reach
the care queue. And every reader's "Was this helpful?" on an answered question page, counted without cookies;
an official answer or FAQ entry that readers say is outdated goes to Review due."""

from flask import Flask

from app import events
from app.satisfaction import forms, listeners, readers, views

DEFAULTS = {
    # The asker who has not answered is asked once more, this many hours after first being asked.
    "CSAT_DELAY_HOURS": 24,
    # An answer can be changed for this many days after it was first given.
    "CSAT_CHANGE_DAYS": 7,
    # An e-mailed survey link works for this many days (and once).
    "CSAT_LINK_DAYS": 14,
    # An official answer or FAQ entry is due for review as soon as more than this share of its page's readers
    # (since it was last confirmed) say it is outdated or did not work, once at least VISITOR_REVIEW_MIN answered.
    "VISITOR_REVIEW_SHARE": 0.3,
    "VISITOR_REVIEW_MIN": 10,
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.add_template_global(readers.form_token, "helpful_form_token")
    app.add_template_global(forms.reason_labels, "helpful_reason_labels")
    events.subscribe(events.AnswerAccepted, listeners.on_answer_accepted)
    events.subscribe(events.AnswerMarkedOfficial, listeners.on_answer_marked_official)
