"""Two-factor actions: set up, confirm, check a code at sign-in, new recovery codes, turn off, and an
administrator's reset. Each flushes and never commits."""

from flask import current_app, url_for
from flask_babel import force_locale
from sqlalchemy import delete, update

from app import audit, clock, mail
from app.errors import Conflict, Invalid
from app.extensions import db, rowcount
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.locking import lock_users
from app.models import User
from app.models.sign_in import RecoveryCode, TwoFactorSecret
from app.permissions import require_admin
from app.sessions import operations as sessions
from app.two_factor import passkeys, recovery, totp
from app.urls import absolute_url

WRONG_CODE = _l("This code is not right, or it has been used already. Type the code your app shows now, or one "
                "of your recovery codes.")


def secret_row(user: User) -> TwoFactorSecret | None:
    return db.session.get(TwoFactorSecret, user.id)


def begin_setup(user: User) -> str:
    """A new, unconfirmed secret (replacing an unconfirmed one); the member scans it, then confirms with a code."""
    row = secret_row(user)
    if row is not None and row.confirmed_at is not None:
        raise Conflict(_l("Two-factor sign-in is already on."))
    secret = totp.new_secret()
    if row is None:
        row = TwoFactorSecret(user_id=user.id, secret_encrypted=totp.encrypt(secret), created_at=clock.now())
        db.session.add(row)
    else:
        row.secret_encrypted, row.last_used_step = totp.encrypt(secret), 0
    db.session.flush()
    return secret


def confirm_setup(user: User, code: str) -> list[str]:
    """The first right code turns it on; returns the recovery codes (shown once). Other sessions end: they were
    opened without the second factor."""
    lock_users(user.id)
    row = secret_row(user)
    if row is None or row.confirmed_at is not None:
        raise Conflict(_l("Start the set-up again: this page is out of date."))
    _use_totp(row, code, "code")
    row.confirmed_at = clock.now()
    sessions.end_other_sessions(user)
    return _replace_recovery_codes(user)


def _use_totp(row: TwoFactorSecret, code: str, field: str) -> None:
    secret = totp.decrypt(row.secret_encrypted)
    step = totp.matching_step(secret, code, clock.now()) if secret else None
    if step is None or step <= row.last_used_step:
        raise Invalid(WRONG_CODE, field)
    row.last_used_step = step


def verify(user: User, code: str) -> str:
    """A code at sign-in: TOTP, or else an unused recovery code (used up). Returns which one ("totp"/"recovery").
    Under the user's row lock, so the same code sent twice at once is accepted once."""
    lock_users(user.id)
    row = secret_row(user)
    if row is None or row.confirmed_at is None:
        raise Conflict(_l("Two-factor sign-in is not on for this account."))
    plain = recovery.normalise(code)
    if plain is None:
        _use_totp(row, code, "code")
        return "totp"
    used = rowcount(db.session.execute(
        update(RecoveryCode).where(RecoveryCode.user_id == user.id, RecoveryCode.code_hash == recovery.digest(plain),
                                   RecoveryCode.used_at.is_(None)).values(used_at=clock.now()),
        execution_options={"synchronize_session": False}))
    if used != 1:
        raise Invalid(WRONG_CODE, "code")
    return "recovery"


def new_recovery_codes(user: User, code: str) -> list[str]:
    """Fresh codes (the old ones stop working), after a current code proves the authenticator is at hand."""
    verify(user, code)
    return _replace_recovery_codes(user)


def _digest(new_code: str) -> str:
    plain = recovery.normalise(new_code)
    assert plain is not None  # a code just made is well formed
    return recovery.digest(plain)


def _replace_recovery_codes(user: User) -> list[str]:
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = recovery.new_codes()
    db.session.add_all(RecoveryCode(user_id=user.id, code_hash=_digest(c)) for c in codes)
    db.session.flush()
    return codes


def turn_off(user: User, code: str) -> None:
    """The member's own choice, with a code (staff may not when the site requires it: the view's page says so)."""
    if user.is_moderator and current_app.config["STAFF_2FA"] == "required":
        raise Invalid(_l("The brand team must use two-factor sign-in on this site."), "code")
    verify(user, code)
    _remove(user)


def _remove(user: User) -> int:
    """The whole second factor: secret, recovery codes and security keys; returns how many keys there were."""
    keys = passkeys.remove_all(user)
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    db.session.execute(delete(TwoFactorSecret).where(TwoFactorSecret.user_id == user.id))
    db.session.flush()
    return keys


def admin_reset(admin: User, user: User) -> None:
    """A member who lost their authenticator and recovery codes: an administrator removes the second factor. The
    audit log records it and the member is told by e-mail (if it was not them who asked, they know)."""
    require_admin(admin)
    row = secret_row(user)
    if row is None:
        raise Conflict(_l("This member has no second factor to reset."))
    keys = _remove(user)
    audit.record(admin, "two_factor_reset", "user", user.id, "", {"two_factor": True, "security_keys": keys},
                 {"two_factor": False, "security_keys": 0})
    if user.email:
        _tell_member(user, user.email)


def _tell_member(user: User, address: str) -> None:
    link = absolute_url(url_for("two_factor.settings"))
    with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Your two-factor sign-in was reset on %(site)s", site=current_app.config["SITE_NAME"])
        text = _("Hello %(name)s,\n\nan administrator has reset the two-factor sign-in of your account %(username)s: "
                 "you can now sign in with your password alone. Set up a new authenticator here:\n\n%(link)s\n\n"
                 "If you did not ask for this, reply to this message or contact the brand team at once.\n",
                 name=user.name, username=user.username, link=link)
    mail.queue(address, subject, text, kind="two_factor_reset", user_id=user.id)
