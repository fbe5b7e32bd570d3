"""Administration forms. Fields only: the rules are checked by admin.operations."""

from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, StringField, TextAreaField
from wtforms.validators import Optional

from app.i18n import lazy_gettext as _l


class SuspendForm(FlaskForm):
    until = DateField(_l("Suspended until"), validators=[Optional()])
    reason = TextAreaField(_l("Reason"), description=_l("The member sees this when they try to log in."))


class TagForm(FlaskForm):
    name = StringField(_l("Name"), description=_l("Lower-case letters, digits and '-'. Old links keep working "
                                                  "after a rename."))
    description = TextAreaField(_l("Description"))


class MergeForm(FlaskForm):
    merge_into = StringField(_l("Merge into tag"), description=_l("Every question moves to that tag; this name "
                                                                  "then redirects there."))


class EmailForm(FlaskForm):
    email = EmailField(_l("E-mail address"), description=_l("The member can then choose a password through "
                                                            "\"Forgot your password?\" on the log-in page."))
