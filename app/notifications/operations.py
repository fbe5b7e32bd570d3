"""Writes: inbox entries (and their e-mail), follows, reading, e-mail preferences, "still not solved".

Each flushes at most and never commits: the caller (a view, a listener's transaction, a command) commits once.
"""

from collections.abc import Callable

from sqlalchemy import delete, select, update

from app import clock, follows, permissions, typed_text
from app.errors import Conflict, Invalid, NotAllowed
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.locking import lock_users
from app.models import Comment, Follow, MailPreference, Notification, Post, Question, Tag, User
from app.moderation import signals
from app.notifications import emails, groups, kinds, queries


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


def scrub_details(post_id: int, scrub: Callable[[str], str]) -> None:
    """Personal data was redacted from this post: the reasons its entries quote lose it too (the sentences
    and excerpts are composed from the post when shown or sent, so they follow by themselves)."""
    for notification in db.session.scalars(select(Notification).where(Notification.post_id == post_id)):
        notification.detail = scrub(notification.detail)[:500]


def follow_question(user: User, question: Question) -> None:
    if question.deleted_at is not None:
        raise NotAllowed(_l("This question has been deleted."))
    lock_users(user.id)  # a follow sent twice at once finds the first instead of breaking the unique key
    if not follows.follows_question(user.id, question.id):
        db.session.add(Follow(user_id=user.id, question_id=question.id, created_at=clock.now()))
        db.session.flush()


def unfollow_question(user: User, question: Question) -> None:
    db.session.execute(delete(Follow).where(Follow.user_id == user.id, Follow.question_id == question.id))


def follow_tag(user: User, tag: Tag) -> None:
    lock_users(user.id)
    if not follows.follows_tag(user.id, tag.id):
        db.session.add(Follow(user_id=user.id, tag_id=tag.id, created_at=clock.now()))
        db.session.flush()


def unfollow_tag(user: User, tag: Tag) -> None:
    db.session.execute(delete(Follow).where(Follow.user_id == user.id, Follow.tag_id == tag.id))


def mark_read(user: User, notification: Notification) -> None:
    """Mark the notification read, with the rest of its group (the inbox shows them as one entry)."""
    if notification.user_id != user.id:
        raise NotAllowed(_l("This notification is not yours."))
    db.session.execute(update(Notification).where(*groups.same_group(notification)).values(read_at=clock.now()),
                       execution_options={"synchronize_session": False})


def mark_all_read(user: User) -> None:
    db.session.execute(update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
                       .values(read_at=clock.now()), execution_options={"synchronize_session": False})


def set_mail_mode(user_id: int, preference: str, mode: str) -> None:
    if preference not in kinds.PREFERENCES:
        raise Invalid(_l("Unknown kind of notification."), preference)
    if mode not in kinds.MODES:
        raise Invalid(_l("Choose right away, daily summary or no e-mail."), preference)
    lock_users(user_id)  # a double click, or a mail client's unsubscribe beside the member's, finds the row
    row = db.session.get(MailPreference, (user_id, preference), populate_existing=True)
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
    note = typed_text.multi_line(note)
    if len(note) > 500:
        raise Invalid(_l("Use at most %(n)s characters.", n=500), "note")
    signals.mark_still_unsolved(question, note)

