"""Registering, logging in and out, and choosing a new password with a reset link: the pages that prove who a
person is and hand them to the sign-in's completion (app/two_factor/completion.py), which asks for the second
factor when the account has one. Above accounts, oidc and two_factor, which it uses."""

from flask import (
    Blueprint,
    abort,
    copy_current_request_context,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, logout_user

from app import abuse
from app.accounts import devices, operations, password_reset, passwords
from app.accounts.forms import ForgotPasswordForm, LoginForm, RegisterForm, ResetPasswordForm
from app.extensions import db, limiter
from app.forms import form_status, render_form, submit
from app.i18n import current_language
from app.i18n import gettext as _
from app.oidc import logout as oidc_logout
from app.two_factor import completion
from app.urls import safe_next

bp = Blueprint("sign_in", __name__)


def _passwords_required() -> None:
    if not passwords.passwords_on():
        abort(404)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["REGISTER_RATE_LIMIT"], methods=["POST"])
def register():
    form = RegisterForm()
    if request.method == "POST":
        _passwords_required()
    user = submit(form, lambda: _register(form))
    if user:
        response = completion.finish(user, False, "password", redirect(safe_next(request.args.get("next"))))
        flash(_("Welcome to the community, %(name)s!", name=user.username), "success")
        return response
    return render_form("accounts/register.html", form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    form = LoginForm()
    if request.method == "POST":
        _passwords_required()
    user = submit(form, lambda: _authenticate(form.login.data or "", form.password.data or ""))
    if user:
        return completion.complete(user, form.remember.data, "password", safe_next(request.args.get("next")))
    form.password.data = ""
    return render_form("accounts/login.html", form)


def _register(form):
    if operations.email_in_use(form.email.data or ""):
        # The refusal will say the address has an account: such probes count like registrations.
        abuse.count_registration()
        db.session.commit()
    user = operations.register(form.username.data or "", form.email.data or "", form.password.data or "",
                               current_language())
    abuse.count_registration()
    return user


def _authenticate(login: str, password: str):
    account = operations.find_by_login(login)
    attempt = abuse.count_login_attempt(account, login, devices.known_device(account))
    db.session.commit()  # counted before the password is checked, whatever happens next
    user = operations.authenticate(login, password)
    abuse.forget(attempt)  # a right password is no failure
    return user


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PASSWORD_RESET_RATE_LIMIT"], methods=["POST"])
def forgot_password():
    _passwords_required()
    form = ForgotPasswordForm()
    email = submit(form, lambda: password_reset.request_reset(form.email.data or ""))
    if email:
        flash(_("If an account uses this address, we have sent it a link to choose a new password. "
                "The link works for %(minutes)s minutes.", minutes=password_reset.max_age() // 60), "info")
        return _after_response(redirect(url_for("sign_in.login")),
                               lambda: password_reset.send_link(email, current_language()))
    return render_form("accounts/forgot.html", form)


def _after_response(response, job):
    """Run `job` in a copy of this request's context once the response has been sent (the server closes it),
    then commit; a failure is logged, since nobody is waiting for it any more."""
    @copy_current_request_context
    def run():
        try:
            job()
            db.session.commit()
        except Exception:  # noqa: BLE001 - the answer has left: log, keep nothing half-done
            db.session.rollback()
            current_app.logger.exception("work after the response failed")

    response.call_on_close(run)
    return response


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PASSWORD_RESET_RATE_LIMIT"], methods=["POST"])
def reset_password(token: str):
    _passwords_required()
    user = password_reset.user_for_token(token)
    form = ResetPasswordForm() if user else None
    if user and form is not None and submit(
            form, lambda: password_reset.reset_password(user, form.new_password.data or "")):
        if user.is_suspended:
            flash(_("Your new password is set."), "success")
            return redirect(url_for("sign_in.login"))
        # A second factor is still asked for: a reset link proves the mailbox, not the authenticator.
        response = completion.complete(user, False, "password", url_for("questions.index"))
        flash(_("Your new password is set and you are logged in. Other sessions have been logged out and your "
                "API tokens revoked.") if current_user.is_authenticated else
              _("Your new password is set. Type a code from your authenticator app to finish logging in."), "success")
        return response
    if form:
        form.new_password.data = ""
    response = make_response(render_template("accounts/reset.html", form=form, user=user),
                             form_status(form) if form else 404)
    response.headers["Referrer-Policy"] = "no-referrer"  # the token is in this page's address
    return response


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        operations.log_out(current_user)
        db.session.commit()
    at_provider = oidc_logout.end_session_url(session.get(oidc_logout.SESSION_KEY))
    logout_user()
    session.clear()
    return redirect(at_provider or url_for("questions.index"))
