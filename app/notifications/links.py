"""Addresses of the pages a notification leads to, inside a request or from a command (the digest); e-mails make
them absolute with app.urls.absolute_url."""

from flask import current_app, has_request_context, url_for
from itsdangerous import BadSignature, URLSafeSerializer


def path_for(endpoint: str, **values) -> str:
    if has_request_context():
        return url_for(endpoint, **values)
    anchor = values.pop("_anchor", None)
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return f"{path}#{anchor}" if anchor else path


def question_path(question, anchor: str | None = None) -> str:
    values = {"question_id": question.id, "slug": question.slug}
    if anchor:
        values["_anchor"] = anchor
    return path_for("questions.show", **values)


def _open_signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="notifications-open")


def open_token(notification) -> str:
    """Signed for its member and notification, so no other site can make a member's browser use the link."""
    return _open_signer().dumps([notification.user_id, notification.id])


def open_path(notification) -> str:
    """The inbox entry's link: it marks the entry's group read, then leads to what it is about."""
    return path_for("notifications.open_one", notification_id=notification.id, token=open_token(notification))


def is_open_token(token: str, notification) -> bool:
    try:
        return _open_signer().loads(token) == [notification.user_id, notification.id]
    except BadSignature:
        return False
