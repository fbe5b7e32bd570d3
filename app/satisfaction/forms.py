"""The survey's forms. Fields only: the rules are checked by satisfaction.operations."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3, newer than its stubs

from app.i18n import lazy_gettext as _l


class SurveyForm(FlaskForm):
    """Yes / Partly / No (the buttons' value), then an optional rating and comment with the answer kept."""
    outcome = StringField(_l("Did this solve your problem?"))
    rating = RadioField(_l("How would you rate the help you got? (optional)"),
                        choices=[SelectChoice(str(n), str(n)) for n in range(1, 6)], validate_choice=False)
    comment = TextAreaField(_l("Anything to add? (optional)"))


class LinkSurveyForm(SurveyForm):
    """The same, answered from an e-mail's link: the signed token stands for the asker."""
    token = HiddenField()
