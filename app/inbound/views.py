"""Received e-mail for administrators (/admin/inbound: every message, its outcome, "process again") and the
held messages for moderators (/moderation/held/<id>: approve as written or edited, or reject with a reason)."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import permissions
from app.extensions import db
from app.forms import form_status, submit
from app.i18n import gettext as _
from app.inbound import labels, operations, pictures, queries
from app.inbound.forms import ApproveForm, RejectForm
from app.models import INBOUND_STATUSES
from app.models.image import CONTENT_TYPES
from app.pagination import page_number

bp = Blueprint("inbound", __name__)
admins_only = permissions.role_required(permissions.require_admin)
moderators_only = permissions.role_required(permissions.require_moderator)


@bp.route("/admin/inbound")
@admins_only
def index():
    status = request.args.get("status")
    status = status if status in INBOUND_STATUSES else None
    listing = queries.list_messages(status, page_number())
    return render_template("inbound/index.html", listing=listing, status=status, statuses=INBOUND_STATUSES,
                           counts=queries.count_by_status())


@bp.route("/admin/inbound/<int:message_id>")
@admins_only
def show(message_id: int):
    view = queries.message_view(queries.get_message(message_id))
    return render_template("inbound/show.html", view=view, message=view.message,
                           reprocessable=view.message.status in operations.REPROCESSABLE)


@bp.route("/admin/inbound/<int:message_id>/raw")
@admins_only
def raw(message_id: int):
    message = queries.get_message(message_id)
    return Response(operations.raw_bytes(message), mimetype="message/rfc822",
                    headers={"Content-Disposition": f'attachment; filename="inbound-{message.id}.eml"'})


@bp.post("/admin/inbound/<int:message_id>/process")
@admins_only
def process_again(message_id: int):
    message = queries.get_message(message_id)
    operations.process_again(current_user, message)
    db.session.commit()
    flash(_("Processed again. Outcome: %(status)s.", status=labels.status_label(message.status)), "success")
    return redirect(url_for("inbound.show", message_id=message.id))


@bp.route("/moderation/held/<int:message_id>")
@moderators_only
def held(message_id: int):
    message = queries.get_held(message_id)
    return _held_page(message, _draft_form(message), RejectForm())


@bp.route("/moderation/held/<int:message_id>/pictures/<int:place>")
@moderators_only
def held_picture(message_id: int, place: int):
    """A held message's picture, re-encoded from the stored message: no image exists until it is published."""
    processed = pictures.preview(queries.get_held(message_id), place - 1)
    if processed is None:
        abort(404)
    return Response(processed.display.data, mimetype=CONTENT_TYPES[processed.format], headers={
        "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox", "Content-Disposition": "inline"})


@bp.post("/moderation/held/<int:message_id>/approve")
@moderators_only
def approve(message_id: int):
    message = queries.get_held(message_id)
    form = ApproveForm()
    if submit(form, lambda: operations.approve(current_user, message, form.title.data or "", form.body.data or "",
                                               form.tags.data or "")):
        flash(_("Published, and the sender told."), "success")
        return redirect(url_for("moderation.queue_page", tab="held"))
    return _held_page(message, form, RejectForm())


@bp.post("/moderation/held/<int:message_id>/reject")
@moderators_only
def reject(message_id: int):
    message = queries.get_held(message_id)
    form = RejectForm()
    if submit(form, lambda: operations.reject(current_user, message, form.reason.data or "")):
        flash(_("Rejected, and the sender told why."), "success")
        return redirect(url_for("moderation.queue_page", tab="held"))
    return _held_page(message, _draft_form(message), form)


def _draft_form(message) -> ApproveForm:
    """The approve form filled from the stored draft (not from another form's submission)."""
    draft = message.draft or {}
    return ApproveForm(formdata=None, data={key: draft.get(key) for key in ("title", "body", "tags")})


def _held_page(message, approve_form, reject_form):
    return render_template("inbound/held.html", message=message, approve_form=approve_form,
                           reject_form=reject_form, **queries.held_page(message)), form_status(approve_form,
                                                                                               reject_form)
