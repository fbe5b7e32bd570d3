"""Reads for the webhook pages: the endpoints with their delivery counts, one endpoint, its deliveries."""

from flask import abort
from sqlalchemy import case, func, select

from app.extensions import db
from app.models import Webhook, WebhookDelivery


def get_endpoint(endpoint_id: int) -> Webhook:
    return db.session.get(Webhook, endpoint_id) or abort(404)


def get_delivery(delivery_id: int) -> WebhookDelivery:
    return db.session.get(WebhookDelivery, delivery_id) or abort(404)


def list_endpoints() -> list[tuple[Webhook, int, int, int]]:
    """Each endpoint with its deliveries delivered, waiting and failed (one query)."""
    def count(status):
        return func.coalesce(func.sum(case((WebhookDelivery.status == status, 1), else_=0)), 0)

    rows = db.session.execute(
        select(Webhook, count("delivered"), count("pending"), count("failed"))
        .outerjoin(WebhookDelivery, WebhookDelivery.webhook_id == Webhook.id)
        .group_by(Webhook.id).order_by(Webhook.id))
    return [tuple(row) for row in rows]


def list_deliveries(endpoint: Webhook, page: int, per_page: int = 30):
    query = (select(WebhookDelivery).where(WebhookDelivery.webhook_id == endpoint.id)
             .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc()))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)
