"""Account actions: register, authenticate, profile and settings changes."""

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import format_datetime
from sqlalchemy import select, update

from app import clock
from app.accounts import names, passwords
from app.badges import awards
from app.errors import Invalid, check_all
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.locking import lock_values
from app.models import ROLES, User
from app.models.api_token import ApiToken
from app.models.user import new_session_token
from app.sessions import operations as sessions
from app.typed_text import multi_line, single_line

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


def register(username: str, email: str, password: str, locale: str | None = None, role: str = "member") -> User:
    """Every field checked at once (one refusal names all their problems), then checked again under a lock."""
    username = single_line(username)
    _, email, _ = check_all(lambda: _check_new_username(username, role), lambda: _check_new_email(email),
                            lambda: check_password_strength(password))
    password_hash = passwords.hash_password(password)  # before the lock: on SQLite it holds up every writer
    # The same name or address registered at the same moment: the second waits, then finds the first.
    lock_values(f"username:{username.lower()}", f"email:{email}")
    check_all(lambda: _check_new_username(username, role), lambda: _check_new_email(email))
    user = User(username=username, username_key=username.lower(), email=email,
                password_hash=password_hash, display_name=username, locale=locale)
    db.session.add(user)
    db.session.flush()
    return user


def register_without_password(username: str, email: str | None, display_name: str, locale: str | None) -> User:
    """A member an OpenID provider vouches for: the username rules of registration, an address only if the provider
    verified it (checked by the caller), and no password (they sign in through the provider)."""
    username = single_line(username)
    check_all(lambda: _check_new_username(username, "member"), lambda: email and _check_new_email(email))
    lock_values(f"username:{username.lower()}", *([f"email:{email}"] if email else []))
    check_all(lambda: _check_new_username(username, "member"), lambda: email and _check_new_email(email))
    user = User(username=username, username_key=username.lower(), email=email, password_hash=None,
                display_name=display_name or username, locale=locale)
    db.session.add(user)
    db.session.flush()
    return user


def check_new_username(username: str) -> None:
    """The rules a member's new username meets (well-formed, not reserved or a look-alike, not taken)."""
    _check_new_username(single_line(username), "member")


def _check_new_username(username: str, role: str) -> None:
    if not USERNAME_RE.fullmatch(username):
        raise Invalid(_l("Use 3 to 30 letters, digits, '_', '-' or '.'."), "username")
    if role == "member":
        names.check_available(username, "username")
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
    """Flask-Login's loader: the id carries the user's session token, so rotating it logs copies out, and the
    signed-in session's key, so ending that session on the sessions page logs it out."""
    user_id, _, rest = session_id.partition(":")
    token, _, key = rest.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_token != token or user.is_suspended:
        return None
    return user if sessions.recognise(user, key or None) else None


def end_other_sessions(user: User) -> None:
    sessions.end_other_sessions(user)


def log_out(user: User) -> None:
    """This browser's session ends, and copies of its cookie with it; a session older than the sessions table
    (no key in its id) can only be ended with all the others."""
    if user.current_session_key:
        sessions.close_current(user)
    else:
        user.session_token = new_session_token()


def update_profile(user: User, display_name: str, about: str, locale: str | None) -> None:
    display_name, about = single_line(display_name), multi_line(about)
    if not 1 <= len(display_name) <= 60:
        raise Invalid(_l("Use 1 to 60 characters."), "display_name")
    if len(about) > 500:
        raise Invalid(_l("Use at most %(n)s characters.", n=500), "about")
    if not user.is_moderator and display_name != user.display_name:
        names.check_available(display_name, "display_name")
    user.display_name = display_name
    user.about = about
    user.locale = locale or None
    awards.check("profile", user.id)


def change_password(user: User, current: str, new: str) -> None:
    if not passwords.verify_password(user.password_hash, current):
        raise Invalid(_l("The current password is not correct."), "current_password")
    check_password_strength(new, "new_password")
    set_password(user, new)


def set_password(user: User, password: str) -> None:
    """A new password ends everything the old one opened: other sessions, remember-me cookies, reset links
    (they carry the session token and the password hash) and API tokens."""
    user.password_hash = passwords.hash_password(password)
    end_other_sessions(user)
    db.session.execute(update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                       .values(revoked_at=clock.now()), execution_options={"synchronize_session": False})


def create_user(username: str, email: str, password: str, role: str = "member") -> User:
    """For the `flask users create` command: the same rules as registration, plus a role."""
    user = register(username, email, password, role=role)
    set_role(user, role)
    return user


def set_role(user: User, role: str) -> None:
    if role not in ROLES:
        raise Invalid(_l("Unknown role."), "role")
    user.role = role
