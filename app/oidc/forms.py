"""OpenID sign-in forms. Fields only: the rules are checked by oidc.operations."""

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField

from app.i18n import lazy_gettext as _l


class StartForm(FlaskForm):
    """A provider's button: a POST, so no other site can start a sign-in in a member's browser."""

    next = HiddenField()


class UsernameForm(FlaskForm):
    username = StringField(_l("Username"), description=_l("3–30 letters, digits, '_', '-' or '.'."))
