"""The survey's forms. Fields only: the rules are checked by satisfaction.operations."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3, newer than its stubs

from app.i18n import lazy_gettext as _l
from app.models import HELPFUL_REASONS


class SurveyForm(FlaskForm):
    """Yes / Partly / No (the buttons' value), then an optional rating and comment with the answer kept."""
    outcome = StringField(_l("Did this solve your problem?"))
    rating = RadioField(_l("How would you rate the help you got? (optional)"),
                        choices=[SelectChoice(str(n), str(n)) for n in range(1, 6)], validate_choice=False)
    comment = TextAreaField(_l("Anything to add? (optional)"))


class LinkSurveyForm(SurveyForm):
    """The same, answered from an e-mail's link: the signed token stands for the asker."""
    token = HiddenField()


class HelpfulForm(FlaskForm):
    """"Was this helpful?" Yes or No (the buttons' value), from a page kept for every reader: its token is the
    page's (app/satisfaction/readers.py), not a session's; members' CSRF tokens are checked by the view."""

    class Meta:
        csrf = False

    helpful = StringField(_l("Was this helpful?"))
    token = HiddenField()


def reason_labels() -> dict[str, str]:
    return {"outdated": _l("It is outdated"), "did_not_work": _l("It did not work"),
            "hard_to_follow": _l("It is hard to follow"), "other": _l("Something else")}


class ReasonForm(FlaskForm):
    """Why it did not help, after a No (optional)."""

    class Meta:
        csrf = False

    reason = RadioField(_l("What was wrong?"), choices=[SelectChoice(r, r) for r in HELPFUL_REASONS],
                        validate_choice=False)
    token = HiddenField()
