"""Profiles, settings and the language switcher (registering and logging in and out: app/sign_in/)."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import refresh as refresh_locale
from flask_login import current_user, login_required, login_user

from app.accounts import devices, operations, passwords, queries
from app.accounts.forms import (
    PasswordForm,
    ProfileForm,
)
from app.badges import queries as badge_queries
from app.extensions import csrf, db
from app.forms import form_status, submit
from app.i18n import LANGUAGE_COOKIE
from app.i18n import gettext as _
from app.pagination import page_number
from app.parameters import with_query
from app.reputation import queries as reputation_queries
from app.seo.caching import protect_signed_in
from app.slugs import slugify
from app.urls import safe_next, user_url

bp = Blueprint("accounts", __name__)


def _passwords_required() -> None:
    if not passwords.passwords_on():
        abort(404)


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
    elif request.method == "POST" and submit(profile_form, lambda: operations.update_profile(
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
