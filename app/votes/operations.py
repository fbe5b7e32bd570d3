"""Casting, changing and retracting votes."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from app import clock, permissions
from app.errors import Invalid, NotAllowed
from app.extensions import db
from app.models import Post, User, Vote

VALUES = {"up": 1, "down": -1, "none": 0}


def parse_value(text: str) -> int:
    if text not in VALUES:
        raise Invalid(_l("A vote is 'up', 'down' or 'none'."), "value")
    return VALUES[text]


def cast_vote(user: User, post: Post, value: int) -> tuple[int, int]:
    """Set the user's vote on a post to +1, -1 or 0 (retract). Returns (new score, the user's vote).

    The score changes by the difference in one SQL UPDATE, never read-modify-write, so concurrent
    votes on one post all count.
    """
    permissions.require_vote(user, post)
    if post.deleted_at is not None:
        raise NotAllowed(_l("This post has been deleted."))
    existing = db.session.scalar(select(Vote).where(Vote.user_id == user.id, Vote.post_id == post.id))
    old = existing.value if existing else 0
    if value == old:
        return post.score, value
    if existing and value == 0:
        db.session.execute(delete(Vote).where(Vote.id == existing.id))
    elif existing:
        existing.value, existing.created_at = value, clock.now()
    else:
        db.session.add(Vote(user_id=user.id, post_id=post.id, value=value, created_at=clock.now()))
    db.session.execute(update(Post).where(Post.id == post.id).values(score=Post.score + (value - old)))
    db.session.flush()
    db.session.refresh(post, ["score"])
    return post.score, value
