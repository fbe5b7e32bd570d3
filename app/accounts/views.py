"""Register, log in and out, profiles, settings and the language switcher."""

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
from flask_babel import refresh as refresh_locale
from flask_login import current_user, login_required, login_user, logout_user

from app import abuse
from app.accounts import devices, operations, password_reset, queries, sign_in
from app.accounts.forms import (
    ForgotPasswordForm,
    LoginForm,
    PasswordForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
)
from app.accounts.redirects import safe_next
from app.badges import queries as badge_queries
from app.extensions import csrf, db, limiter
from app.forms import form_status, render_form, submit
from app.i18n import LANGUAGE_COOKIE, current_language
from app.i18n import gettext as _
from app.oidc import logout as oidc_logout
from app.pagination import page_number
from app.parameters import with_query
from app.reputation import queries as reputation_queries
from app.seo.caching import protect_signed_in
from app.slugs import slugify

bp = Blueprint("accounts", __name__)


def user_url(user, **kwargs) -> str:
    return url_for("accounts.profile", user_id=user.id, slug=slugify(user.username), **kwargs)


bp.add_app_template_global(user_url, "user_url")


def passwords_on() -> bool:
    """FLASK_AUTH_PASSWORD=false: members sign in only through the OpenID providers; the password forms are gone."""
    return bool(current_app.config.get("AUTH_PASSWORD", True))


bp.add_app_template_global(passwords_on, "passwords_on")


def _passwords_required() -> None:
    if not passwords_on():
        abort(404)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config.get("REGISTER_RATE_LIMIT", "10/hour"), methods=["POST"])
def register():
    form = RegisterForm()
    if request.method == "POST":
        _passwords_required()
    user = submit(form, lambda: _register(form))
    if user:
        response = sign_in.finish(user, False, "password", redirect(safe_next(request.args.get("next"))))
        flash(_("Welcome to the community, %(name)s!", name=user.username), "success")
        return response
    return render_form("accounts/register.html", form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config.get("LOGIN_RATE_LIMIT", "10/minute"), methods=["POST"])
def login():
    form = LoginForm()
    if request.method == "POST":
        _passwords_required()
    user = submit(form, lambda: _authenticate(form.login.data or "", form.password.data or ""))
    if user:
        return sign_in.complete(user, form.remember.data, "password", safe_next(request.args.get("next")))
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
@limiter.limit(lambda: current_app.config.get("PASSWORD_RESET_RATE_LIMIT", "10/hour"), methods=["POST"])
def forgot_password():
    _passwords_required()
    form = ForgotPasswordForm()
    email = submit(form, lambda: password_reset.request_reset(form.email.data or ""))
    if email:
        flash(_("If an account uses this address, we have sent it a link to choose a new password. "
                "The link works for %(minutes)s minutes.", minutes=password_reset.max_age() // 60), "info")
        return _after_response(redirect(url_for("accounts.login")),
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
@limiter.limit(lambda: current_app.config.get("PASSWORD_RESET_RATE_LIMIT", "10/hour"), methods=["POST"])
def reset_password(token: str):
    _passwords_required()
    user = password_reset.user_for_token(token)
    form = ResetPasswordForm() if user else None
    if user and submit(form, lambda: password_reset.reset_password(user, form.new_password.data or "")):
        if user.is_suspended:
            flash(_("Your new password is set."), "success")
            return redirect(url_for("accounts.login"))
        # A second factor is still asked for: a reset link proves the mailbox, not the authenticator.
        response = sign_in.complete(user, False, "password", url_for("questions.index"))
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


PROFILE_TABS = ("questions", "answers", "reputation", "badges")


@bp.route("/users/<int:user_id>")
@bp.route("/users/<int:user_id>/<slug>")
def profile(user_id: int, slug: str | None = None):
    user = queries.get_user(user_id)
    if slug != slugify(user.username):
        return redirect(with_query(user_url(user)), 301)
    tab = request.args.get("tab", "questions")
    tab = tab if tab in PROFILE_TABS else "questions"
    page = page_number()
    context = {"user": user, "tab": tab, "award_count": badge_queries.count_user_awards(user)}
    if tab == "reputation":
        ledger = reputation_queries.list_ledger(user, page)
        context.update(ledger=ledger, ledger_days=reputation_queries.by_day(ledger.items),
                       curve=reputation_queries.reputation_curve(user))
    elif tab == "badges":
        context["award_groups"] = badge_queries.list_user_award_groups(user, page)
    elif tab in ("questions", "answers"):
        per_page = current_app.config["PROFILE_POSTS_PER_PAGE"]
        lister = queries.list_user_answers if tab == "answers" else queries.list_user_questions
        context["listing"] = lister(user, page, per_page)
    return render_template("accounts/profile.html", **context)


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    profile_form = ProfileForm(obj=current_user, prefix="profile")
    password_form = PasswordForm(prefix="password")
    if request.method == "POST" and request.form.get("which") == "password":
        _passwords_required()
        if submit(password_form, lambda: operations.change_password(
                current_user, password_form.current_password.data or "", password_form.new_password.data or "")):
            # The session token changed: renew this session, so only the others end.
            login_user(current_user._get_current_object())
            flash(_("Your password has been changed. Other sessions have been logged out and your API tokens "
                    "revoked."), "success")
            response = redirect(url_for("accounts.settings"))
            devices.remember(response, current_user)
            return response
        password_form.current_password.data = password_form.new_password.data = ""
    elif request.method == "POST":
        if submit(profile_form, lambda: operations.update_profile(
                current_user, profile_form.display_name.data or "", profile_form.about.data or "",
                profile_form.locale.data or None)):
            refresh_locale()  # the confirmation in the language just chosen, like the page it lands on
            flash(_("Your settings have been saved."), "success")
            return redirect(url_for("accounts.settings"))
    return render_template("accounts/settings.html", profile_form=profile_form,
                           password_form=password_form), form_status(profile_form, password_form)


@bp.post("/language")
@csrf.exempt  # checked for members only: an anonymous page from a shared cache has no token (app/seo/caching.py)
def set_language():
    protect_signed_in()
    language = request.form.get("language", "")
    response = redirect(safe_next(request.form.get("next")))
    if language not in current_app.config["LANGUAGES"]:
        return response
    if current_user.is_authenticated:
        current_user.locale = language
        db.session.commit()
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                        secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
