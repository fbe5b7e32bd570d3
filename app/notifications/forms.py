"""Notification forms. Fields only: the rules are checked by notifications.operations."""

from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3, newer than its stubs

from app.i18n import lazy_gettext as _l
from app.notifications import kinds


class _MailSettings(FlaskForm):
    pass


# One choice per kind of notification, named after the kind (the operation checks the values).
for _kind, (_label, _default) in kinds.PREFERENCES.items():
    setattr(_MailSettings, _kind, RadioField(
        _label, choices=[SelectChoice(v, label) for v, label in kinds.MODES.items()], validate_choice=False))

MailSettingsForm = _MailSettings


class StillUnsolvedForm(FlaskForm):
    note = TextAreaField(_l("What is still missing? (optional)"))
