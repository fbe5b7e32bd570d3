"""Two-factor sign-in: the code step of a log-in, the settings page (set up, recovery codes, turn off) and an
administrator's reset."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user

from app import abuse, permissions
from app.accounts.queries import get_user
from app.extensions import db, limiter
from app.forms import form_status, submit
from app.i18n import gettext as _
from app.two_factor import completion, operations, queries, remembered, totp
from app.two_factor.forms import CodeForm, VerifyForm

bp = Blueprint("two_factor", __name__)
admins_only = permissions.role_required(permissions.require_admin)
# The codes of a set-up in progress are shown again if the page reloads, until they are confirmed.
SETUP = "two_factor_setup"


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
    used = submit(form, lambda: _check(user, form.code.data or ""))
    if used:
        response = completion.finish(user, details.get("r", False), details.get("m", "password"),
                                  redirect(details.get("n") or url_for("questions.index")), details.get("k"))
        if form.remember_device.data:
            remembered.remember(response, user, queries.confirmed_secret(user).secret_encrypted)
        if used == "recovery":
            flash(_("You used a recovery code; %(n)s are left. Make new ones in your settings if you are running "
                    "out.", n=queries.recovery_codes_left(user)), "info")
        return response
    form.code.data = ""
    return render_template("two_factor/verify.html", form=form), form_status(form)


def _check(user, code: str) -> str:
    attempt = abuse.count_second_factor_attempt(user)
    db.session.commit()  # counted before the code is checked, whatever happens next
    used = operations.verify(user, code)
    abuse.forget(attempt)
    return used


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
    for form in forms.values():
        form.code.data = ""
    return render_template("two_factor/settings.html", forms=forms, codes=codes, **_state()), \
        form_status(*forms.values())


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
