"""The saved reply's form. Fields only: the rules are checked by replies.operations."""

from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3, newer than its stubs

from app.i18n import LANGUAGE_NAMES
from app.i18n import lazy_gettext as _l


class ReplyForm(FlaskForm):
    title = StringField(_l("Title"), description=_l("What the team picks it by, e.g. \"Descaling, step by step\"."))
    language = SelectField(_l("Language of the reply"), choices=[
        SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGE_NAMES.items()])
    body = TextAreaField(_l("Reply"), description=_l(
        "Markdown. {asker} becomes the asker's name and {product} the question's product when it is inserted."))
