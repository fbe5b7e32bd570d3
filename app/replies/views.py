"""The brand team's saved replies: the list, a new one, editing and deleting (moderators only)."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from app import permissions
from app.extensions import db
from app.forms import render_form, submit
from app.i18n import gettext as _
from app.replies import operations, queries
from app.replies.forms import ReplyForm

bp = Blueprint("replies", __name__)
moderators_only = permissions.role_required(permissions.require_moderator)


@bp.get("/moderation/replies")
@moderators_only
def index():
    return render_template("replies/index.html", replies=queries.list_replies())


@bp.route("/moderation/replies/new", methods=["GET", "POST"])
@moderators_only
def new():
    form = ReplyForm()
    if submit(form, lambda: operations.create_reply(current_user, form.title.data or "", form.body.data or "",
                                                    form.language.data or "")):
        flash(_("The saved reply is created."), "success")
        return redirect(url_for("replies.index"))
    return render_form("replies/edit.html", form, reply=None)


@bp.route("/moderation/replies/<int:reply_id>/edit", methods=["GET", "POST"])
@moderators_only
def edit(reply_id: int):
    reply = queries.get_reply(reply_id)
    form = ReplyForm(obj=reply)
    if submit(form, lambda: operations.edit_reply(current_user, reply, form.title.data or "", form.body.data or "",
                                                  form.language.data or "")):
        flash(_("The saved reply is saved."), "success")
        return redirect(url_for("replies.index"))
    return render_form("replies/edit.html", form, reply=reply)


@bp.post("/moderation/replies/<int:reply_id>/delete")
@moderators_only
def delete(reply_id: int):
    operations.delete_reply(current_user, queries.get_reply(reply_id))
    db.session.commit()
    flash(_("The saved reply is deleted."), "success")
    return redirect(url_for("replies.index"))
