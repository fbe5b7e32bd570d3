"""Sending queued deliveries: signed, to the vetted address, recorded, and retried with exponential back-off.

Headers of every request (documented in docs/webhooks.md):
    X-Sportello-Event       the event name, e.g. question.created
    X-Sportello-Delivery    the delivery's id (the same on every retry: receivers can drop repeats)
    X-Sportello-Timestamp   Unix time of this attempt, in seconds
    X-Sportello-Signature   sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the endpoint's secret>

Right after a commit that queued deliveries they are sent (unless WEBHOOKS_SEND_AFTER_COMMIT is "none"): by the
web process's after-commit worker, so the response never waits for the receiver, and before a command ends
(app/dispatch.py); `flask webhooks send` sends whatever is due (retries included). Nothing here ever raises into
the request that caused the event.
"""

import hashlib
import hmac
import http.client
import logging
import socket
import ssl
import time
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from app import clock, dispatch, events
from app.extensions import db, rowcount
from app.models import WebhookDelivery
from app.models.webhook import TEST_EVENT
from app.outbox import drain
from app.webhooks import addresses

log = logging.getLogger(__name__)
USER_AGENT = "Sportello-Webhooks/1"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def request_headers(delivery: WebhookDelivery, timestamp: int, body: bytes) -> dict[str, str]:
    return {"Content-Type": "application/json", "User-Agent": USER_AGENT,
            "X-Sportello-Event": delivery.event, "X-Sportello-Delivery": str(delivery.id),
            "X-Sportello-Timestamp": str(timestamp),
            "X-Sportello-Signature": "sha256=" + sign(delivery.webhook.secret, timestamp, body)}


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address that was vetted, whatever the host name resolves to by now."""

    def __init__(self, target: addresses.Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = target.address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As above, with TLS: the certificate is checked against the host name (SNI), not the address."""

    def __init__(self, target: addresses.Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout, context=ssl.create_default_context())
        self.address = target.address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(target: addresses.Target, body: bytes, headers: dict[str, str], timeout: float) -> tuple[int, str]:
    """POST once (redirects are not followed); the status and the start of the response body."""
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = kind(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(2000).decode("utf-8", "replace")
    finally:
        connection.close()


def _claim(delivery_id: int) -> WebhookDelivery | None:
    """Take one due delivery for this sender; a sender running at the same time gets none."""
    now, lease = clock.now(), timedelta(seconds=float(current_app.config["WEBHOOKS_CLAIM_SECONDS"]))
    claimed = rowcount(db.session.execute(
        update(WebhookDelivery).where(WebhookDelivery.id == delivery_id, WebhookDelivery.status == "pending",
                                      WebhookDelivery.next_attempt_at <= now)
        .values(next_attempt_at=now + lease, attempts=WebhookDelivery.attempts + 1,
                last_attempt_at=now),
        execution_options={"synchronize_session": False, "preserve_rowcount": True}))
    db.session.commit()
    return db.session.get(WebhookDelivery, delivery_id, populate_existing=True) if claimed == 1 else None


def retry_delay(attempts: int, config) -> timedelta:
    """Exponential back-off: the base delay after the first failure, doubling, capped."""
    seconds = float(config["WEBHOOKS_RETRY_SECONDS"]) * 2 ** (attempts - 1)
    return timedelta(seconds=min(seconds, float(config["WEBHOOKS_RETRY_MAX_SECONDS"])))


def _attempt(delivery: WebhookDelivery, config) -> str | None:
    """One try: None when delivered, else what went wrong. The response time is recorded either way."""
    body = delivery.body.encode()
    started = time.perf_counter()
    try:
        target = addresses.vet(delivery.webhook.url, bool(config["WEBHOOKS_ALLOW_PRIVATE"]))
        status, text = post(target, body, request_headers(delivery, int(clock.now().timestamp()), body),
                            float(config["WEBHOOKS_TIMEOUT_SECONDS"]))
    except addresses.Refused as refusal:
        return f"Refused: {refusal}"
    except TimeoutError:
        return f"Timed out after {config['WEBHOOKS_TIMEOUT_SECONDS']} s"
    except Exception as error:  # noqa: BLE001 - any failure of the transport is recorded, never raised
        return f"{type(error).__name__}: {error}"
    finally:
        delivery.last_response_ms = round((time.perf_counter() - started) * 1000)
    delivery.last_status_code = status
    if 200 <= status < 300:
        return None
    return f"HTTP {status}" + (f": {text.strip()[:300]}" if text.strip() else "")


def _send_one(delivery: WebhookDelivery, config) -> bool:
    delivery.last_status_code = None
    error = _attempt(delivery, config)
    if error is None:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = "delivered", clock.now(), None
        delivery.last_error = None
    else:
        delivery.last_error = error[:500]
        if delivery.attempts >= int(config["WEBHOOKS_MAX_ATTEMPTS"]) or delivery.event == TEST_EVENT:
            delivery.status, delivery.next_attempt_at = "failed", None
            log.warning("webhook delivery %s to %s failed for good: %r", delivery.id, delivery.webhook.url, error)
        else:
            delivery.next_attempt_at = clock.now() + retry_delay(delivery.attempts, config)
    db.session.commit()
    return error is None


def _due():
    return (select(WebhookDelivery.id).where(WebhookDelivery.status == "pending",
                                             WebhookDelivery.next_attempt_at <= clock.now())
            .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id))


def prune() -> int:
    """Forget deliveries finished (delivered or given up) more than WEBHOOKS_KEEP_DAYS ago: the table stays small."""
    cutoff = clock.now() - timedelta(days=float(current_app.config["WEBHOOKS_KEEP_DAYS"]))
    removed = rowcount(db.session.execute(
        delete(WebhookDelivery).where(WebhookDelivery.status.in_(("delivered", "failed")),
                                      func.coalesce(WebhookDelivery.last_attempt_at, WebhookDelivery.created_at)
                                      < cutoff),
        execution_options={"synchronize_session": False, "preserve_rowcount": True}))
    db.session.commit()
    return removed


def count_due() -> int:
    return db.session.execute(select(func.count()).select_from(_due().subquery())).scalar_one()


def send_due(ids: list[int] | None = None, limit: int | None = None, progress=None) -> tuple[int, int]:
    """Send what is due (only these ids, if given). Returns (delivered, failed this time)."""
    statement = _due() if ids is None else _due().where(WebhookDelivery.id.in_(ids))
    due = list(db.session.scalars(statement.limit(limit) if limit else statement))
    db.session.commit()
    config = current_app.config
    return drain(due, _claim, lambda delivery: _send_one(delivery, config), progress)


# After the commit: the deliveries a transaction queued leave at once, through the dispatcher (app/dispatch.py);
# test events are sent by their view.

OUTBOX = "webhooks"


def on_rows_flushed(event: events.RowsFlushed) -> None:
    if str(current_app.config["WEBHOOKS_SEND_AFTER_COMMIT"]).lower() in ("none", "false", "0", ""):
        return
    ids = [obj.id for obj in event.new if isinstance(obj, WebhookDelivery) and obj.event != TEST_EVENT]
    if ids:
        dispatch.after_commit(event.session, OUTBOX, ids)


def send_committed(ids: frozenset[int]) -> None:
    """The outbox's drain: send the deliveries the committed transactions queued (those still due)."""
    send_due(ids=sorted(ids))
