"""Admin actions on webhook endpoints: register, change, delete, and queue a test event."""

from flask import current_app

from app import audit, clock, typed_text
from app.errors import Conflict, Invalid
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.models import User, Webhook, WebhookDelivery
from app.models.webhook import TEST_EVENT, WEBHOOK_EVENTS
from app.permissions import require_admin
from app.webhooks import addresses, payloads

MIN_SECRET = 16


def _checked(url: str, secret: str, events: list[str], description: str) -> dict:
    """Every rule at once, each message by its field."""
    errors, url, secret = {}, url.strip(), secret.strip()
    if len(url) > Webhook.url.type.length:
        errors["url"] = _l("The URL is too long.")
    else:
        try:
            addresses.vet(url, bool(current_app.config["WEBHOOKS_ALLOW_PRIVATE"]))
        except addresses.Refused as refusal:
            errors["url"] = refusal.message
    if not MIN_SECRET <= len(secret) <= Webhook.secret.type.length:
        errors["secret"] = _l("Use a secret of %(min)s to %(max)s characters (the receiver checks signatures "
                              "with it).", min=MIN_SECRET, max=Webhook.secret.type.length)
    chosen = [event for event in WEBHOOK_EVENTS if event in set(events)]
    if not chosen:
        errors["events"] = _l("Choose at least one event.")
    if errors:
        raise Invalid(errors=errors)
    return {"url": url, "secret": secret, "events": chosen, "description": typed_text.single_line(description)[:200]}


def _state(endpoint: Webhook) -> dict:
    """What the audit log keeps: never the secret."""
    return {"url": endpoint.url, "events": list(endpoint.events), "active": endpoint.is_active}


def create_endpoint(admin: User, url: str, secret: str, events: list[str], description: str = "",
                    active: bool = True) -> Webhook:
    require_admin(admin)
    endpoint = Webhook(**_checked(url, secret, events, description), is_active=active, created_by_id=admin.id,
                       created_at=clock.now(), updated_at=clock.now())
    db.session.add(endpoint)
    db.session.flush()
    audit.record(admin, "webhook_create", "webhook", endpoint.id, "", None, _state(endpoint))
    return endpoint


def update_endpoint(admin: User, endpoint: Webhook, url: str, secret: str, events: list[str], description: str,
                    active: bool) -> None:
    """An empty secret keeps the current one (it is never shown again in the form)."""
    require_admin(admin)
    before = _state(endpoint)
    values = _checked(url, secret or endpoint.secret, events, description)
    for key, value in values.items():
        setattr(endpoint, key, value)
    endpoint.is_active, endpoint.updated_at = active, clock.now()
    db.session.flush()
    audit.record(admin, "webhook_update", "webhook", endpoint.id, "", before, _state(endpoint))


def delete_endpoint(admin: User, endpoint: Webhook) -> None:
    """Its recorded deliveries go with it."""
    require_admin(admin)
    audit.record(admin, "webhook_delete", "webhook", endpoint.id, "", _state(endpoint), None)
    db.session.delete(endpoint)
    db.session.flush()


def retry_delivery(admin: User, delivery: WebhookDelivery) -> None:
    """Due again now (after the receiver is fixed): one more try, then back-off only if attempts remain."""
    require_admin(admin)
    if delivery.status == "delivered":
        raise Conflict(_l("This delivery has already arrived."))
    delivery.status, delivery.next_attempt_at = "pending", clock.now()
    db.session.flush()


def queue_test_event(admin: User, endpoint: Webhook) -> WebhookDelivery:
    """A `webhook.test` delivery for this endpoint alone, active or not (tried once; the view sends it)."""
    require_admin(admin)
    body = payloads.body(TEST_EVENT, {"webhook": {"id": endpoint.id, "events": list(endpoint.events)},
                                      "sent_by": payloads.user(admin)})
    delivery = WebhookDelivery(webhook_id=endpoint.id, event=TEST_EVENT, body=body, created_at=clock.now(),
                               next_attempt_at=clock.now())
    db.session.add(delivery)
    db.session.flush()
    return delivery
