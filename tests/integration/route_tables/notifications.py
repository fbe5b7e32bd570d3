"""The inbox, e-mail settings, unsubscribe links, follow buttons and "still not solved"."""

from sqlalchemy import select

from app.extensions import db
from tests.integration.route_calls import MEMBER, OWNER, PUBLIC, Call, post

Q = {"question_id": "question"}
T = {"name": "tag_name"}


def build_world(w) -> None:
    from app.models import Follow, Notification, User
    from app.notifications import emails, kinds, links

    owner = db.session.get(User, w.owner)
    # The owner follows her question (as every asker) and the tag; her question's answers told her.
    db.session.add(Follow(user_id=owner.id, tag_id=w.tag_id))
    db.session.flush()
    w.notification = db.session.scalar(select(Notification.id).where(
        Notification.user_id == owner.id, Notification.kind == "answer").order_by(Notification.id))
    w.open_token = links.open_token(db.session.get(Notification, w.notification))
    w.unsubscribe_token = emails.unsubscribe_token(owner.id, "answer")
    w.mail_choices = {kind: "off" for kind in kinds.PREFERENCES}


ROUTES = {
    ("GET", "/notifications"): Call(MEMBER, query="order=unread"),
    ("GET", "/notifications/<int:notification_id>/open/<token>"): Call(
        OWNER, {"notification_id": "notification", "token": "open_token"}, ok=302, refused_status=404),
    ("POST", "/notifications/<int:notification_id>/read"): post(
        OWNER, {"notification_id": "notification"}, refused_status=404),
    ("POST", "/notifications/read-all"): post(MEMBER, actor="owner"),
    ("GET", "/settings/notifications"): Call(MEMBER),
    ("POST", "/settings/notifications"): post(MEMBER, data=lambda w: dict(w.mail_choices)),
    ("GET", "/unsubscribe/<token>"): Call(PUBLIC, {"token": "unsubscribe_token"}),
    ("POST", "/questions/<int:question_id>/follow"): post(MEMBER, Q),
    # Unfollowing deletes a row, which the enumeration's change check does not see (it compares rows kept).
    ("POST", "/questions/<int:question_id>/unfollow"): post(MEMBER, Q, actor="owner", changes=None),
    ("POST", "/tags/<name>/follow"): post(MEMBER, T),
    ("POST", "/tags/<name>/unfollow"): post(MEMBER, T, actor="owner", changes=None),
    ("POST", "/questions/<int:question_id>/still-unsolved"): post(OWNER, Q, lambda w: {
        "note": "The gasket is new and it still drips."}),
}

# The one-click unsubscribe takes no session and no CSRF token by design (RFC 8058: the mail client posts
# to the link; the signed token is the credential). test_notifications.py checks it: a valid token works
# without logging in, a tampered one changes nothing.
DESCRIBED_ELSEWHERE = {("POST", "/unsubscribe/<token>")}
