"""The assistant's forms: the help page's one box, and the customer's answer to what it found. Fields only:
the rules live in app.assistant.operations."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField

from app.i18n import lazy_gettext as _l


class HelpForm(FlaskForm):
    text = TextAreaField(_l("Describe your problem"),
                         description=_l("Which product, what happens, what you already tried. Nothing you type "
                                        "here is published: only a question you choose to post is."))


class FeedbackForm(FlaskForm):
    """The session's key (only its customer's page has it); the button pressed says "solved" or "not_helpful"."""

    key = HiddenField()
    feedback = HiddenField()  # sent by the button pressed, never rendered as a field
