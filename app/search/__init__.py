"""Search: the index behind /search, the ask page's suggestions and "Related questions".

`init_app` picks the backend (`SEARCH_BACKEND`: whoosh, or postgres on PostgreSQL), installs the
after-commit indexing hook, and registers the blueprint and the `flask search` commands.
"""

import os
from pathlib import Path

from flask import Flask

DEFAULTS = {
    "SEARCH_BACKEND": "whoosh",
    "SEARCH_INDEX_DIR": None,  # default: <instance>/search-index
    # Seconds a writer waits for Whoosh's single-writer lock before leaving the change marked pending.
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


def create_backend(app: Flask):
    from app.search.indexing import new_session

    if app.config["SEARCH_BACKEND"] == "postgres":
        from app.search.postgres_backend import PostgresBackend

        return PostgresBackend(new_session, lock_wait=float(app.config["SEARCH_LOCK_WAIT"]))
    from app.search.whoosh_backend import WhooshBackend

    base = app.config["SEARCH_INDEX_DIR"] or Path(app.instance_path) / "search-index"
    return WhooshBackend(Path(base), new_session, lock_wait=float(app.config["SEARCH_LOCK_WAIT"]),
                         rebuild_procs=int(app.config["SEARCH_REBUILD_PROCS"]))


def init_app(app: Flask) -> None:
    from app.extensions import db
    from app.search import cli, hook
    from app.search.views import bp

    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.extensions["search"] = create_backend(app)
    hook.install(db.session)
    app.register_blueprint(bp)
    cli.init_app(app)
