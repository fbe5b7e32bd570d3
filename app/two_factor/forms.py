"""Two-factor forms. Fields only: the rules are checked by two_factor.operations."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField

from app.i18n import lazy_gettext as _l


class VerifyForm(FlaskForm):
    code = StringField(_l("Code"), description=_l("The 6 digits your authenticator app shows, or one of your "
                                                  "recovery codes."))
    remember_device = BooleanField(_l("Don't ask again on this browser for %(days)s days"))
    # Filled by static/js/passkeys.js with the security key's answer when its button is pressed.
    credential = HiddenField()


class CodeForm(FlaskForm):
    code = StringField(_l("Code"), description=_l("The 6 digits your authenticator app shows."))


class SecurityKeyForm(FlaskForm):
    name = StringField(_l("Name of the key"), description=_l("So you can tell your keys apart: for example "
                                                            "“Blue key” or “Work laptop”."))
    credential = HiddenField()  # the browser's answer, filled by static/js/passkeys.js
