"""The assistant's index follows the database: in the user's transaction, a flush that wrote a question, answer,
comment or FAQ entry marks its question (`assistant_pending`, app/pending_marks.py); after the commit the index
writes it again (index.index_committed). Operations know nothing of it."""

from app import events, pending_marks
from app.models import AssistantPending

OUTBOX = "assistant"


def on_rows_flushed(event: events.RowsFlushed) -> None:
    pending_marks.mark(event.session, AssistantPending, OUTBOX, set(event.question_ids))
