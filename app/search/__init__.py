"""Search: the index behind /search, the ask page's suggestions and "Related questions".

`init_app` picks the backend (`SEARCH_BACKEND`: sqlite — FTS5 in a file of its own, the default on a
SQLite database —, whoosh — the default on PostgreSQL —, or postgres), subscribes the listeners that mark
changed questions, registers the index as an after-commit outbox, the blueprint and the `flask search`
commands.
"""

import os
from pathlib import Path

from flask import Flask

from app import dispatch, events
from app.search import cli, indexing, listeners, views
from app.search.backend import Backend

BACKENDS = ("sqlite", "whoosh", "postgres")
DEFAULTS = {
    "SEARCH_INDEX_DIR": None,  # default: <instance>/search-index (the sqlite backend uses its fts5/ folder)
    # Seconds a writer waits for the index's single-writer lock before leaving the change marked pending.
    "SEARCH_LOCK_WAIT": 2.0,
    # Processes analysing documents during `flask search reindex` (Whoosh).
    "SEARCH_REBUILD_PROCS": min(2, os.cpu_count() or 1),
    "SEARCH_PER_PAGE": 20,
    "SEARCH_QUERY_MAX_LENGTH": 200,
    "SEARCH_SUGGESTIONS": 5,
    "SEARCH_RELATED": 5,
    "SEARCH_RATE_LIMIT": "30/minute;300/hour",
    "SEARCH_SUGGEST_RATE_LIMIT": "60/minute;1000/hour",
    "SEARCH_CLICK_RATE_LIMIT": "30/minute",
}


def default_backend(database_uri: str) -> str:
    """FTS5 beside a SQLite database (the fastest on one machine); Whoosh otherwise, as it always was there."""
    return "sqlite" if database_uri.startswith("sqlite") else "whoosh"


def create_backend(app: Flask) -> Backend:
    new_session = indexing.new_session
    name = app.config["SEARCH_BACKEND"]
    if name not in BACKENDS:
        raise ValueError(f"SEARCH_BACKEND is {name!r}: use one of {', '.join(BACKENDS)}")
    lock_wait = float(app.config["SEARCH_LOCK_WAIT"])
    # Only the chosen backend's module is loaded: each imports its own engine (Whoosh, FTS5 helpers, psycopg types).
    if name == "postgres":
        from app.search.postgres_backend import PostgresBackend, ReadingPool  # the chosen backend only (above)

        reading = ReadingPool(indexing.app_engine, app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        return PostgresBackend(new_session, reading, lock_wait=lock_wait)
    base = Path(app.config["SEARCH_INDEX_DIR"] or Path(app.instance_path) / "search-index")
    if name == "sqlite":
        from app.search.sqlite_backend import SqliteBackend  # the chosen backend only (above)

        return SqliteBackend(base / "fts5", new_session, lock_wait=lock_wait)
    from app.search.whoosh_backend import WhooshBackend  # the chosen backend only (above)

    return WhooshBackend(base, new_session, lock_wait=lock_wait,
                         rebuild_procs=int(app.config["SEARCH_REBUILD_PROCS"]))


def init_app(app: Flask) -> None:
    app.config.setdefault("SEARCH_BACKEND", default_backend(app.config["SQLALCHEMY_DATABASE_URI"]))
    app.extensions["search"] = create_backend(app)
    events.subscribe(events.RowsFlushed, listeners.on_rows_flushed)
    events.subscribe(events.ScoreChanged, listeners.on_score_changed)
    dispatch.register(listeners.OUTBOX, indexing.index_committed)
    app.register_blueprint(views.bp)
    cli.init_app(app)
