"""The search index follows the database. In the user's transaction, a flush that wrote a question, answer,
comment or FAQ entry, and a score moved by a vote (the score ranks and sorts results), mark their questions
(`search_pending`, app/pending_marks.py); after the commit the index writes them (indexing.index_committed).
Operations know nothing of search."""

from sqlalchemy import func, select

from app import events, pending_marks
from app.extensions import db
from app.models import Post, SearchPending

OUTBOX = "search"


def on_rows_flushed(event: events.RowsFlushed) -> None:
    pending_marks.mark(event.session, SearchPending, OUTBOX, set(event.question_ids))


def on_score_changed(event: events.ScoreChanged) -> None:
    question_ids = set(db.session.scalars(select(func.coalesce(Post.parent_id, Post.id))
                                          .where(Post.id.in_(event.post_ids))))
    pending_marks.mark(db.session(), SearchPending, OUTBOX, question_ids)
