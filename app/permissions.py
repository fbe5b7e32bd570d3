"""Who may do what: can_* predicates for templates, each saying why not, and the require_* guards derived from
them for operations (app.guards), so a guard raises exactly when its predicate is false."""

from functools import wraps
from typing import Protocol, cast

from flask_login import current_user, login_required
from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from app.errors import Conflict, NotAllowed
from app.extensions import db
from app.guards import SIGNED_OUT, Refusal, Verdict, guard, signed_in
from app.i18n import lazy_gettext as _l
from app.models import Post, User
from app.reputation import privileges

OWN_POST = Refusal(NotAllowed, _l("You cannot vote on your own post."))
NOT_YOURS = Refusal(NotAllowed, _l("You can only delete your own posts."))
ALREADY_DELETED = Refusal(NotAllowed, _l("This post has been deleted."))
ACCEPTED_ANSWER = Refusal(Conflict, _l("An accepted answer cannot be deleted by its author."))
RELIED_ON_QUESTION = Refusal(Conflict, _l("A question with an accepted or upvoted answer cannot be deleted: "
                                          "others may be relying on it."))
NOT_THE_ASKER = Refusal(NotAllowed, _l("Only the person who asked the question can accept an answer."))
NOT_STAFF = Refusal(NotAllowed, _l("Only the brand team can do that."))
NOT_ADMIN = Refusal(NotAllowed, _l("Only administrators can do that."))
NOT_THE_NOTE_AUTHOR = Refusal(NotAllowed, _l("Only the note's author can change it."))


class Reader(privileges.Member, Protocol):
    """Whom the page's permissions are asked about: a member, or a kept page's stand-in for every member of one
    standing (app/questions/page.py), who owns nothing."""

    @property
    def id(self) -> int | None: ...


class Authored(Protocol):
    """A post as the permissions read it: a row, or a page's view of one (the question page's templates ask)."""

    @property
    def kind(self) -> str: ...
    @property
    def author_id(self) -> int | None: ...


class Answering(Authored, Protocol):
    @property
    def question(self) -> Authored: ...


def is_owner(user: Reader | None, post: Authored) -> bool:
    return signed_in(user) and post.author_id == user.id


def can_edit(user: Reader | None, post: Authored) -> Verdict:
    return True if is_owner(user, post) else privileges.allows(user, "edit.others")


def _question_of(post: Authored) -> Authored:
    return post if post.kind == "question" else cast(Answering, post).question  # an answer, by its kind


def can_comment(user: Reader | None, post: Authored) -> Verdict:
    """On your own posts and on answers to your questions always; elsewhere with the privilege."""
    if not signed_in(user):
        return SIGNED_OUT
    question = _question_of(post)
    if is_owner(user, post) or is_owner(user, question):
        return True
    return privileges.allows(user, "comment.others")


def relied_on_condition():
    """SQL for a question others rely on: it has a live accepted or upvoted answer (for rows of posts)."""
    answer = aliased(Post)
    return exists().where(answer.parent_id == Post.id, answer.deleted_at.is_(None),
                          (answer.score > 0) | (answer.id == Post.accepted_answer_id))


def _relied_on(post) -> bool:
    """An answer others rely on: accepted, or (for a question) having an accepted or upvoted answer. A page's view
    of a question read it with the page (`relied_on`)."""
    if post.kind == "answer":
        return post.question.accepted_answer_id == post.id
    if not isinstance(post, Post):
        return post.relied_on
    return bool(db.session.scalar(select(relied_on_condition()).where(Post.id == post.id)))


def can_delete(user: User | None, post: Post) -> Verdict:
    """Moderators always; authors while nobody relies on the post."""
    if not signed_in(user):
        return SIGNED_OUT
    if post.deleted_at is not None:
        return ALREADY_DELETED
    if user.is_moderator:
        return True
    if not is_owner(user, post):
        return NOT_YOURS
    if _relied_on(post):
        return ACCEPTED_ANSWER if post.kind == "answer" else RELIED_ON_QUESTION
    return True


def can_vote(user: Reader | None, post: Authored, direction: str | None = "vote.up") -> Verdict:
    """An up or down vote ('vote.up', 'vote.down': each a privilege), or with None keeping or retracting one's
    vote, which needs no privilege (a member who lost it can still take a vote back)."""
    if is_owner(user, post):
        return OWN_POST
    if direction is None:
        return True if signed_in(user) else SIGNED_OUT
    return privileges.allows(user, direction)


def can_accept(user: User | None, question: Post) -> bool:
    return is_owner(user, question)


def can_see_deleted(user: User | None) -> bool:
    return is_moderator(user)


def is_moderator(user: User | None) -> bool:
    return bool(signed_in(user) and user.is_moderator)


def is_admin(user: User | None) -> bool:
    return bool(signed_in(user) and user.is_admin)


def can_change_note(user: User | None, note) -> bool:
    """An internal note (or its view) is edited or deleted by its author alone, while they are in the team."""
    return user is not None and is_moderator(user) and note.author_id == user.id


require_edit = guard(can_edit)
require_comment = guard(can_comment)
require_delete = guard(can_delete)
require_vote = guard(can_vote)
require_accept = guard(can_accept, NOT_THE_ASKER)
require_moderator = guard(is_moderator, NOT_STAFF)
require_admin = guard(is_admin, NOT_ADMIN)
require_change_note = guard(can_change_note, NOT_THE_NOTE_AUTHOR)


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
