"""Routes of the webhook pages (/admin/webhooks): administrators only."""

from app import clock
from app.extensions import db
from app.models import Webhook, WebhookDelivery
from tests.integration.route_calls import ADMIN, Call, post

E = {"endpoint_id": "webhook"}
SECRET = "a-long-shared-secret-0123456789"

ROUTES = {
    ("GET", "/admin/webhooks"): Call(ADMIN),
    ("GET", "/admin/webhooks/new"): Call(ADMIN),
    ("POST", "/admin/webhooks/new"): post(ADMIN, data=lambda w: {
        "url": "https://93.184.215.14/hooks/sportello", "secret": SECRET,
        "events": ["question.created", "flag.created"], "description": "Help desk", "active": "y"}),
    ("GET", "/admin/webhooks/<int:endpoint_id>"): Call(ADMIN, E),
    ("GET", "/admin/webhooks/<int:endpoint_id>/edit"): Call(ADMIN, E),
    ("POST", "/admin/webhooks/<int:endpoint_id>/edit"): post(ADMIN, E, lambda w: {
        "url": "https://93.184.215.14/hooks/other", "secret": "", "events": ["answer.accepted"],
        "description": "CRM"}),
    ("POST", "/admin/webhooks/<int:endpoint_id>/delete"): post(ADMIN, E),
    # Sends at once; the world's receiver is on loopback, so it is refused (recorded) without a connection.
    ("POST", "/admin/webhooks/<int:endpoint_id>/test"): post(ADMIN, E),
    ("POST", "/admin/webhooks/deliveries/<int:delivery_id>/retry"): post(ADMIN, {"delivery_id": "webhook_delivery"}),
}


def build_world(w) -> None:
    """A paused endpoint (so no other route's event is delivered anywhere)."""
    endpoint = Webhook(url="http://127.0.0.1:9/hook", secret=SECRET, events=["question.created"], is_active=False,
                       created_at=clock.now(), updated_at=clock.now())
    db.session.add(endpoint)
    db.session.flush()
    failed = WebhookDelivery(webhook_id=endpoint.id, event="question.created", body="{}", status="failed",
                             attempts=8, last_error="HTTP 503", created_at=clock.now())
    db.session.add(failed)
    db.session.flush()
    w.webhook, w.webhook_delivery = endpoint.id, failed.id
