"""Admin pages for webhooks: the endpoints, one endpoint's deliveries, register/edit/delete, send a test event."""

import secrets

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import permissions
from app.extensions import db, limiter
from app.forms import render_form, submit
from app.i18n import gettext as _
from app.models import WebhookDelivery
from app.pagination import page_number
from app.webhooks import operations, queries, sending
from app.webhooks.forms import EVENT_LABELS, WebhookForm

bp = Blueprint("webhooks", __name__)
admins_only = permissions.role_required(permissions.require_admin)


def _values(form: WebhookForm) -> tuple:
    return (form.url.data or "", form.secret.data or "", form.events.data or [], form.description.data or "",
            bool(form.active.data))


@bp.route("/admin/webhooks")
@admins_only
def index():
    return render_template("webhooks/index.html", endpoints=queries.list_endpoints(), event_labels=EVENT_LABELS)


@bp.route("/admin/webhooks/new", methods=["GET", "POST"])
@admins_only
def new():
    form = WebhookForm()
    if request.method == "GET":
        form.secret.data = secrets.token_urlsafe(32)  # a strong default the admin copies to the receiver
    endpoint = submit(form, lambda: operations.create_endpoint(current_user, *_values(form)))
    if endpoint:
        flash(_("The webhook is registered."), "success")
        return redirect(url_for("webhooks.show", endpoint_id=endpoint.id))
    return render_form("webhooks/edit.html", form, endpoint=None, event_labels=EVENT_LABELS)


@bp.route("/admin/webhooks/<int:endpoint_id>")
@admins_only
def show(endpoint_id: int):
    endpoint = queries.get_endpoint(endpoint_id)
    deliveries = queries.list_deliveries(endpoint, page_number())
    return render_template("webhooks/show.html", endpoint=endpoint, deliveries=deliveries, event_labels=EVENT_LABELS)


@bp.route("/admin/webhooks/<int:endpoint_id>/edit", methods=["GET", "POST"])
@admins_only
def edit(endpoint_id: int):
    endpoint = queries.get_endpoint(endpoint_id)
    form = WebhookForm(obj=endpoint, active=endpoint.is_active)
    form.secret.description = _("Leave empty to keep the current secret.")
    if request.method == "GET":
        form.secret.data = ""  # never shown again
    if submit(form, lambda: operations.update_endpoint(current_user, endpoint, *_values(form))):
        flash(_("The webhook is saved."), "success")
        return redirect(url_for("webhooks.show", endpoint_id=endpoint.id))
    return render_form("webhooks/edit.html", form, endpoint=endpoint, event_labels=EVENT_LABELS)


@bp.post("/admin/webhooks/<int:endpoint_id>/delete")
@admins_only
def delete(endpoint_id: int):
    operations.delete_endpoint(current_user, queries.get_endpoint(endpoint_id))
    db.session.commit()
    flash(_("The webhook is deleted."), "success")
    return redirect(url_for("webhooks.index"))


@bp.post("/admin/webhooks/deliveries/<int:delivery_id>/retry")
@admins_only
@limiter.limit(lambda: current_app.config["WEBHOOKS_TEST_RATE_LIMIT"])
def retry(delivery_id: int):
    delivery = queries.get_delivery(delivery_id)
    operations.retry_delivery(current_user, delivery)
    db.session.commit()
    return _send_now(delivery_id, delivery.webhook_id)


@bp.post("/admin/webhooks/<int:endpoint_id>/test")
@admins_only
@limiter.limit(lambda: current_app.config["WEBHOOKS_TEST_RATE_LIMIT"])  # each press calls another server
def send_test(endpoint_id: int):
    """Sent now, while the admin waits (at most the timeout), so the page can say how it went."""
    delivery_id = operations.queue_test_event(current_user, queries.get_endpoint(endpoint_id)).id
    db.session.commit()
    return _send_now(delivery_id, endpoint_id)


def _send_now(delivery_id: int, endpoint_id: int):
    sending.send_due(ids=[delivery_id])
    delivery = db.session.get_one(WebhookDelivery, delivery_id)
    if delivery.status == "delivered":
        flash(_("Delivered: HTTP %(status)s in %(ms)s ms.", status=delivery.last_status_code,
                ms=delivery.last_response_ms), "success")
    else:
        flash(_("Not delivered: %(error)s", error=delivery.last_error), "error")
    return redirect(url_for("webhooks.show", endpoint_id=endpoint_id))
