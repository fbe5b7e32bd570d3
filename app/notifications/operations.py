"""Writes: inbox entries (and their e-mail), follows, reading, e-mail preferences, "still not solved".

Each flushes at most and never commits: the caller (a view, a listener's transaction, a command) commits once.
"""

from sqlalchemy import delete, update

from app import clock, permissions
from app.errors import Conflict, Invalid, NotAllowed
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.models import Comment, Follow, MailPreference, Notification, Post, Question, Tag, User
from app.moderation import signals
from app.notifications import emails, kinds, queries


def notify(user: User, kind: str, *, actor: User | None = None, question: Question | None = None,
           post: Post | None = None, comment: Comment | None = None, subject: str = "",
           detail: str = "") -> Notification | None:
    """An inbox entry for `user`, and its e-mail as they chose (now, in the daily summary, or none).
    Nobody is told about what they did themselves."""
    if actor is not None and actor.id == user.id:
        return None
    mode = queries.mail_mode(user.id, kinds.preference_of(kind)) if user.email else "off"
    notification = Notification(user_id=user.id, kind=kind, actor_id=actor.id if actor else None,
                                question_id=question.id if question else None, post_id=post.id if post else None,
                                comment_id=comment.id if comment else None, subject=subject[:60],
                                detail=(detail or "")[:500], mail_state=mode, created_at=clock.now())
    notification.actor, notification.question, notification.post = actor, question, post
    db.session.add(notification)
    if mode == "instant":
        emails.send_instant(user, notification)
    return notification


def follow_question(user: User, question: Question) -> None:
    if question.deleted_at is not None:
        raise NotAllowed(_l("This question has been deleted."))
    if not queries.follows_question(user.id, question.id):
        db.session.add(Follow(user_id=user.id, question_id=question.id, created_at=clock.now()))
        db.session.flush()


def unfollow_question(user: User, question: Question) -> None:
    db.session.execute(delete(Follow).where(Follow.user_id == user.id, Follow.question_id == question.id))


def follow_tag(user: User, tag: Tag) -> None:
    if not queries.follows_tag(user.id, tag.id):
        db.session.add(Follow(user_id=user.id, tag_id=tag.id, created_at=clock.now()))
        db.session.flush()


def unfollow_tag(user: User, tag: Tag) -> None:
    db.session.execute(delete(Follow).where(Follow.user_id == user.id, Follow.tag_id == tag.id))


def mark_read(user: User, notification: Notification) -> None:
    if notification.user_id != user.id:
        raise NotAllowed(_l("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = clock.now()


def mark_all_read(user: User) -> None:
    db.session.execute(update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
                       .values(read_at=clock.now()), execution_options={"synchronize_session": False})


def set_mail_mode(user_id: int, preference: str, mode: str) -> None:
    if preference not in kinds.PREFERENCES:
        raise Invalid(_l("Unknown kind of notification."), preference)
    if mode not in kinds.MODES:
        raise Invalid(_l("Choose right away, daily summary or no e-mail."), preference)
    row = db.session.get(MailPreference, (user_id, preference))
    if row is None:
        db.session.add(MailPreference(user_id=user_id, kind=preference, mode=mode))
    else:
        row.mode = mode


def save_preferences(user: User, choices: dict[str, str]) -> None:
    """All kinds at once from the settings page; every kind must be given a valid choice."""
    errors = {p: _l("Choose right away, daily summary or no e-mail.") for p in kinds.PREFERENCES
              if choices.get(p) not in kinds.MODES}
    if errors:
        raise Invalid(errors=errors)
    for preference in kinds.PREFERENCES:
        set_mail_mode(user.id, preference, choices[preference])


def unsubscribe(user_id: int, preference: str) -> User:
    """From an e-mail's link: no more e-mail of this kind (or, from a daily summary, none of its kinds)."""
    user = db.session.get(User, user_id)
    if user is None:
        raise Invalid(_l("This unsubscribe link is not valid."), "token")
    if preference == kinds.DIGEST:
        for kind in kinds.PREFERENCES:
            if queries.mail_mode(user.id, kind) == "digest":
                set_mail_mode(user.id, kind, "off")
    else:
        set_mail_mode(user.id, preference, "off")
    return user


def say_still_unsolved(user: User, question: Question, note: str = "") -> None:
    """The asker says the answers did not solve it: the question goes to the brand team's Unresolved tab."""
    if not permissions.is_owner(user, question):
        raise NotAllowed(_l("Only the person who asked can say the question is still not solved."))
    if question.deleted_at is not None:
        raise NotAllowed(_l("This question has been deleted."))
    if question.answer_count == 0:
        raise Conflict(_l("There is no answer yet: the brand team already sees your question as waiting."))
    note = note.strip()
    if len(note) > 500:
        raise Invalid(_l("Use at most %(n)s characters.", n=500), "note")
    signals.mark_still_unsolved(question, note)

