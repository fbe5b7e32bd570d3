"""The member's sessions page: where they are logged in, and "log out elsewhere"."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, login_user

from app.extensions import db
from app.i18n import gettext as _
from app.sessions import operations, queries

bp = Blueprint("sessions", __name__)


@bp.route("/settings/sessions")
@login_required
def index():
    return render_template("sessions/index.html", sessions=queries.list_sessions(current_user))


@bp.post("/settings/sessions/end-others")
@login_required
def end_others():
    operations.end_other_sessions(current_user)
    db.session.commit()
    login_user(current_user._get_current_object())  # this one, with the new token
    flash(_("You are logged out everywhere else."), "success")
    return redirect(url_for("sessions.index"))


@bp.post("/settings/sessions/<int:session_id>/end")
@login_required
def end(session_id: int):
    operations.end_session(current_user, queries.get_own_session(current_user, session_id))
    db.session.commit()
    flash(_("That session is logged out."), "success")
    return redirect(url_for("sessions.index"))
