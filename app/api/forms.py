"""The form that creates an API token. Fields only: the rules are checked by api.operations."""

from flask_wtf import FlaskForm
from wtforms import StringField

from app.i18n import lazy_gettext as _l


class TokenForm(FlaskForm):
    name = StringField(_l("Token name"), description=_l("What will use it, e.g. “help desk sync”. Up to 60 "
                                                        "characters."))

