"""The daily run behind `flask mail digest`: first the accept reminders (so that today's summary carries
them), then one summary a day per member of the notifications waiting for it."""

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from app import clock
from app.extensions import db
from app.models import AcceptReminder, DigestSent, Notification, PostSignal, Question, User
from app.notifications import emails, kinds, queries
from app.notifications.operations import notify

log = logging.getLogger(__name__)


def questions_to_remind(now=None) -> list[Question]:
    """Live questions older than ACCEPT_REMINDER_DAYS with answers but no accepted or official one, whose
    asker was never reminded and has not already said they are still not solved."""
    now = now or clock.now()
    cutoff = now - timedelta(days=current_app.config["ACCEPT_REMINDER_DAYS"])
    still_unsolved = exists().where(PostSignal.post_id == Question.id, PostSignal.kind == "still_unsolved",
                                    PostSignal.dismissed_at.is_(None))
    reminded = exists().where(AcceptReminder.question_id == Question.id)
    return list(db.session.scalars(select(Question).where(
        Question.created_at <= cutoff, Question.answer_count > 0, Question.accepted_answer_id.is_(None),
        ~Question.has_official_answer, Question.deleted_at.is_(None), Question.hidden_at.is_(None),
        Question.closed_reason.is_(None), Question.author_id.is_not(None), ~reminded, ~still_unsolved,
    ).order_by(Question.id)))


def send_reminders() -> int:
    """Remind each asker once per question (in the inbox, and by e-mail as they chose). Returns how many."""
    count = 0
    for question in questions_to_remind():
        db.session.add(AcceptReminder(question_id=question.id, created_at=clock.now()))
        assert question.author is not None  # questions_to_remind picks questions with an author
        notify(question.author, "reminder", question=question, post=question)
        db.session.commit()
        count += 1
    return count


def _waiting_by_user() -> dict[int, list[Notification]]:
    rows = db.session.scalars(select(Notification).where(Notification.mail_state == "digest")
                              .order_by(Notification.user_id, Notification.created_at, Notification.id))
    waiting: dict[int, list[Notification]] = {}
    for notification in rows:
        waiting.setdefault(notification.user_id, []).append(notification)
    return waiting


def _still_wanted(user_id: int, waiting: list[Notification]) -> list[Notification]:
    """Kinds turned off since (say, by an unsubscribe link) are left out for good."""
    modes = queries.mail_modes(user_id)
    wanted = []
    for notification in waiting:
        if modes[kinds.preference_of(notification.kind)] == "off":
            notification.mail_state = "off"
        else:
            wanted.append(notification)
    return wanted


def send_digests() -> tuple[int, int]:
    """One summary per member with notifications waiting, unless one went today. Returns (sent, failed)."""
    today = clock.now().date()
    sent = failed = 0
    for user_id, waiting in _waiting_by_user().items():
        user = db.session.get(User, user_id)
        if user is None or not user.email or db.session.get(DigestSent, (user_id, today)) is not None:
            continue
        notifications = _still_wanted(user_id, waiting)
        if not notifications:
            db.session.commit()
            continue
        try:
            db.session.add(DigestSent(user_id=user_id, day=today, created_at=clock.now()))
            db.session.flush()  # the day's row is the lock: a second run (or a parallel one) stops here
        except IntegrityError:
            db.session.rollback()
            continue
        try:
            emails.send_digest(user, notifications)
            for notification in notifications:
                notification.mail_state = "digested"
            db.session.commit()
            sent += 1
        except Exception:  # noqa: BLE001 - one member's broken summary must not stop the others'
            db.session.rollback()
            log.exception("could not build the daily summary for user %s", user_id)
            failed += 1
    return sent, failed
