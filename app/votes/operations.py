"""Casting, changing and retracting votes, with their reputation and badge consequences."""

from datetime import UTC, datetime, time, timedelta

from flask import current_app
from sqlalchemy import delete, func, select, update

from app import clock, events, permissions
from app.badges import awards
from app.errors import Conflict, Invalid, NotAllowed, RateLimited
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.locking import lock_users
from app.models import Post, User, Vote
from app.reputation import ledger

VALUES = {"up": 1, "down": -1, "none": 0}


def parse_value(text: str) -> int:
    if text not in VALUES:
        raise Invalid(_l("A vote is 'up', 'down' or 'none'."), "value")
    return VALUES[text]


def cast_vote(user: User, post: Post, value: int) -> tuple[int, int]:
    """Set the user's vote on a post to +1, -1 or 0 (retract). Returns (new score, the user's vote)."""
    permissions.require_vote(user, post, "vote.up" if value > 0 else "vote.down" if value < 0 else None)
    if post.deleted_at is not None:
        raise NotAllowed(_l("This post has been deleted."))
    lock_users(user.id, post.author_id)
    existing = db.session.scalar(select(Vote).where(Vote.user_id == user.id, Vote.post_id == post.id))
    old = existing.value if existing else 0
    if value == old:
        return post.score, value
    if existing:
        _require_unlocked(existing, post)
    else:
        _require_daily_allowance(user)
    apply_vote(user, post, value, existing)
    cause = "vote_retracted" if value == 0 else ("vote_changed" if existing else None)
    ledger.sync(ledger.vote_sources({post.id}, voter_id=user.id), actor_id=user.id, cause=cause)
    awards.check("vote", user.id, post.author_id)
    db.session.refresh(post, ["score"])
    return post.score, value


def apply_vote(user: User, post: Post, value: int, existing: Vote | None) -> None:
    """Write the vote and move the score by the difference in one SQL UPDATE (never read-modify-write),
    so concurrent votes on one post all count. No authorisation: callers decide (cast_vote, imports)."""
    counted = existing.value if existing and existing.invalidated_at is None else 0
    if existing and value == 0:
        db.session.execute(delete(Vote).where(Vote.id == existing.id))
    elif existing:
        existing.value, existing.created_at, existing.invalidated_at = value, clock.now(), None
    else:
        db.session.add(Vote(user_id=user.id, post_id=post.id, value=value, created_at=clock.now()))
    if value != counted:
        db.session.execute(update(Post).where(Post.id == post.id).values(score=Post.score + (value - counted)),
                           execution_options={"synchronize_session": False})
        events.emit(events.ScoreChanged(frozenset({post.id})))
    db.session.flush()


def _require_unlocked(vote: Vote, post: Post) -> None:
    minutes = current_app.config["VOTE_LOCK_MINUTES"]
    edited_since = post.last_edited_at is not None and post.last_edited_at > vote.created_at
    if clock.now() - vote.created_at > timedelta(minutes=minutes) and not edited_since:
        raise Conflict(_l("Your vote is locked in: a vote can be changed within %(n)s minutes of casting it, "
                          "or after the post is edited.", n=minutes), "value")


def _require_daily_allowance(user: User) -> None:
    limit = current_app.config["VOTES_PER_DAY"]
    today = datetime.combine(clock.now().astimezone(UTC).date(), time(), UTC)
    cast_today = db.session.scalar(select(func.count()).select_from(Vote).where(
        Vote.user_id == user.id, Vote.created_at >= today))
    if cast_today >= limit:
        raise RateLimited(_l("You have used all %(n)s of today's votes. You can vote again tomorrow (UTC).",
                             n=limit), "value")
