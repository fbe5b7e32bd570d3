"""The comparison engine: SQLite FTS5 on the same documents, with the same folding, stop words and
Snowball stemming done in Python (FTS5 has no Italian stemmer), BM25 with the same field weights."""

import sqlite3
import time

from app import text_analysis as analysis
from app.search.ranking import FIELD_WEIGHTS

COLUMNS = ("title", "accepted", "body", "answers")  # tag words go with the accepted answer, as in Whoosh


def _stems(text: str, language: str) -> str:
    return " ".join(analysis.terms(text, language))


def build(path: str, batches) -> tuple[sqlite3.Connection, int, float]:
    """Index every document (analysis included in the time); returns the connection, count and seconds."""
    connection = sqlite3.connect(path)
    connection.execute(f"CREATE VIRTUAL TABLE docs USING fts5(lang UNINDEXED, {', '.join(COLUMNS)})")
    count, started = 0, time.perf_counter()
    for documents in batches:
        rows = [(d.question_id, d.language, *(_stems(t, d.language) for t in (
            d.title, f"{d.accepted} {' '.join(d.tags).replace('-', ' ')}", d.body, d.answers))) for d in documents]
        connection.executemany(f"INSERT INTO docs (rowid, lang, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
                               rows)
        count += len(rows)
    connection.commit()
    return connection, count, time.perf_counter() - started


def match_expression(text: str) -> str | None:
    """(every word's Italian stem) OR (every word's English stem), like the Whoosh query."""
    sides = []
    for language in analysis.LANGUAGES:
        stems = [t for w in analysis.words(text) for t in analysis.terms(w, language)]
        if stems:
            sides.append("(" + " AND ".join(f'"{s}"' for s in stems) + ")")
    return " OR ".join(sides) or None


def search(connection: sqlite3.Connection, text: str, limit: int = 20) -> list[int]:
    expression = match_expression(text)
    if expression is None:
        return []
    weights = ", ".join(str(FIELD_WEIGHTS[c]) for c in COLUMNS)
    return [row[0] for row in connection.execute(
        f"SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, {weights}) LIMIT ?", (expression, limit))]
