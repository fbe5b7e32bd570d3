"""Account actions: register, authenticate, profile and settings changes."""

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import format_datetime
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts import passwords
from app.badges import awards
from app.errors import Invalid, check_all
from app.extensions import db
from app.models import ROLES, User
from app.models.user import new_session_token

USERNAME_RE = re.compile(r"[A-Za-z0-9_.\-]{3,30}")


def normalise_email(email: str) -> str:
    """Lower-cased, IDNA-normalised address; raises Invalid when it is not an address."""
    try:
        result = validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise Invalid(_l("Enter a valid e-mail address."), "email") from None
    return result.normalized.lower()


def check_password_strength(password: str, field: str = "password") -> None:
    if len(password) < passwords.MIN_LENGTH:
        raise Invalid(_l("Use at least %(n)s characters.", n=passwords.MIN_LENGTH), field)
    if passwords.is_common(password):
        raise Invalid(_l("This password is too common: choose one that is harder to guess."), field)


def find_by_login(login: str) -> User | None:
    login = login.strip()
    if "@" in login:
        return db.session.scalar(select(User).where(User.email == login.lower()))
    return db.session.scalar(select(User).where(User.username_key == login.lower()))


def email_in_use(email: str) -> bool:
    try:
        email = normalise_email(email)
    except Invalid:
        return False
    return db.session.scalar(select(User.id).where(User.email == email)) is not None


def register(username: str, email: str, password: str, locale: str | None = None) -> User:
    username = username.strip()
    _, email, _ = check_all(lambda: _check_new_username(username), lambda: _check_new_email(email),
                            lambda: check_password_strength(password))
    user = User(username=username, username_key=username.lower(), email=email,
                password_hash=passwords.hash_password(password), display_name=username, locale=locale)
    db.session.add(user)
    db.session.flush()
    return user


def _check_new_username(username: str) -> None:
    if not USERNAME_RE.fullmatch(username):
        raise Invalid(_l("Use 3 to 30 letters, digits, '_', '-' or '.'."), "username")
    if db.session.scalar(select(User.id).where(User.username_key == username.lower())):
        raise Invalid(_l("This username is taken."), "username")


def _check_new_email(email: str) -> str:
    email = normalise_email(email)
    if db.session.scalar(select(User.id).where(User.email == email)):
        raise Invalid(_l("An account with this e-mail address already exists."), "email")
    return email


def authenticate(login: str, password: str) -> User:
    user = find_by_login(login)
    password_ok = passwords.verify_password(user.password_hash if user else None, password)
    if user is None or not password_ok:
        # One message for an unknown login and a wrong password: no account enumeration.
        raise Invalid(_l("Wrong username, e-mail or password."), "login")
    if user.is_suspended:
        raise Invalid(_l("Your account is suspended until %(date)s. Reason: %(reason)s",
                         date=format_datetime(user.suspended_until, "medium"), reason=user.suspension_reason), "login")
    return user


def load_session_user(session_id: str) -> User | None:
    """Flask-Login's loader: the id carries the user's session token, so rotating it logs copies out."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_token != token or user.is_suspended:
        return None
    return user


def end_other_sessions(user: User) -> None:
    user.session_token = new_session_token()


def update_profile(user: User, display_name: str, about: str, locale: str | None) -> None:
    display_name = display_name.strip()
    if not 1 <= len(display_name) <= 60:
        raise Invalid(_l("Use 1 to 60 characters."), "display_name")
    if len(about.strip()) > 500:
        raise Invalid(_l("Use at most %(n)s characters.", n=500), "about")
    user.display_name = display_name
    user.about = about.strip()
    user.locale = locale or None
    awards.check("profile", user.id)


def change_password(user: User, current: str, new: str) -> None:
    if not passwords.verify_password(user.password_hash, current):
        raise Invalid(_l("The current password is not correct."), "current_password")
    check_password_strength(new, "new_password")
    user.password_hash = passwords.hash_password(new)
    end_other_sessions(user)


def create_user(username: str, email: str, password: str, role: str = "member") -> User:
    """For the `flask users create` command: the same rules as registration, plus a role."""
    user = register(username, email, password)
    set_role(user, role)
    return user


def set_role(user: User, role: str) -> None:
    if role not in ROLES:
        raise Invalid(_l("Unknown role."), "role")
    user.role = role
