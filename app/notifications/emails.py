"""E-mails about notifications: one right away, or a daily summary; each in the recipient's language, with a
one-click unsubscribe link (a signed token, no log-in) and the List-Unsubscribe headers (RFC 2369, RFC 8058),
and, when receiving e-mail is set up, a reply address signed for the recipient and the post in Reply-To."""

import logging

from flask import current_app, render_template
from flask_babel import force_locale
from itsdangerous import BadSignature, URLSafeSerializer

from app import mail
from app.i18n import gettext as _
from app.i18n import ngettext
from app.mail import reply_addresses
from app.models import Notification, User
from app.notifications import groups, kinds, links, messages
from app.urls import absolute_url

log = logging.getLogger(__name__)
_SALT = "notifications-unsubscribe"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def unsubscribe_token(user_id: int, preference: str) -> str:
    return _serializer().dumps([user_id, preference])


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, preference kind), or None for a token this site did not sign."""
    try:
        user_id, preference = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or (preference not in kinds.PREFERENCES and preference != kinds.DIGEST):
        return None
    return user_id, preference


def unsubscribe_url(user_id: int, preference: str) -> str:
    return absolute_url(links.path_for("notifications.unsubscribe", token=unsubscribe_token(user_id, preference)))


def mail_headers(unsubscribe: str, reply_to: str | None) -> dict:
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
               "Auto-Submitted": "auto-generated"}
    if reply_to:
        headers["Reply-To"] = reply_to
    return headers


def reply_purpose(notification: Notification) -> tuple[str, int | None]:
    """What a reply to this notification becomes: an answer to a new question in a followed tag, else a
    comment on the post it is about (an answer, a comment's post, a mention's post); nothing for a badge."""
    if notification.post_id is None:
        return "none", None
    if notification.kind == "followed_question":
        return "answer", notification.question_id
    return "comment", notification.post_id


def _reply_hint(purpose: str) -> str | None:
    if purpose == "answer":
        return _("Reply to this e-mail to answer: write above the quoted text.")
    if purpose == "comment":
        return _("Reply to this e-mail to add a comment: write above the quoted text.")
    return None


def address_of(user: User) -> str:
    """The address a notification goes to: only members with one are e-mailed (`kinds` and the digest pick
    them), so a member without one here is a mistake, not a case."""
    assert user.email is not None, f"user {user.id} has no e-mail address"
    return user.email


def locale_of(user: User) -> str:
    languages = current_app.config["LANGUAGES"]
    locale = user.locale
    return locale if locale is not None and locale in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def _item(notification: Notification, count: int = 1) -> dict:
    """One entry: a notification, or the newest of a group of `count` (said as one, as in the inbox)."""
    path = messages.target_path(notification)
    purpose, post_id = reply_purpose(notification)
    reply_to = reply_addresses.reply_address(purpose, notification.user_id, post_id) if post_id else None
    return {"sentence": messages.describe_group(notification, count), "excerpt": messages.excerpt(notification),
            "url": absolute_url(path) if path else None, "kind": notification.kind,
            "reply_to": reply_to, "reply_hint": _reply_hint(purpose) if reply_to else None,
            "still_unsolved_url": absolute_url(links.question_path(notification.question, "still-unsolved"))
            if notification.kind == "reminder" and notification.question is not None else None}


def common_context(user: User, preference: str) -> dict:
    """What every e-mail carries; call inside force_locale (the words are translated here, since the
    plain-text templates are not scanned for messages)."""
    brand = current_app.config.get("BRAND_NAME", "")
    texts = {
        "hello": _("Hello %(name)s,", name=user.name),
        "community": _("%(brand)s Community", brand=brand),
        "why": _("You receive this e-mail because of your notification settings in the %(brand)s Community.",
                 brand=brand),
        "choose": _("Choose what we send you"),
        "unsubscribe": _("Unsubscribe from these e-mails"),
        "open": _("Open it"),
        "still": _("Still not solved? Tell the brand team"),
        "summary": _("Your daily summary"),
        "reply": _("Reply by e-mail"),
    }
    return {"t": texts, "brand": brand, "settings_url": absolute_url(links.path_for("notifications.settings")),
            "unsubscribe_url": unsubscribe_url(user.id, preference)}


def send_instant(user: User, notification: Notification) -> None:
    """Queue the e-mail of one notification. A failure here must never cost the member's action: it is logged
    and the notification waits for the daily summary instead."""
    try:
        preference = kinds.preference_of(notification.kind)
        with force_locale(locale_of(user)):
            context = {**common_context(user, preference), "item": _item(notification)}
            subject = context["item"]["sentence"]
            text = render_template("notifications/email/notification.txt", **context)
            html = render_template("notifications/email/notification.html", **context)
        reply_to = context["item"]["reply_to"] or reply_addresses.reply_address("none", user.id)
        mail.queue(address_of(user), subject, text, html=html,
                   headers=mail_headers(context["unsubscribe_url"], reply_to),
                   kind=f"notification.{notification.kind}", user_id=user.id)
    except Exception:  # noqa: BLE001 - see the docstring
        log.exception("could not queue the e-mail of a %s notification for user %s", notification.kind, user.id)
        notification.mail_state = "digest"


def send_digest(user: User, notifications: list[Notification]) -> None:
    """Queue one daily summary of these notifications, grouped as the inbox groups them (raises: the digest
    command records and goes on)."""
    entries = groups.group(notifications)
    with force_locale(locale_of(user)):
        context = {**common_context(user, kinds.DIGEST), "items": [_item(g.newest, g.count) for g in entries]}
        context["t"]["intro"] = ngettext(
            "Here is what happened in the %(brand)s Community since your last summary (%(num)s notification):",
            "Here is what happened in the %(brand)s Community since your last summary (%(num)s notifications):",
            len(entries), brand=context["brand"])
        subject = ngettext("%(brand)s Community: your daily summary, %(num)s notification",
                           "%(brand)s Community: your daily summary, %(num)s notifications", len(entries),
                           brand=context["brand"])
        text = render_template("notifications/email/digest.txt", **context)
        html = render_template("notifications/email/digest.html", **context)
    # A reply to the summary as a whole cannot say which entry it is about: its address names only the member
    # (the receiver answers with how to reply to one entry); each entry carries its own reply address.
    headers = mail_headers(context["unsubscribe_url"], reply_addresses.reply_address("none", user.id))
    mail.queue(address_of(user), subject, text, html=html, headers=headers, kind="notification.digest",
               user_id=user.id)
