"""Two-factor forms. Fields only: the rules are checked by two_factor.operations."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField

from app.i18n import lazy_gettext as _l


class VerifyForm(FlaskForm):
    code = StringField(_l("Code"), description=_l("The 6 digits your authenticator app shows, or one of your "
                                                  "recovery codes."))
    remember_device = BooleanField(_l("Don't ask again on this browser for %(days)s days"))


class CodeForm(FlaskForm):
    code = StringField(_l("Code"), description=_l("The 6 digits your authenticator app shows."))
