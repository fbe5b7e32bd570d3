"""Abuse limits, counted from database rows so they are exact with several workers and servers.

New members (low reputation or first day) post at a slower pace, without many links and with fewer uploaded images
a day (images at all need the `image.post` privilege, app/reputation/privileges.py); nobody
posts the same text twice within minutes; failed log-ins, registrations and password reset requests are
counted per account or address and per network address, with a cool-down. Settings: `ABUSE_LIMITS`
(a dictionary overriding DEFAULTS); `ABUSE_LIMITS_ENABLED` (follows `RATELIMIT_ENABLED` unless set).
"""

import hashlib
import hmac
import random
import re
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from flask import current_app, has_request_context
from flask_babel import format_timedelta
from sqlalchemy import delete, func, select, text

from app import clock
from app.client_network import client_network
from app.errors import Invalid, RateLimited
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.locking import lock_users
from app.models import Comment, Post, RateEvent, User

DEFAULTS = {
    "new_member_reputation": 15,  # below this, or in the first day, a member is new
    "new_member_hours": 24,
    "question_interval_seconds": 600,
    "answer_interval_seconds": 30,
    "first_day_questions": 3,
    "first_day_answers": 10,
    "new_member_links": 2,
    # Uploaded images a member stores in a day (rolling 24 hours), and while new.
    "images_per_day": [(40, 86400)],
    "new_member_images_per_day": [(10, 86400)],
    "duplicate_window_seconds": 300,
    # (at most this many, within this many seconds), per account and per network address
    "login_failures": [(6, 60), (30, 3600)],
    "registrations_per_address": [(3, 86400)],
    "reset_requests_per_email": [(3, 3600)],
    "reset_requests_per_address": [(10, 3600)],
    # wrong second-factor codes, per account and per network address
    "second_factor_failures": [(5, 60), (20, 3600)],
}
PRUNE_AFTER = timedelta(days=2)  # longer than every window above
LINK_RE = re.compile(r"<a\s[^>]*href=", re.IGNORECASE)
# Addresses in the text count as links too, clickable or not: spam is pasted as bare addresses.
ADDRESS_RE = re.compile(r"\b(?:https?://|www\.)", re.IGNORECASE)


def limits() -> dict:
    return {**DEFAULTS, **current_app.config.get("ABUSE_LIMITS", {})}


# Set while a received e-mail is processed (True: it arrives from outside like a web request) or while a
# moderator approves one (False: the moderator vouches for it).
_guarding: ContextVar[bool | None] = ContextVar("abuse_limits_guarding", default=None)


@contextmanager
def guarding(on: bool):
    token = _guarding.set(on)
    try:
        yield
    finally:
        _guarding.reset(token)


def enabled() -> bool:
    """Limits guard what arrives over the web or by e-mail. Commands, the demo seed and imports replay history
    or administer, and are not limited; nor are tests unless they switch the limits on."""
    guarding_now = _guarding.get()
    if guarding_now is False or (guarding_now is None and not has_request_context()):
        return False
    return bool(current_app.config.get("ABUSE_LIMITS_ENABLED", current_app.config.get("RATELIMIT_ENABLED", True)))


def is_new_member(user: User) -> bool:
    if user.is_moderator:  # the brand team is trusted from its first day
        return False
    young = clock.now() - user.created_at < timedelta(hours=limits()["new_member_hours"])
    return young or user.reputation < limits()["new_member_reputation"]


def _wait(seconds: float) -> str:
    return format_timedelta(timedelta(seconds=max(1, round(seconds))), threshold=1.1)


# Posts ---------------------------------------------------------------------------------------------------

def check_post_rate(author: User, kind: str, body: str) -> None:
    """Before a question, answer or comment is rendered: the same text twice, new members' pace. Raises
    RateLimited. These cost a query or two, so they come before the Markdown is rendered."""
    if not enabled():
        return
    # The author's row lock makes this the only transaction counting their posts until it commits.
    lock_users(author.id)
    _check_duplicate(author, kind, body)
    if kind in ("question", "answer") and is_new_member(author):
        _check_pace(author, kind)


def check_post(author: User, kind: str, body: str, body_html: str) -> None:
    """After a question, answer or comment is rendered (and `check_post_rate`): what a new member may not
    post. Raises Invalid (links, images)."""
    if enabled() and is_new_member(author):
        check_content(body, body_html)


def check_edit(editor: User, body: str, body_html: str) -> None:
    """An edit must not bring in what a new member may not post."""
    if enabled() and is_new_member(editor):
        check_content(body, body_html)


def check_content(body: str, body_html: str) -> None:
    allowed = limits()["new_member_links"]
    if max(len(LINK_RE.findall(body_html)), len(ADDRESS_RE.findall(body))) > allowed:
        raise Invalid(_l("New members can post at most %(n)s links in a post.", n=allowed), "body")


def _check_duplicate(author: User, kind: str, body: str) -> None:
    window = limits()["duplicate_window_seconds"]
    since = clock.now() - timedelta(seconds=window)
    model = Comment if kind == "comment" else Post
    last = db.session.scalar(select(func.max(model.created_at)).where(
        model.author_id == author.id, model.body_markdown == body, model.created_at > since))
    if last is not None:
        raise RateLimited(_l("You posted exactly this a moment ago. Please wait %(wait)s before posting it again.",
                             wait=_wait((last - since).total_seconds())), "body")


def _check_pace(author: User, kind: str) -> None:
    settings = limits()
    interval = settings[f"{kind}_interval_seconds"]
    now = clock.now()
    last = db.session.scalar(select(func.max(Post.created_at)).where(Post.author_id == author.id,
                                                                     Post.kind == kind))
    if last is not None and now - last < timedelta(seconds=interval):
        wait = _wait(interval - (now - last).total_seconds())
        message = (_l("New members can ask one question every %(interval)s. You can ask again in %(wait)s.",
                      interval=_wait(interval), wait=wait) if kind == "question" else
                   _l("New members can post one answer every %(interval)s. You can answer again in %(wait)s.",
                      interval=_wait(interval), wait=wait))
        raise RateLimited(message, "body")
    first_day_end = author.created_at + timedelta(hours=settings["new_member_hours"])
    if now < first_day_end:
        allowed = settings[f"first_day_{kind}s"]
        done = db.session.scalar(select(func.count()).select_from(Post).where(
            Post.author_id == author.id, Post.kind == kind, Post.created_at >= author.created_at))
        if done >= allowed:
            wait = _wait((first_day_end - now).total_seconds())
            message = (_l("On their first day new members can ask %(n)s questions. You can ask again in %(wait)s.",
                          n=allowed, wait=wait) if kind == "question" else
                       _l("On their first day new members can post %(n)s answers. You can answer again in "
                          "%(wait)s.", n=allowed, wait=wait))
            raise RateLimited(message, "body")


# Counted events: log-ins, registrations, reset requests ---------------------------------------------------

def _keyed(value: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:40]


def _address_subject() -> str:
    return "ip:" + _keyed(client_network())


def _serialise(subjects: list[str]) -> None:
    """PostgreSQL: one transaction at a time counts a subject's events. SQLite needs nothing: the insert
    that follows makes this transaction the single writer before it counts."""
    if db.session.get_bind().dialect.name == "postgresql":
        for subject in sorted(subjects):
            db.session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:s))"), {"s": subject})


def _take(kind: str, subjects: list[str], windows: list, message) -> list[RateEvent]:
    """Record one event against each subject, then refuse (RateLimited, the caller rolls back) when any
    window now holds more than it allows. Counting after inserting makes concurrent requests exact."""
    now = clock.now()
    _serialise(subjects)
    rows = [RateEvent(kind=kind, subject=subject, created_at=now) for subject in subjects]
    db.session.add_all(rows)
    db.session.flush()
    for allowed, seconds in windows:
        since = now - timedelta(seconds=seconds)
        for subject in subjects:
            count, oldest = db.session.execute(select(func.count(), func.min(RateEvent.created_at)).where(
                RateEvent.kind == kind, RateEvent.subject == subject, RateEvent.created_at > since)).one()
            if count > allowed:
                raise RateLimited(message(_wait((oldest - since).total_seconds())))
    if random.random() < 0.01:  # nosec B311 # chooses when to prune, nothing secret
        db.session.execute(delete(RateEvent).where(RateEvent.created_at < now - PRUNE_AFTER))
    return rows


def count_login_attempt(user: User | None, login: str, device: str | None = None) -> list[RateEvent]:
    """Count this attempt as a failure before the password is checked, so however many requests run at
    once no more passwords are tried than the limits allow; `forget` it when the password was right.
    An unknown login is counted by its text, so refusals cannot tell which accounts exist. A browser the
    account has logged in on before (`device`, from its signed cookie) is counted on its own: failures from
    elsewhere do not lock the owner out of their own browser."""
    if not enabled():
        return []
    if user is None:
        account = "login:" + _keyed(login.strip().lower())
    else:
        account = "device:" + _keyed(f"{user.id}:{device}") if device else f"account:{user.id}"
    return _take("login_failure", [account, _address_subject()], limits()["login_failures"],
                 lambda wait: _l("Too many failed log-ins for this account or from your network. Please wait "
                                 "%(wait)s and try again, or choose a new password through “Forgot your "
                                 "password?”.", wait=wait))


def count_image_upload(user: User) -> None:
    """One uploaded image against the member's daily quota (smaller while new); refused once it is used up."""
    if not enabled():
        return
    windows = limits()["new_member_images_per_day" if is_new_member(user) else "images_per_day"]
    _take("image_upload", [f"account:{user.id}"], windows,
          lambda wait: _l("You have uploaded as many images as a day allows (%(n)s). You can upload more in "
                          "%(wait)s; until then, link to pictures instead.", n=windows[0][0], wait=wait))


def forget(rows: list[RateEvent]) -> None:
    if rows:
        db.session.execute(delete(RateEvent).where(RateEvent.id.in_([row.id for row in rows])))


def count_registration() -> None:
    if enabled():
        _take("registration", [_address_subject()], limits()["registrations_per_address"],
              lambda wait: _l("Too many accounts were created from your network today. "
                              "Please try again in %(wait)s.", wait=wait))


def count_reset_request(email: str) -> None:
    """Counted by address whether or not it belongs to an account: the answer is the same either way."""
    if not enabled():
        return

    def message(wait):
        return _l("Too many password reset requests. Please wait %(wait)s and try again.", wait=wait)

    settings = limits()
    _take("password_reset", ["email:" + _keyed(email)], settings["reset_requests_per_email"], message)
    _take("password_reset", [_address_subject()], settings["reset_requests_per_address"], message)


def count_second_factor_attempt(user: User) -> list[RateEvent]:
    """Counted before the code is checked, like a log-in attempt, and forgotten when it was right: a six-digit
    code cannot be guessed at the pace the limits allow (20 tries an hour against a million codes)."""
    if not enabled():
        return []
    return _take("second_factor_failure", [f"account:{user.id}", _address_subject()],
                 limits()["second_factor_failures"],
                 lambda wait: _l("Too many wrong codes. Please wait %(wait)s and try again.", wait=wait))
