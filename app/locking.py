"""Take row locks up front, so the reads an operation makes before writing stay true until it commits."""

from sqlalchemy import select, update

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
