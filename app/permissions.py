"""Who may do what: can_* predicates for templates and require_* guards for operations."""

from functools import wraps

from flask_login import current_user, login_required
from sqlalchemy import exists, select

from app.errors import Conflict, NotAllowed
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.models import Post, User
from app.reputation import privileges


def is_owner(user: User | None, post: Post) -> bool:
    return user is not None and user.is_authenticated and post.author_id == user.id


def can_edit(user: User | None, post: Post) -> bool:
    return is_owner(user, post) or privileges.has(user, "edit.others")


def require_edit(user: User, post: Post) -> None:
    if not is_owner(user, post):
        privileges.require(user, "edit.others")


def can_comment(user: User | None, post: Post) -> bool:
    """On your own posts and on answers to your questions always; elsewhere with the privilege."""
    if not (user and user.is_authenticated):
        return False
    question = post if post.kind == "question" else post.question
    return is_owner(user, post) or is_owner(user, question) or privileges.has(user, "comment.others")


def require_comment(user: User, post: Post) -> None:
    if not can_comment(user, post):
        privileges.require(user, "comment.others")


def _relied_on(post: Post) -> bool:
    """An answer others rely on: accepted, or (for a question) having an accepted or upvoted answer."""
    if post.kind == "answer":
        return post.question.accepted_answer_id == post.id
    return bool(db.session.scalar(select(exists().where(
        Post.parent_id == post.id, Post.deleted_at.is_(None),
        (Post.score > 0) | (Post.id == post.accepted_answer_id)))))


def can_delete(user: User | None, post: Post) -> bool:
    if not (user and user.is_authenticated) or post.deleted_at is not None:
        return False
    return user.is_moderator or (is_owner(user, post) and not _relied_on(post))


def require_delete(user: User, post: Post) -> None:
    if not (user.is_moderator or is_owner(user, post)):
        raise NotAllowed(_l("You can only delete your own posts."))
    if not user.is_moderator and _relied_on(post):
        if post.kind == "answer":
            raise Conflict(_l("An accepted answer cannot be deleted by its author."))
        raise Conflict(_l("A question with an accepted or upvoted answer cannot be deleted: "
                          "others may be relying on it."))


def can_vote(user: User | None, post: Post, direction: str = "vote.up") -> bool:
    return privileges.has(user, direction) and not is_owner(user, post)


def require_vote(user: User, post: Post) -> None:
    if is_owner(user, post):
        raise NotAllowed(_l("You cannot vote on your own post."))


def can_accept(user: User | None, question: Post) -> bool:
    return is_owner(user, question)


def require_accept(user: User, question: Post) -> None:
    if not can_accept(user, question):
        raise NotAllowed(_l("Only the person who asked the question can accept an answer."))


def can_see_deleted(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.is_moderator)


def is_moderator(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.is_moderator)


def require_moderator(user: User) -> None:
    if not is_moderator(user):
        raise NotAllowed(_l("Only the brand team can do that."))


def require_admin(user: User) -> None:
    if not (user and user.is_authenticated and user.is_admin):
        raise NotAllowed(_l("Only administrators can do that."))


def role_required(check):
    """View decorator: log-in first (redirect or 401), then the role check (403)."""

    def decorate(view):
        @wraps(view)
        @login_required
        def guarded(*args, **kwargs):
            check(current_user)
            return view(*args, **kwargs)

        return guarded

    return decorate
