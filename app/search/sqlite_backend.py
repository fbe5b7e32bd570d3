"""The SQLite FTS5 backend: the index is a SQLite file of its own (a rebuildable artifact, like the Whoosh
directory), searched by SQLite's C full-text engine.

FTS5 has no Italian stemmer, so the text is analysed in Python by `app.text_analysis` (the same folding,
stop words and Snowball stemmers as the Whoosh analyzers) and the FTS5 tables hold the analysed terms.
One table per language (`text_en`, `text_it`): a document goes into its language's table, a query is
analysed once per language and each analysis searches its own table, as Whoosh does with its fields.
Ranking is bm25() with the FIELD_WEIGHTS column weights times the quality factor.

A document's rowid in the FTS5 tables is its slot: the quality factor (highest first), then the question
id (newest first), in one integer. FTS5 returns matches in rowid order, so the first matches it reads are
the best-regarded ones, and ranking a common word's matches can stop after the first RANK_CANDIDATES
instead of scoring every one (see _ranked). The question id and the factor are read back from the slot.

    <SEARCH_INDEX_DIR>/fts5/CURRENT, gen-…/index.sqlite    (generations as in app/search/generations.py)
"""

import difflib
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterator, Set
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app import text_analysis as analysis
from app.search import generations, highlight
from app.search.backend import (
    INFORMATIVE_WORDS,
    IndexBusy,
    IndexOutdated,
    Languages,
    Results,
    informative_words,
    read_runs,
    runs,
    titles_in_its_languages,
)
from app.search.documents import SearchDocument
from app.search.ranking import FIELD_WEIGHTS
from app.search.syntax import ParsedQuery, parse

FILE = "index.sqlite"
TEXT_COLUMNS = ("title", "accepted", "body", "answers")
# bm25() weights in the table's column order; `keys` (tags, author, flags as single tokens) counts nothing.
WEIGHTS = ", ".join(str(FIELD_WEIGHTS[c]) for c in TEXT_COLUMNS) + ", 0.0"
TEXT = "{" + " ".join(TEXT_COLUMNS) + "}"
COUNT_LIMIT = 100
RANK_CANDIDATES = 1000  # per language: the matches with the highest quality factor, ranked by relevance
SUGGEST_CANDIDATES = 1000  # the same for the few suggestions shown while a title is typed
# The index's layout; an index written by an older one is rebuilt (`flask search reindex`), never misread.
FORMAT = 3  # 3: hyphenated pairs also indexed joined ("wi-fi" as "wifi")
BOOST_STEPS = 10_000  # the quality factor is rounded to 4 decimals (ranking.quality_boost)
ID_BITS = 32
ID_MASK = (1 << ID_BITS) - 1
MAX_BOOST_STEP = (1 << 16) - 1


def slot_id(column: str = "t.rowid") -> str:
    """The question id of a slot, in SQL."""
    return f"({ID_MASK} - ({column} & {ID_MASK}))"


def slot_boost(column: str = "t.rowid") -> str:
    """The quality factor of a slot, in SQL."""
    return f"(({MAX_BOOST_STEP} - ({column} >> {ID_BITS})) / {float(BOOST_STEPS)})"


SCHEMA = [
    *(f"CREATE VIRTUAL TABLE text_{language} USING fts5({', '.join(TEXT_COLUMNS)}, keys, "
      "tokenize = 'unicode61 remove_diacritics 0')" for language in analysis.LANGUAGES),
    # The titles again, on their own: a word's list of documents here holds only the titles that have it,
    # where in text_* it holds every question that mentions it anywhere (see _titles_first).
    *(f"CREATE VIRTUAL TABLE titles_{language} USING fts5(title, keys, tokenize = 'unicode61 remove_diacritics 0')"
      for language in analysis.LANGUAGES),
    # How many titles have each term, kept on every write: FTS5 would count them by reading the term's whole
    # list of documents, which for a common word is tens of thousands of entries.
    "CREATE TABLE title_terms (language TEXT NOT NULL, term TEXT NOT NULL, documents INTEGER NOT NULL, "
    "PRIMARY KEY (language, term)) WITHOUT ROWID",
    # Folded, unstemmed title and tag words: what "Did you mean" picks from.
    "CREATE VIRTUAL TABLE spell USING fts5(words, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE spell_vocabulary USING fts5vocab(spell, 'row')",
    "CREATE TABLE documents (question_id INTEGER PRIMARY KEY, language TEXT NOT NULL, stamp TEXT NOT NULL, "
    "created INTEGER NOT NULL, score INTEGER NOT NULL, boost REAL NOT NULL)",
    # The plain text, for highlighting without reading the database (kept apart: ranking joins `documents`).
    "CREATE TABLE texts (question_id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL, "
    "accepted TEXT NOT NULL, answers TEXT NOT NULL)",
    "CREATE INDEX documents_created ON documents (created)",
    "CREATE INDEX documents_score ON documents (score, created)",
]


def slot(question_id: int, boost: float) -> int:
    """The rowid of a document: higher quality factor first, then the newer question (higher id)."""
    if not 0 < question_id <= ID_MASK:
        raise ValueError(f"question id {question_id} does not fit in a slot")
    step = min(max(round(boost * BOOST_STEPS), 0), MAX_BOOST_STEP)
    return ((MAX_BOOST_STEP - step) << ID_BITS) | (ID_MASK - question_id)


def _key(kind: str, value: str) -> str:
    """One token for a tag, author or flag, whatever characters the name has ("milk-frother")."""
    return kind + value.encode().hex()


def _analysed(text: str, language: str) -> str:
    return " ".join(analysis.terms(analysis.with_compound_parts(text), language))


# A question's row of a language's text table: slot, title (with tags), accepted, body, answers, keys.
TextRow = tuple[int, str, str, str, str, str]


def _row(document: SearchDocument) -> tuple[str, TextRow]:
    language = document.language if document.language in analysis.LANGUAGES else "en"
    tag_words = " ".join(t.replace("-", " ") for t in document.tags)
    keys = ["all", *(_key("t", t) for t in document.tags), *(_key("f", f) for f in document.flags)]
    if document.author:
        keys.append(_key("u", document.author))
    return language, (slot(document.question_id, document.boost), _analysed(f"{document.title} {tag_words}", language),
                      _analysed(document.accepted, language), _analysed(document.body, language),
                      _analysed(document.answers, language), " ".join(keys))


def _quoted(terms: list[str]) -> str:
    return '"' + " ".join(terms) + '"'  # terms are \w+: never a quote inside


def _clauses(texts: list[str], language: str) -> list[str]:
    """One FTS5 term, or phrase, per word or quoted phrase (or its spellings, any of them); stop words drop
    out."""
    clauses = []
    for text in texts:
        phrases = list(dict.fromkeys(_quoted(terms) for terms in (analysis.terms(spelling, language)
                                                                  for spelling in analysis.spellings(text)) if terms))
        if phrases:
            clauses.append(phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")")
    return clauses


def match_expression(query: ParsedQuery, language: str, match_all: bool = True, columns: str = TEXT,
                     exclude: bool = True, not_flags: tuple[str, ...] = ()) -> str | None:
    """The parsed search box as an FTS5 query on one language's table; None when it cannot match.
    Without `exclude`, the -words are left to the caller (the titles table cannot look for them)."""
    parts = []
    if query.has_text:
        clauses = _clauses([*query.words, *query.phrases], language)
        if not clauses:
            return None
        parts.append(f"{columns} : (" + (" AND " if match_all else " OR ").join(clauses) + ")")
    keys = ([_key("t", t) for t in query.tags] + [_key("u", u) for u in query.users]
            + [_key("f", f) for f in query.flags])
    parts += [f'{{keys}} : "{k}"' for k in keys]
    expression = " AND ".join(parts) or '{keys} : "all"'
    for flag in not_flags:
        expression = f'({expression}) NOT {{keys}} : "{_key("f", flag)}"'
    excluded = _clauses(query.excluded, language) if exclude else []
    if excluded:
        expression = f"({expression}) NOT {TEXT} : (" + " OR ".join(excluded) + ")"
    return expression


def excluded_expression(query: ParsedQuery, language: str) -> str | None:
    excluded = _clauses(query.excluded, language)
    return f"{TEXT} : (" + " OR ".join(excluded) + ")" if excluded else None


ORDER = {"relevance": "t.rowid", "newest": "d.created DESC, d.question_id DESC",
         "votes": "d.score DESC, d.created DESC, d.question_id DESC"}


class _Batch:
    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def put(self, document: SearchDocument) -> None:
        self.remove(document.question_id)
        _insert(self.connection, [document])

    def remove(self, question_id: int) -> None:
        stored = self.connection.execute("SELECT boost FROM documents WHERE question_id = ?",
                                         (question_id,)).fetchone()
        if stored is None:
            return
        rowid = slot(question_id, stored[0])
        for language in analysis.LANGUAGES:
            row = self.connection.execute(f"SELECT title FROM text_{language} WHERE rowid = ?",  # nosec B608
                                          (rowid,)).fetchone()
            if row:
                self.connection.executemany(
                    "UPDATE title_terms SET documents = documents - 1 WHERE language = ? AND term = ?",
                    [(language, term) for term in set(row[0].split())])
        for table in (f"{kind}_{language}" for kind in ("text", "titles") for language in analysis.LANGUAGES):
            self.connection.execute(f"DELETE FROM {table} WHERE rowid = ?", (rowid,))  # nosec B608
        self.connection.execute("DELETE FROM spell WHERE rowid = ?", (question_id,))
        for table in ("documents", "texts"):
            self.connection.execute(f"DELETE FROM {table} WHERE question_id = ?", (question_id,))  # nosec B608


def _insert(connection: sqlite3.Connection, documents: list[SearchDocument], staged: bool = False) -> None:
    """Write documents; `staged` (a rebuild) puts their FTS5 rows in the staging tables instead, for
    _from_staging to copy in slot order."""
    rows: dict[str, list[TextRow]] = {language: [] for language in analysis.LANGUAGES}
    for document in documents:
        language, row = _row(document)
        rows[language].append(row)
    for language, values in rows.items():
        if not values:
            continue
        if staged:
            connection.executemany(f"INSERT INTO staging.text_{language} VALUES (?, ?, ?, ?, ?, ?)",  # nosec B608
                                   values)
        else:
            connection.executemany(f"INSERT INTO text_{language} (rowid, {', '.join(TEXT_COLUMNS)}, keys) "
                                   "VALUES (?, ?, ?, ?, ?, ?)", values)  # nosec B608
            connection.executemany(f"INSERT INTO titles_{language} (rowid, title, keys) VALUES (?, ?, ?)",  # nosec B608
                                   [(row[0], row[1], row[5]) for row in values])
        titles = Counter(term for row in values for term in set(row[1].split()))
        connection.executemany(
            "INSERT INTO title_terms VALUES (?, ?, ?) "
            "ON CONFLICT (language, term) DO UPDATE SET documents = documents + excluded.documents",
            [(language, term, n) for term, n in titles.items()])
    connection.executemany("INSERT INTO spell (rowid, words) VALUES (?, ?)", [
        (d.question_id, " ".join(analysis.words(f"{d.title} {' '.join(d.tags)}"))) for d in documents])
    connection.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?)", [
        (d.question_id, d.language if d.language in analysis.LANGUAGES else "en", d.stamp,
         int(d.created_at.timestamp()), d.score, d.boost) for d in documents])
    clean = highlight.clean  # no stray highlight marks in stored text
    connection.executemany("INSERT INTO texts VALUES (?, ?, ?, ?, ?)", [
        (d.question_id, clean(d.title), clean(d.body), clean(d.accepted), clean(d.answers)) for d in documents])


def _stage(connection: sqlite3.Connection, path: Path) -> None:
    """Staging tables in a file of their own beside the new index. FTS5 writes a term's list of documents
    in rowid order and flushes what it holds whenever a smaller rowid comes: documents arrive in question
    order, not slot order, so they wait here, in slot order, until _from_staging copies them."""
    connection.execute("ATTACH DATABASE ? AS staging", (str(path),))
    connection.execute("PRAGMA staging.journal_mode = OFF")
    connection.execute("PRAGMA staging.synchronous = OFF")
    for language in analysis.LANGUAGES:
        # Rows appended as they come (no key to keep in order); the copy sorts them once.
        connection.execute(f"CREATE TABLE staging.text_{language} (slot INTEGER NOT NULL, "  # nosec B608
                           f"{', '.join(TEXT_COLUMNS)}, keys)")


def _from_staging(connection: sqlite3.Connection) -> None:
    columns = ", ".join(TEXT_COLUMNS)
    for language in analysis.LANGUAGES:
        connection.execute(f"INSERT INTO text_{language} (rowid, {columns}, keys) "  # nosec B608
                           f"SELECT slot, {columns}, keys FROM staging.text_{language} ORDER BY slot")
        connection.execute(f"INSERT INTO titles_{language} (rowid, title, keys) "  # nosec B608
                           f"SELECT slot, title, keys FROM staging.text_{language} ORDER BY slot")


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA cache_size = -32000")  # 32 MB: the hot doclists stay in memory
    connection.execute("PRAGMA mmap_size = 268435456")
    return connection


def _create(path: Path) -> None:
    connection = sqlite3.connect(path / FILE, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
        connection.execute(f"PRAGMA user_version = {FORMAT}")
        for statement in SCHEMA:
            connection.execute(statement)
    finally:
        connection.close()


def _check_format(connection: sqlite3.Connection) -> None:
    found = connection.execute("PRAGMA user_version").fetchone()[0]
    if found != FORMAT:
        raise IndexOutdated(f"the search index has layout {found}, this version reads {FORMAT}: "
                            "run `flask search reindex`")


class SqliteBackend:
    name = "sqlite"

    def __init__(self, base: Path, session_factory: Callable[[], Session], lock_wait: float = 2.0):
        self.base, self.session_factory, self.lock_wait = Path(base), session_factory, lock_wait
        self._write_lock = threading.Lock()  # threads of one process take turns before SQLite's lock
        self._local = threading.local()  # one reading connection per thread, reopened after a rebuild
        self._vocabulary: tuple[int, int, list[str]] | None = None

    def _path(self) -> Path:
        return generations.ensure_current(self.base, _create) / FILE

    def reader(self) -> sqlite3.Connection:
        local, version = self._local, generations.pointer_version(self.base)
        connection: sqlite3.Connection | None = getattr(local, "connection", None)
        if connection is not None and local.version == version:
            return connection
        if connection is not None:
            connection.close()
        local.connection = None
        connection = _connect(self._path())
        try:
            _check_format(connection)
        except IndexOutdated:
            connection.close()
            raise
        connection.execute("PRAGMA query_only = 1")
        local.connection, local.version = connection, version
        return connection

    @contextmanager
    def batch(self, question_ids: list[int]) -> Iterator[_Batch]:
        with self._write_lock:
            connection = _connect(self._path())
            try:
                connection.execute(f"PRAGMA busy_timeout = {int(self.lock_wait * 1000)}")
                _check_format(connection)
                try:
                    connection.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as error:  # another process kept the index past the wait
                    raise IndexBusy(str(error)) from error
                try:
                    yield _Batch(connection)
                except BaseException:
                    connection.execute("ROLLBACK")
                    raise
                connection.execute("COMMIT")
            finally:
                connection.close()

    def _ranked(self, language: str, expression: str, sort: str, limit: int, by_text: bool = True,
                exclude: int | None = None, kind: str = "text", excluded: str | None = None,
                candidates: int | None = None) -> list[tuple[Any, ...]]:
        """(rank, created, score, id) of the best `limit` matches in one language's table; lowest rank
        first (bm25() is negative). Without words to rank by, the quality factor alone orders. Ranked by
        text, the first `candidates` matches in slot order compete: those with the highest quality factor,
        which the rank multiplies. bm25() costs the same for every match and a common word matches tens of
        thousands of questions; FTS5 stops reading after the candidates instead of scoring them all."""
        table = f"{kind}_{language}"
        where, params = [f"{table} MATCH ?"], list[str | int]([expression])
        if exclude is not None:
            where.append(f"{slot_id()} <> ?")
            params.append(exclude)
        if excluded:  # -words, looked for in the whole text (the same slots in every table)
            excluding = f"SELECT rowid FROM text_{language} WHERE text_{language} MATCH ?"  # nosec B608
            where.append(f"t.rowid NOT IN ({excluding})")
            params.append(excluded)
        condition = " AND ".join(where)
        if sort == "relevance" and by_text:
            weights = WEIGHTS if kind == "text" else f"{FIELD_WEIGHTS['title']}, 0.0"
            sql = (f"SELECT relevance * {slot_boost('slot')} AS rank, NULL, NULL, {slot_id('slot')} AS id "  # nosec B608
                   f"FROM (SELECT t.rowid AS slot, bm25({table}, {weights}) AS relevance FROM {table} t "
                   f"WHERE {condition} ORDER BY t.rowid LIMIT ?) ORDER BY rank, id DESC LIMIT ?")
            # A page deep in the results needs more candidates than that.
            candidates = max(candidates or RANK_CANDIDATES, limit)
            return self.reader().execute(sql, (*params, candidates, limit)).fetchall()
        if sort == "relevance":  # the slot order is the quality factor's
            sql = (f"SELECT -{slot_boost()}, NULL, NULL, {slot_id()} FROM {table} t "  # nosec B608
                   f"WHERE {condition} ORDER BY t.rowid LIMIT ?")
            return self.reader().execute(sql, (*params, limit)).fetchall()
        sql = (f"SELECT NULL, d.created, d.score, d.question_id FROM {table} t "  # nosec B608
               f"JOIN documents d ON d.question_id = {slot_id()} WHERE {condition} ORDER BY {ORDER[sort]} LIMIT ?")
        return self.reader().execute(sql, (*params, limit)).fetchall()

    def _expressions(self, query: ParsedQuery, match_all: bool, columns: str = TEXT,
                     languages: tuple[str, ...] = analysis.LANGUAGES, **options: Any) -> dict[str, str]:
        found = {language: match_expression(query, language, match_all, columns, **options)
                 for language in languages}
        return {language: expression for language, expression in found.items() if expression}

    def search(self, query: ParsedQuery, sort: str, page: int, per_page: int, match_all: bool = True,
               languages: Languages = None) -> Results:
        sort = sort if sort in ORDER else "relevance"
        expressions = self._expressions(query, match_all, languages=tuple(chain.from_iterable(runs(languages))))
        if not expressions:
            return Results([], 0)

        def read(run: tuple[str, ...], limit: int) -> list[tuple[Any, ...]]:
            """A run's best rows: its languages' tables only (a language's documents are in its own)."""
            chosen = {language: expressions[language] for language in run if language in expressions}
            if not chosen:
                return []
            if sort == "relevance" and query.has_text:
                return self._titles_first(query, match_all, chosen, limit)
            return self._merged(chosen, sort, limit, query.has_text)

        rows = read_runs(languages, page * per_page, read)
        ids = [row[3] for row in rows[(page - 1) * per_page:page * per_page]]
        total, exact = self._bounded_total(expressions, max(COUNT_LIMIT, (page + 5) * per_page))
        return Results(ids, total, exact, self._highlights(ids, query))

    def _merged(self, expressions: dict[str, str], sort: str, limit: int, by_text: bool = True,
                exclude: Set[int] = frozenset(), kind: str = "text",
                query: ParsedQuery | None = None) -> list[tuple[Any, ...]]:
        """The best `limit` matches of every language's table, in one order."""
        rows = [row for language, expression in expressions.items()
                for row in self._ranked(language, expression, sort, limit + len(exclude), by_text, kind=kind,
                                        excluded=excluded_expression(query, language) if query else None)
                if row[3] not in exclude]
        rows.sort(key={"relevance": lambda r: (r[0], -r[3]), "newest": lambda r: (-r[1], -r[3]),
                       "votes": lambda r: (-r[2], -r[1], -r[3])}[sort])
        return rows[:limit]

    def _titles_first(self, query: ParsedQuery, match_all: bool, expressions: dict[str, str],
                      limit: int) -> list[tuple[Any, ...]]:
        """Questions with the words in their title first, then those with them anywhere else. Ranking is
        bm25() on every match, and a common word matches half the questions: a title is short, so the
        titles' matches are few, and when they fill the page the rest is never ranked. Rare words match
        few questions anyway."""
        in_titles = self._merged(self._expressions(query, match_all, "{title}", languages=tuple(expressions),
                                                   exclude=False), "relevance", limit, kind="titles", query=query)
        if len(in_titles) == limit:
            return in_titles
        return in_titles + self._merged(expressions, "relevance", limit - len(in_titles),
                                        exclude={row[3] for row in in_titles})

    def _highlights(self, ids: list[int], query: ParsedQuery) -> dict[int, tuple[str, str]]:
        """From the index's copy of the text, written with the rest of the document after each commit."""
        if not ids:
            return {}
        rows = self.reader().execute(
            "SELECT t.question_id, d.language, t.title, t.body, t.accepted, t.answers FROM texts t "  # nosec B608
            f"JOIN documents d ON d.question_id = t.question_id WHERE t.question_id IN ({', '.join('?' * len(ids))})",
            ids).fetchall()
        return highlight.for_texts(((i, language, title, texts) for i, language, title, *texts in rows), query)

    def _bounded_total(self, expressions: dict[str, str], limit: int) -> tuple[int, bool]:
        """The number of matches, counted only a few pages past this one (a common word matches most
        questions, and the page says "more than …")."""
        counted = sum(self.reader().execute(
            f"SELECT count(*) FROM (SELECT 1 FROM text_{language} WHERE text_{language} MATCH ? LIMIT ?)",  # nosec B608
            (expression, limit + 1)).fetchone()[0] for language, expression in expressions.items())
        return min(counted, limit), counted <= limit

    def _informative(self, words: list[str]) -> list[str]:
        """The rarest words of a long title (`backend.informative_words`), counted in one statement."""
        if len(words) <= INFORMATIVE_WORDS:
            return words
        pairs = {(language, term) for word in words for language in analysis.LANGUAGES
                 for term in analysis.terms(word, language)}
        counts = dict(((language, term), n) for language, term, n in self.reader().execute(
            "SELECT language, term, documents FROM title_terms WHERE "  # nosec B608
            + " OR ".join(["(language = ? AND term = ?)"] * len(pairs)), [x for pair in pairs for x in pair])
        ) if pairs else {}
        return informative_words(words, lambda word: titles_in_its_languages(
            word, lambda language, term: counts.get((language, term), 0)))

    def suggest(self, text: str, limit: int, exclude: int | None = None, faq_only: bool = False) -> list[int]:
        words = self._informative(parse(text).words)
        if not words:
            return []
        # "Not unanswered" rather than "answered": FTS5 reads the whole list of the flag's documents, and
        # the unanswered are the fewer.
        query = ParsedQuery(words=words, flags=["faq"] if faq_only else [])
        expressions = self._expressions(query, faq_only, "{title}", not_flags=() if faq_only else ("unanswered",))
        rows = [row for language, expression in expressions.items()
                for row in self._ranked(language, expression, "relevance", limit, exclude=exclude, kind="titles",
                                        candidates=SUGGEST_CANDIDATES)]
        return [row[3] for row in sorted(rows)[:limit]]

    def corrections(self, words: list[str]) -> dict[str, str]:
        found = {}
        for word in words:
            folded = analysis.fold(word)
            if len(folded) < 4 or not folded.isalpha() or self._known(folded):
                continue
            candidates = [w for w in self._title_words() if abs(len(w) - len(folded)) <= (1 if len(folded) < 7 else 2)]
            close = difflib.get_close_matches(folded, candidates, n=1, cutoff=0.8)
            if close:
                found[word] = close[0]
        return found

    def _known(self, word: str) -> bool:
        """Whether the index has the word anywhere (a word only in answers is no typo)."""
        reader = self.reader()
        if reader.execute("SELECT 1 FROM spell_vocabulary WHERE term = ?", (word,)).fetchone():
            return True
        return any(reader.execute(f"SELECT 1 FROM text_{language} WHERE text_{language} MATCH ? LIMIT 1",  # nosec B608
                                  (f"{TEXT} : {_quoted([term])}",)).fetchone()
                   for language in analysis.LANGUAGES for term in analysis.terms(word, language))

    def _title_words(self) -> list[str]:
        """Every folded title word, read again only after the index changed."""
        reader = self.reader()
        version = (reader.execute("PRAGMA data_version").fetchone()[0], id(reader))
        if self._vocabulary is None or self._vocabulary[:2] != version:
            words = [row[0] for row in reader.execute("SELECT term FROM spell_vocabulary")]
            self._vocabulary = (*version, words)
        return self._vocabulary[2]

    def rebuild(self, batches: Iterator[list[SearchDocument]], progress: Callable[[int], None]) -> int:
        with generations.rebuild_marker(self.base):
            path = generations.new_generation(self.base)
            _create(path)
            connection = sqlite3.connect(path / FILE, isolation_level=None)
            staging, count = path / "staging.sqlite", 0
            try:
                # Nobody reads this file before the swap: no journal needed until then.
                connection.execute("PRAGMA journal_mode = OFF")
                connection.execute("PRAGMA synchronous = OFF")
                connection.execute("PRAGMA cache_size = -65536")
                _stage(connection, staging)
                connection.execute("BEGIN")
                for documents in batches:
                    _insert(connection, documents, staged=True)
                    count += len(documents)
                    progress(len(documents))
                _from_staging(connection)
                connection.execute("COMMIT")
                connection.execute("DETACH DATABASE staging")
                staging.unlink()
                tables = [f"{kind}_{language}" for kind in ("text", "titles") for language in analysis.LANGUAGES]
                for table in [*tables, "spell"]:  # one b-tree per table: the fastest to read
                    connection.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")  # nosec B608
                connection.execute("PRAGMA journal_mode = WAL")
            finally:
                connection.close()
            generations.swap(self.base, path)
        return count

    def stamps(self) -> dict[int, str]:
        return dict(self.reader().execute("SELECT question_id, stamp FROM documents").fetchall())

    def is_rebuilding(self) -> bool:
        return generations.rebuilding(self.base)
