"""Forms of the held messages. Fields only: the rules are the posting operations' and inbound.operations'."""

from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

from app.i18n import lazy_gettext as _l


class ApproveForm(FlaskForm):
    title = StringField(_l("Title"))
    body = TextAreaField(_l("Text"), description=_l("Edit it before publishing if needed (e.g. remove personal "
                                                   "data)."))
    tags = StringField(_l("Tags"), description=_l("Separated by spaces."))


class RejectForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), description=_l("Sent to the sender by e-mail, with their text."))
