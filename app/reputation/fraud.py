"""Serial voting: one voter giving one user many votes in a short time. Such votes stop counting."""

from datetime import timedelta

from sqlalchemy import func, select, update

from app import clock, events
from app.extensions import db
from app.models import Post, Vote
from app.reputation import ledger

DEFAULT_LIMIT = 5
WINDOW = timedelta(hours=24)


def find_serial_voting(limit: int) -> list[tuple[int, int, int]]:
    """(voter, target, votes) for voters who gave one target more than `limit` votes in the window."""
    since = clock.now() - WINDOW
    query = (select(Vote.user_id, Post.author_id, func.count()).join(Post, Post.id == Vote.post_id)
             .where(Vote.created_at >= since, Vote.invalidated_at.is_(None), Post.author_id.is_not(None))
             .group_by(Vote.user_id, Post.author_id).having(func.count() > limit))
    # The author is not null (the WHERE above), which the row's type cannot tell.
    return [(voter, target, votes) for voter, target, votes in db.session.execute(query) if target is not None]


def reverse_serial_voting(limit: int = DEFAULT_LIMIT) -> list[tuple[int, int, int]]:
    """Invalidate those votes: scores drop back and the target's ledger shows 'serial voting reversed'."""
    found = find_serial_voting(limit)
    since, now = clock.now() - WINDOW, clock.now()
    for voter, target, _count in found:
        votes = db.session.execute(
            select(Vote.id, Vote.post_id, Vote.value).join(Post, Post.id == Vote.post_id)
            .where(Vote.user_id == voter, Post.author_id == target, Vote.created_at >= since,
                   Vote.invalidated_at.is_(None))).all()
        for vote_id, post_id, value in votes:
            db.session.execute(update(Vote).where(Vote.id == vote_id).values(invalidated_at=now))
            db.session.execute(update(Post).where(Post.id == post_id).values(score=Post.score - value))
        events.emit(events.ScoreChanged(frozenset(post_id for _, post_id, _ in votes)))
        ledger.sync(ledger.vote_sources({p for _, p, _ in votes}, voter_id=voter), cause="serial_voting")
    return found
