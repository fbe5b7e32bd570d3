"""Take row locks up front, so the reads an operation makes before writing stay true until it commits."""

from sqlalchemy import select, text, update

from app.extensions import db
from app.models import Post, User


def lock_users(*user_ids: int | None) -> None:
    """Lock these users' rows (in id order, so two operations cannot deadlock).

    PostgreSQL: SELECT … FOR UPDATE. SQLite has one writer at a time: a no-op UPDATE makes this
    transaction the writer now, so everything it reads next is current until it commits. It rewrites a
    plain column: rewriting the key made SQLite check every table that refers to users (200 ms a vote
    at 10,000 questions).
    """
    ids = sorted({i for i in user_ids if i is not None})
    if not ids:
        return
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(update(User).where(User.id.in_(ids)).values(reputation=User.reputation),
                           execution_options={"synchronize_session": False})
    else:
        db.session.execute(select(User.id).where(User.id.in_(ids)).order_by(User.id).with_for_update())


def lock_posts(*post_ids: int | None) -> None:
    """The same for posts: operations that create a row unique per post (an FAQ entry) read it only after
    this, so two moderators promoting one question at once make one entry, not a constraint error."""
    ids = sorted({i for i in post_ids if i is not None})
    if not ids:
        return
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(update(Post).where(Post.id.in_(ids)).values(score=Post.score),
                           execution_options={"synchronize_session": False})
    else:
        db.session.execute(select(Post.id).where(Post.id.in_(ids)).order_by(Post.id).with_for_update())


def lock_values(*values: str) -> None:
    """The same for values that have no row yet (a username being registered): transactions that lock the
    same value run one after the other, so the second sees what the first wrote.

    PostgreSQL: a transaction-scoped advisory lock per value. SQLite: a write that changes nothing makes this
    transaction the single writer, which orders it after every other writer whatever the value.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(update(User).where(User.id == 0).values(reputation=User.reputation),
                           execution_options={"synchronize_session": False})
        return
    for value in sorted(set(values)):
        db.session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:value))"), {"value": value})
