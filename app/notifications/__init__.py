"""Notifications: the inbox, follows, e-mail per event (right away or in a daily summary, as each member
chooses per kind), one-click unsubscribe links, @mentions, and reminders to accept an answer."""

from flask import Flask, g, has_app_context, has_request_context
from flask_login import current_user
from sqlalchemy import select

from app import events, markup
from app.extensions import db
from app.models import User
from app.notifications import cli, links, listeners, queries, views
from app.slugs import slugify

DEFAULTS = {
    "ACCEPT_REMINDER_DAYS": 3,  # remind the asker once, this many days after asking, to accept an answer
    "NOTIFICATIONS_PER_PAGE": 30,
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    cli.init_app(app)
    events.subscribe_all(listeners.LISTENERS)
    markup.set_mention_resolver(resolve_mentions)

    app.context_processor(unread_notifications)


def unread_notifications() -> dict:
    """The header's count of unread notifications, read before the page renders (templates run no query);
    once a request, however many templates it renders (fragments, e-mails)."""
    if not (has_request_context() and current_user.is_authenticated):
        return {"unread_notifications": 0}
    if "unread_notifications" not in g:
        g.unread_notifications = queries.unread_count(current_user.id)
    return {"unread_notifications": g.unread_notifications}


def resolve_mentions(names: set[str]) -> dict[str, tuple[str, str]]:
    """{lower-cased username: (profile path, username)} for the names that belong to members."""
    if not has_app_context():
        return {}
    rows = db.session.execute(select(User.id, User.username).where(User.username_key.in_(sorted(names)))).all()
    return {username.lower(): (links.path_for("accounts.profile", user_id=user_id, slug=slugify(username)), username)
            for user_id, username in rows}
