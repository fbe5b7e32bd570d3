"""HTML pages of the API: the human documentation (/api) and the token settings (/settings/api-tokens)."""

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.api import openapi, operations, queries
from app.api.blueprint import config_value
from app.api.forms import TokenForm
from app.extensions import db, limiter
from app.forms import submit
from app.i18n import gettext as _
from app.urls import absolute_url

bp = Blueprint("api_pages", __name__)
token_limit = limiter.limit(config_value("API_TOKEN_RATE_LIMIT"), methods=["POST"])


@bp.route("/api")
def docs():
    return render_template("api/docs.html", endpoints=openapi.endpoints(), base=absolute_url(url_for("api.questions"))
                           .removesuffix("/questions"))


@bp.route("/settings/api-tokens", methods=["GET", "POST"])
@login_required
@token_limit
def tokens():
    form = TokenForm()
    created = submit(form, lambda: operations.create_token(current_user, form.name.data or ""))
    secret = None
    if created:
        _token, secret = created
        form = TokenForm(formdata=None)
    status = 400 if form.errors else 200
    response = current_app.make_response((render_template(
        "api/tokens.html", form=form, secret=secret, tokens=queries.list_tokens(current_user),
        per_user=current_app.config["API_TOKENS_PER_USER"]), status))
    response.headers["Cache-Control"] = "no-store"  # a page may show a secret once: never keep a copy
    return response


@bp.post("/settings/api-tokens/<int:token_id>/revoke")
@login_required
@token_limit
def revoke(token_id: int):
    token = queries.get_own_token(current_user, token_id)
    operations.revoke_token(current_user, token)
    db.session.commit()
    flash(_("The token “%(name)s” is revoked: scripts using it are refused from now on.", name=token.name),
          "success")
    return redirect(url_for("api_pages.tokens"))
