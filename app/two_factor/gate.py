"""With STAFF_2FA "required", the brand team acts only with a second factor: a moderator or admin without one is
sent to set it up from whatever page they open, before any staff action, and before any form they could type into
(so nothing they write is lost to the detour)."""

from flask import current_app, flash, g, redirect, request, url_for
from flask_login import current_user

from app.errors import json_error, wants_json
from app.i18n import lazy_gettext as _l
from app.two_factor import queries

# What a staff member may still do: set up the second factor, log out, change the language.
OPEN_ENDPOINTS = {"two_factor.settings", "two_factor.verify", "sign_in.logout", "accounts.set_language", "static"}
MESSAGE = _l("The brand team signs in with a second factor on this site. Set up two-factor sign-in first: it takes "
             "a minute with an authenticator app.")


def staff_may_act(user) -> bool:
    return current_app.config["STAFF_2FA"] != "required" or not user.is_moderator or queries.is_on(user)


def require_staff_second_factor():
    if g.get("api_request") or request.endpoint in OPEN_ENDPOINTS:
        return None
    if not current_user.is_authenticated or staff_may_act(current_user):
        return None
    if wants_json():
        return json_error(403, "second_factor_required", MESSAGE)
    flash(MESSAGE, "info")
    return redirect(url_for("two_factor.settings"))
