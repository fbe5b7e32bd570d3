"""Signing in through an OpenID provider: the button (a POST), the provider's return, a username when the
provider's cannot be used, and the linked accounts in the settings."""

import time

from authlib.integrations.base_client.errors import OAuthError
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from joserfc.errors import JoseError
from requests import RequestException

from app.errors import DomainError
from app.extensions import db, limiter
from app.forms import render_form, submit
from app.i18n import current_language
from app.i18n import gettext as _
from app.oidc import operations, providers
from app.oidc.forms import StartForm, UsernameForm
from app.oidc.logout import kept_for_logout
from app.oidc.queries import ways_to_sign_in
from app.two_factor import completion
from app.urls import absolute_url, safe_next

bp = Blueprint("oidc", __name__)
FLOW = "oidc_flow"
NEW_MEMBER = "oidc_new_member"
NEW_MEMBER_SECONDS = 900
# What a provider says that a new member's account is made from (the ID token is kept for log-out).
CLAIMS_KEPT = ("sub", "email", "email_verified", "name", "preferred_username", "nickname")
REFUSED = (OAuthError, JoseError, RequestException, ValueError, KeyError, RuntimeError)


def _rate_limit() -> str:
    return current_app.config["OIDC_RATE_LIMIT"]


def _provider_or_404(name: str) -> providers.Provider:
    return providers.get(name) or abort(404)


@bp.app_template_global()
def sign_in_providers() -> list[providers.Provider]:
    return providers.all_providers()


@bp.post("/login/oidc/<name>")
@limiter.limit(_rate_limit)
def start(name: str):
    provider = _provider_or_404(name)  # the CSRF token was checked before this view (app-wide protection)
    return _to_provider(provider, link=False, next_url=safe_next(request.form.get("next")))


@bp.post("/settings/sign-in/<name>/link")
@login_required
@limiter.limit(_rate_limit)
def link(name: str):
    provider = _provider_or_404(name)
    return _to_provider(provider, link=True, next_url=url_for("oidc.settings"))


def _to_provider(provider, link: bool, next_url: str):
    session[FLOW] = {"p": provider.name, "link": link, "u": current_user.id if link else None, "n": next_url}
    try:
        return providers.client(provider).authorize_redirect(
            absolute_url(url_for("oidc.callback", name=provider.name)), ui_locales=current_language())
    except REFUSED:
        current_app.logger.warning("could not reach the OpenID provider %s", provider.name, exc_info=True)
        flash(_("%(provider)s cannot be reached at the moment. Please try again in a few minutes.",
                provider=provider.label) + (" " + _("You can also log in with your password.")
                                            if current_app.config["AUTH_PASSWORD"] and not link else ""), "error")
        return redirect(next_url if link else url_for("sign_in.login", next=next_url))


@bp.get("/login/oidc/<name>/callback")
@limiter.limit(_rate_limit)
def callback(name: str):
    provider = _provider_or_404(name)
    flow = session.pop(FLOW, None) or {}
    next_url = safe_next(flow.get("n"))
    try:
        token = providers.client(provider).authorize_access_token()
        claims = dict(token["userinfo"])
    except REFUSED as error:
        current_app.logger.warning("refused a sign-in through %s: %r", provider.name, error)
        flash(_("The sign-in with %(provider)s could not be completed, so you are not logged in. Please try "
                "again.", provider=provider.label), "error")
        return redirect(url_for("oidc.settings") if flow.get("link") else url_for("sign_in.login", next=next_url))
    if flow.get("p") != provider.name:
        abort(400)
    if flow.get("link"):
        return _linked(provider, flow, claims)
    return _signed_in(provider, claims, token.get("id_token"), next_url)


def _signed_in(provider, claims: dict, id_token: str | None, next_url: str):
    try:
        user = operations.sign_in(provider, claims, current_language())
        db.session.commit()
    except operations.UsernameNeeded:
        db.session.rollback()
        session[NEW_MEMBER] = {"p": provider.name, "c": {k: claims[k] for k in CLAIMS_KEPT if k in claims},
                               "h": id_token, "n": next_url, "t": int(time.time())}
        return redirect(url_for("oidc.choose_username"))
    except DomainError as refusal:
        db.session.rollback()
        flash(str(refusal.message), "error")
        return redirect(url_for("sign_in.login", next=next_url))
    return completion.complete(user, False, f"oidc:{provider.name}", next_url, kept_for_logout(provider.name, id_token))


def _linked(provider, flow: dict, claims: dict):
    if not current_user.is_authenticated or current_user.id != flow.get("u"):
        abort(403)
    try:
        operations.link(current_user, provider, claims)
        db.session.commit()
        flash(_("%(provider)s is linked: you can log in with it.", provider=provider.label), "success")
    except DomainError as refusal:
        db.session.rollback()
        flash(str(refusal.message), "error")
    return redirect(url_for("oidc.settings"))


@bp.route("/login/oidc/username", methods=["GET", "POST"])
@limiter.limit(_rate_limit, methods=["POST"])
def choose_username():
    pending = session.get(NEW_MEMBER)
    if not isinstance(pending, dict) or time.time() - pending.get("t", 0) > NEW_MEMBER_SECONDS or \
            providers.get(pending.get("p", "")) is None:
        flash(_("Your sign-in took too long. Please start again."), "error")
        return redirect(url_for("sign_in.login"))
    provider = providers.get(pending["p"])
    suggested = operations.username_from(pending["c"]) or ""
    form = UsernameForm(data={"username": suggested} if request.method == "GET" else None)
    user = submit(form, lambda: operations.create_member_named(provider, pending["c"], form.username.data or "",
                                                                current_language()))
    if user:
        response = completion.complete(user, False, f"oidc:{provider.name}", safe_next(pending.get("n")),
                                    kept_for_logout(provider.name, pending.get("h")))
        flash(_("Welcome to the community, %(name)s!", name=user.username), "success")
        return response
    refusal = operations.username_refusal(suggested) if suggested and request.method == "GET" else None
    return render_form("oidc/username.html", form, provider=provider, suggested=suggested, refusal=refusal)


@bp.route("/settings/sign-in")
@login_required
def settings():
    linked = {identity.provider: identity for identity in current_user.linked_identities}
    return render_template("oidc/settings.html", providers=providers.all_providers(), linked=linked,
                           ways=ways_to_sign_in(current_user), form=StartForm())


@bp.post("/settings/sign-in/<name>/unlink")
@login_required
def unlink(name: str):
    provider = _provider_or_404(name)
    try:
        operations.unlink(current_user, provider, ways_to_sign_in(current_user))
        db.session.commit()
        flash(_("%(provider)s is unlinked.", provider=provider.label), "success")
    except DomainError as refusal:
        db.session.rollback()
        flash(str(refusal.message), "error")
    return redirect(url_for("oidc.settings"))
