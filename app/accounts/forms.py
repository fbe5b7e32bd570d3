"""Account forms. Fields only: the rules are checked by accounts.operations."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]  # WTForms 3.3, newer than its stubs

from app.i18n import lazy_gettext as _l


class RegisterForm(FlaskForm):
    username = StringField(_l("Username"), description=_l("3–30 letters, digits, '_', '-' or '.'."))
    email = EmailField(_l("E-mail address"))
    # Never sent back, even on a refused form: a password in a page is in its source, caches and history.
    password = PasswordField(_l("Password"), description=_l("At least 8 characters."))


class LoginForm(FlaskForm):
    login = StringField(_l("Username or e-mail"))
    password = PasswordField(_l("Password"))
    remember = BooleanField(_l("Keep me logged in"))


class ProfileForm(FlaskForm):
    display_name = StringField(_l("Display name"))
    about = TextAreaField(_l("About you"), description=_l("Optional, at most 500 characters."))
    locale = SelectField(_l("Language"), choices=[
        SelectChoice("", _l("As my browser says")),
        SelectChoice("en", "English", render_kw={"lang": "en"}),
        SelectChoice("it", "Italiano", render_kw={"lang": "it"}),
    ])


class PasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"))
    new_password = PasswordField(_l("New password"), description=_l("At least 8 characters."))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail address"), description=_l("The address of your account."))


class ResetPasswordForm(FlaskForm):
    new_password = PasswordField(_l("New password"), description=_l("At least 8 characters."))
