"""Totals of the question lists ("12,345 questions") and the care queue, kept briefly: counting every live
question on each page view costs more than the rest of the page at 100,000 questions.

A commit in this process that wrote a post, tag, flag, signal or FAQ entry, moved a score or deleted such rows
by statement drops them at once (the listeners below, and an in-process outbox of app/dispatch.py); other
processes see the change within LIST_COUNT_CACHE_SECONDS (0 turns the cache off).
"""

import time

from flask import current_app

from app import dispatch, events
from app.extensions import db
from app.models import FaqEntry, Flag, Post, PostSignal, Tag, question_tags

OUTBOX = "list counts"
COUNTED = (Post, Tag, Flag, PostSignal, FaqEntry)  # what the lists and the care queue count
COUNTED_TABLES = {*(model.__tablename__ for model in COUNTED), question_tags.name}


class ListCounts:
    def __init__(self):
        self.values: dict = {}
        self.generation = 0

    def get(self, key, count):
        seconds = current_app.config["LIST_COUNT_CACHE_SECONDS"]
        key = (current_app.config["SQLALCHEMY_DATABASE_URI"], *key)
        now = time.monotonic()
        cached = self.values.get(key)
        if seconds and cached and cached[0] == self.generation and cached[1] > now:
            return cached[2]
        generation, total = self.generation, count()
        self.values[key] = (generation, now + seconds, total)
        return total

    def changed(self, _items=()) -> None:
        self.generation += 1


list_counts = ListCounts()


def on_rows_flushed(event: events.RowsFlushed) -> None:
    if next(iter(event.written(*COUNTED)), None) is not None:
        dispatch.after_commit(event.session, OUTBOX)


def on_rows_deleted(event: events.RowsDeletedByStatement) -> None:
    if event.table in COUNTED_TABLES:
        dispatch.after_commit(event.session, OUTBOX)


def on_score_changed(_event: events.ScoreChanged) -> None:
    """The unanswered tab counts questions without an answer of positive score."""
    dispatch.after_commit(db.session(), OUTBOX)


def init_app(app) -> None:
    events.subscribe(events.RowsFlushed, on_rows_flushed)
    events.subscribe(events.RowsDeletedByStatement, on_rows_deleted)
    events.subscribe(events.ScoreChanged, on_score_changed)
    dispatch.register(OUTBOX, list_counts.changed, in_worker=False)
