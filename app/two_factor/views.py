"""Two-factor sign-in: the second step of a log-in (a code or a security key), the settings page (set up,
recovery codes, security keys, turn off) and an administrator's reset."""

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user

from app import abuse, permissions
from app.accounts.queries import get_user
from app.errors import json_error
from app.extensions import db, limiter
from app.forms import form_status, submit
from app.i18n import gettext as _
from app.two_factor import completion, operations, passkeys, queries, remembered, totp
from app.two_factor.forms import CodeForm, SecurityKeyForm, VerifyForm

bp = Blueprint("two_factor", __name__)
admins_only = permissions.role_required(permissions.require_admin)
# The codes of a set-up in progress are shown again if the page reloads, until they are confirmed.
SETUP = "two_factor_setup"
# The id of the challenge row a WebAuthn ceremony of this session answers (app/two_factor/passkeys.py).
CHALLENGE = "webauthn_challenge"


def _rate_limit() -> str:
    return current_app.config["TWO_FACTOR_RATE_LIMIT"]


@bp.route("/login/two-factor", methods=["GET", "POST"])
@limiter.limit(_rate_limit, methods=["POST"])
def verify():
    pending = completion.pending_user()
    if pending is None:
        flash(_("Please log in again: the time to type your code has run out."), "info")
        return redirect(url_for("sign_in.login"))
    user, details = pending
    form = VerifyForm()
    form.remember_device.label.text = _("Don't ask again on this browser for %(days)s days",
                                        days=current_app.config["TWO_FACTOR_REMEMBER_DAYS"])
    used = submit(form, lambda: _check(user, form))
    if used:
        response = completion.finish(user, details.get("r", False), details.get("m", "password"),
                                  redirect(details.get("n") or url_for("questions.index")), details.get("k"))
        if form.remember_device.data:
            remembered.remember(response, user, queries.confirmed_secret(user).secret_encrypted)
        if used == "recovery":
            flash(_("You used a recovery code; %(n)s are left. Make new ones in your settings if you are running "
                    "out.", n=queries.recovery_codes_left(user)), "info")
        return response
    form.code.data = form.credential.data = ""
    return render_template("two_factor/verify.html", form=form, has_keys=bool(queries.security_keys(user))), \
        form_status(form)


def _check(user, form: VerifyForm) -> str:
    """Which second factor proved it ("totp", "recovery" or "passkey"). The attempt is counted, and a key's
    challenge used up, before the answer is checked, whatever happens next."""
    attempt = abuse.count_second_factor_attempt(user)
    if request.form.get("which") == "passkey":
        challenge = passkeys.take_challenge(user, "sign_in", session.pop(CHALLENGE, None))
        db.session.commit()
        passkeys.use_key(user, form.credential.data or "", challenge)
        used = "passkey"
    else:
        db.session.commit()
        used = operations.verify(user, form.code.data or "")
    abuse.forget(attempt)
    return used


@bp.post("/login/two-factor/security-key")
@limiter.limit(_rate_limit)
def sign_in_options():
    """The options of the browser's WebAuthn call for the member half-way through signing in (JSON)."""
    pending = completion.pending_user()
    if pending is None:
        return json_error(401, "sign_in_expired", _("Please log in again: the time to type your code has run out."))
    options, challenge_id = passkeys.begin(pending[0], "sign_in")
    db.session.commit()
    session[CHALLENGE] = challenge_id
    return jsonify(options)


@bp.route("/settings/two-factor", methods=["GET", "POST"])
@login_required
def settings():
    which = request.form.get("which")
    forms = {name: CodeForm(prefix=name) if which == name else CodeForm(prefix=name, formdata=None)
             for name in ("confirm", "codes", "off")}
    codes = None
    if which == "start" and request.method == "POST":
        operations.begin_setup(current_user)
        db.session.commit()
        session[SETUP] = True
        return redirect(url_for("two_factor.settings"))
    if which == "confirm":
        codes = submit(forms["confirm"], lambda: operations.confirm_setup(current_user, forms["confirm"].code.data
                                                                         or ""))
        if codes:
            session.pop(SETUP, None)
            _renew_this_session()
    elif which == "codes":
        codes = submit(forms["codes"], lambda: operations.new_recovery_codes(current_user, forms["codes"].code.data
                                                                            or ""))
    elif which == "off" and submit(forms["off"], lambda: operations.turn_off(current_user,
                                                                          forms["off"].code.data or "")):
        flash(_("Two-factor sign-in is off."), "success")
        return redirect(url_for("two_factor.settings"))
    return _settings_page(forms, SecurityKeyForm(formdata=None), codes)


def _settings_page(forms: dict, key_form: SecurityKeyForm, codes=None):
    for form in forms.values():
        form.code.data = ""
    key_form.credential.data = ""
    return render_template("two_factor/settings.html", forms=forms, key_form=key_form, codes=codes, **_state()), \
        form_status(key_form, *forms.values())


def _blank_code_forms() -> dict:
    return {name: CodeForm(prefix=name, formdata=None) for name in ("confirm", "codes", "off")}


@bp.post("/settings/two-factor/security-keys/options")
@login_required
@limiter.limit(_rate_limit)
def registration_options():
    """The options of the browser's WebAuthn call that adds a key (JSON)."""
    options, challenge_id = passkeys.begin(current_user, "register")
    db.session.commit()
    session[CHALLENGE] = challenge_id
    return jsonify(options)


@bp.post("/settings/two-factor/security-keys")
@login_required
@limiter.limit(_rate_limit)
def add_security_key():
    form = SecurityKeyForm()
    added = submit(form, lambda: _add(form))
    if added:
        flash(_("The security key “%(name)s” is added. You can use it instead of a code when you log in.",
                name=added.name), "success")
        return redirect(url_for("two_factor.settings"))
    return _settings_page(_blank_code_forms(), form)


def _add(form: SecurityKeyForm):
    # Used up before the answer is checked: a refused answer cannot be sent again with the same challenge.
    challenge = passkeys.take_challenge(current_user, "register", session.pop(CHALLENGE, None))
    db.session.commit()
    return passkeys.add_key(current_user, form.name.data or "", form.credential.data or "", challenge)


@bp.post("/settings/two-factor/security-keys/<int:key_id>/remove")
@login_required
def remove_security_key(key_id: int):
    key = queries.get_own_security_key(current_user, key_id)
    name = key.name
    passkeys.remove_key(current_user, key)
    db.session.commit()
    flash(_("The security key “%(name)s” is removed.", name=name), "success")
    return redirect(url_for("two_factor.settings"))


def _renew_this_session() -> None:
    """Turning it on ended the other sessions (their token changed): this one logs in again with the new one."""
    login_user(current_user._get_current_object())


def _state() -> dict:
    secret_row = operations.secret_row(current_user)
    on = secret_row is not None and secret_row.confirmed_at is not None
    setup = None
    if not on and secret_row is not None and session.get(SETUP):
        secret = totp.decrypt(secret_row.secret_encrypted)
        if secret:
            uri = totp.provisioning_uri(secret, current_user.username)
            setup = {"secret": secret, "qr": totp.qr_data_uri(uri)}
    return {"on": on, "setup": setup, "codes_left": queries.recovery_codes_left(current_user) if on else 0,
            "security_keys": queries.list_security_keys(current_user) if on else [],
            "staff_required": current_user.is_moderator and current_app.config["STAFF_2FA"] == "required"}


@bp.post("/admin/users/<int:user_id>/two-factor/reset")
@admins_only
def admin_reset(user_id: int):
    user = get_user(user_id)
    operations.admin_reset(current_user, user)
    db.session.commit()
    flash(_("The two-factor sign-in of %(name)s is reset; they have been told by e-mail.", name=user.name),
          "success")
    return redirect(url_for("admin.users", q=user.username))
