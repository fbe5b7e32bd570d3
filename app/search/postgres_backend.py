"""The PostgreSQL backend: the index is the `search_documents` table, so every app server shares it.

Each row's `tsv` is built with its language's configuration (`sportello_italian` / `sportello_english`:
the stock Snowball configurations with unaccent in front); a query is parsed with both and each
parse is matched against rows of its language, as the Whoosh backend does with its per-language
fields. Ranking is ts_rank_cd times the same quality factor; titles first, as the FTS5 backend ranks;
titles and snippets are marked by the same code as FTS5's (`highlight.for_texts`).

A common word matches tens of thousands of documents, and a GIN index returns them unordered: reading
each for its quality factor cost 100+ ms at 100,000 questions. Each document therefore carries its
quality factor's band (`quality_band`), the text indexes lead with it (btree_gin), and the best-regarded
matches are read band by band, best first, stopping once there are enough to rank — the documents in
quality order that the FTS5 index gets from its rowids.
"""

import difflib
import logging
import math
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import Any

from flask import Flask, current_app
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app import text_analysis as analysis
from app.search import highlight
from app.search.backend import IndexBusy, Languages, Results, informative_words, read_runs, runs
from app.search.documents import SearchDocument
from app.search.ranking import FIELD_WEIGHTS
from app.search.syntax import ParsedQuery, parse

log = logging.getLogger(__name__)

CONFIGURATIONS = {"en": "sportello_english", "it": "sportello_italian"}
_PLAIN = re.compile(r"[^\W_]+")
LOCK_NAMESPACE = 7403  # first key of the advisory locks that serialise writes to one question's row
# ts_rank_cd weights for D, C, B, A: answers, question body, accepted answer + tags, title.
WEIGHTS = "{" + ",".join(f"{FIELD_WEIGHTS[p] / FIELD_WEIGHTS['title']:.3f}"
                         for p in ("answers", "body", "accepted", "title")) + "}"
# Bands of the quality factor in steps of ×1.2 from 1 (ranking.quality_boost runs from about 0.3 to 4.5):
# a band is read only when the better ones hold too few matches. Finer bands read fewer extra matches of a
# common word; each band is one more index probe for a rare one.
BAND_STEP, TOP_BAND, BOTTOM_BAND = 1.2, 6, -4
BANDS = range(TOP_BAND, BOTTOM_BAND - 1, -1)
RARITY_SHARE = 0.5  # suggestions look titles up by the words at least half as rare as their rarest (`_telling`)


def quality_band(boost: float) -> int:
    return max(BOTTOM_BAND, min(TOP_BAND, math.floor(math.log(boost) / math.log(BAND_STEP)))) \
        if boost > 0 else BOTTOM_BAND


UPSERT = text("""
INSERT INTO search_documents (question_id, language, title, body, answers, accepted, tags, author, flags,
                              score, answer_count, boost, band, created_at, stamp, tsv, title_tsv)
VALUES (:question_id, :language, :title, :body, :answers, :accepted, :tags, :author, :flags, :score,
        :answer_count, :boost, :band, :created_at, :stamp,
        setweight(to_tsvector(CAST(:config AS regconfig), :title_terms), 'A')
        || setweight(to_tsvector(CAST(:config AS regconfig), :accepted_terms || ' ' || :tag_words), 'B')
        || setweight(to_tsvector(CAST(:config AS regconfig), :body_terms), 'C')
        || setweight(to_tsvector(CAST(:config AS regconfig), :answers_terms), 'D'),
        to_tsvector(CAST(:config AS regconfig), :title_terms || ' ' || :tag_words))
ON CONFLICT (question_id) DO UPDATE SET
    language = EXCLUDED.language, title = EXCLUDED.title, body = EXCLUDED.body, answers = EXCLUDED.answers,
    accepted = EXCLUDED.accepted, tags = EXCLUDED.tags, author = EXCLUDED.author, flags = EXCLUDED.flags,
    score = EXCLUDED.score, answer_count = EXCLUDED.answer_count, boost = EXCLUDED.boost, band = EXCLUDED.band,
    created_at = EXCLUDED.created_at, stamp = EXCLUDED.stamp, tsv = EXCLUDED.tsv, title_tsv = EXCLUDED.title_tsv
""")


def _row(document: SearchDocument) -> dict[str, object]:
    language = document.language if document.language in CONFIGURATIONS else "en"
    clean = highlight.clean  # no stray highlight marks in stored text
    return {"question_id": document.question_id, "language": language, "config": CONFIGURATIONS[language],
            "title": clean(document.title), "body": clean(document.body), "answers": clean(document.answers),
            "accepted": clean(document.accepted), "tags": f" {' '.join(document.tags)} ",
            "tag_words": " ".join(t.replace("-", " ") for t in document.tags), "author": document.author,
            "flags": f" {' '.join(document.flags)} ", "score": document.score,
            "answer_count": document.answer_count, "boost": document.boost, "band": quality_band(document.boost),
            "created_at": document.created_at, "stamp": document.stamp,
            # What the tsvector reads: hyphenated pairs joined too, as every backend indexes them.
            **{f"{part}_terms": analysis.with_compound_parts(clean(getattr(document, part)))
               for part in ("title", "accepted", "body", "answers")}}


class _Batch:
    def __init__(self, session: Session):
        self.session = session

    def put(self, document: SearchDocument) -> None:
        self.session.execute(UPSERT, _row(document))

    def remove(self, question_id: int) -> None:
        self.session.execute(text("DELETE FROM search_documents WHERE question_id = :id"), {"id": question_id})


def once(expression: str) -> str:
    """A scalar subquery: computed once per statement. The tsquery functions are only stable, so written
    plainly in a rank or a filter they may parse and stem the words again for every row they meet."""
    return f"(SELECT {expression})"


def _in_language(language: str) -> str:
    """Documents of one language, written as the per-language partial indexes are."""
    return f"d.language {'=' if language == 'it' else '<>'} 'it'"


class _Query:
    """The conditions and tsquery expressions of one search, with their bound values."""

    def __init__(self, query: ParsedQuery, match_all: bool):
        self.params: dict[str, Any] = {}
        texts = [*query.words, *query.phrases]
        # Each language's tsquery expression; none without words (filters only) or without -words.
        self.positive: dict[str, str] = {
            lang: self._tsquery(lang, query.words, query.phrases, " && " if match_all else " || ")
            for lang in CONFIGURATIONS} if texts else {}
        self.excluded: dict[str, str] = {
            lang: self._tsquery(lang, query.excluded, [], " || ") for lang in CONFIGURATIONS} if query.excluded else {}
        self.filters = self._filters(query)
        # A question whose title has the words has them in its whole text too (`_known_totals`), but a phrase
        # may run from a title's last word into its first tag name, which the whole text keeps apart.
        self.titles_within_texts = not query.phrases

    def bind(self, value: object) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def _tsquery(self, language: str, words: list[str], phrases: list[str], joiner: str) -> str:
        config = f"CAST('{CONFIGURATIONS[language]}' AS regconfig)"
        parts = [self._spellings(f"plainto_tsquery({config}, {{}})", w) for w in words]
        parts += [self._spellings(f"phraseto_tsquery({config}, {{}})", p) for p in phrases]
        return once("(" + joiner.join(parts) + ")")

    def _spellings(self, function: str, text: str) -> str:
        """Any of the text's spellings ("wi-fi": "wifi" or "wi fi")."""
        return "(" + " || ".join(function.format(self.bind(s)) for s in analysis.spellings(text)) + ")"

    def _filters(self, query: ParsedQuery) -> list[str]:
        filters = [f"d.tags LIKE {self.bind(f'% {t} %')}" for t in query.tags]
        filters += [f"d.author = {self.bind(u)}" for u in query.users]
        filters += [f"d.flags LIKE {self.bind(f'% {f} %')}" for f in query.flags]
        return filters

    def where(self, languages: tuple[str, ...] = tuple(CONFIGURATIONS)) -> str:
        """Filters only (is:solved, tag:…): no text to match; questions in `languages`."""
        clauses = self.filters if set(languages) >= set(CONFIGURATIONS) else [
            *self.filters, "(" + " OR ".join(_in_language(language) for language in languages) + ")"]
        return " AND ".join(clauses) or "TRUE"

    def where_in(self, language: str, column: str = "tsv", banded: bool = False) -> str:
        """The documents of one language that match its parse of the words (in `column`); `banded`: in the
        band `b.band` of the list being walked (see `_by_band`). Each language on its own, as its partial
        index holds it: the two languages' conditions OR'ed together made PostgreSQL test every match's
        tsvector again, read from TOAST."""
        clauses = [*self.filters, _in_language(language)]
        if banded:  # a smallint, as the column: btree_gin compares it inside the index
            clauses.append("d.band = b.band")
        clauses.append(f"d.{column} @@ {self.positive[language]}")
        if self.excluded:
            clauses.append(f"NOT coalesce(d.tsv @@ {self.excluded[language]}, false)")
        return " AND ".join(clauses)


# The whole text by cover density with the field weights; a title by how often it has the words, as FTS5's
# bm25() ranks titles: ts_rank_cd cost 4.6 µs a title for a six-word suggestion, ts_rank a tenth of it.
RANK = {"tsv": f"ts_rank_cd('{WEIGHTS.replace('{', '{{').replace('}', '}}')}'::float4[], {{tsv}}, {{query}})",
        "title_tsv": "ts_rank({tsv}, {query})"}
ORDER = {"relevance": "rank DESC, d.question_id DESC", "newest": "d.created_at DESC, d.question_id DESC",
         "votes": "d.score DESC, d.created_at DESC"}
# As the FTS5 backend: only the matches with the highest quality factor, which the rank multiplies, compete
# (per language; a deep page takes as many as it needs), among titles, then among whole texts (each read
# from TOAST for ts_rank_cd), and among titles for suggestions. Totals are counted a few pages past the one
# shown, and the page says "more than …" beyond.
RANK_CANDIDATES = 1000
TEXT_CANDIDATES = 1000
SUGGEST_CANDIDATES = 1000
COUNT_LIMIT = 100
# The statements of a search: the GIN indexes are always the way in. A sequential scan tests each row's
# tsvector (1.3 s for a common word), and the planner, which counts that test as cheap, took one for a count or a
# common word. No parallel workers: they cost more than these statements, and the bands are read in the order
# written. Set once on each of the search's own connections (`ReadingPool`).
PLANNER_SETTINGS = "SET enable_seqscan = off; SET max_parallel_workers_per_gather = 0"


class ReadingPool:
    """The connections searches and suggestions read on: a pool of their own beside the app's, made from the
    app's engine when first needed and disposed with it. Each connection is in autocommit and was given the
    planner's settings once, when it was opened: searching on the app's connections took a ping, a BEGIN, the
    settings and a ROLLBACK around every search, four round trips for nothing a read needs (under READ
    COMMITTED each statement saw its own snapshot anyway)."""

    def __init__(self, app_engine: Callable[[], Engine], options: dict[str, Any] | None = None):
        """`options`: the app's engine options (SQLALCHEMY_ENGINE_OPTIONS: connection arguments, pool sizes), so
        that the search reaches the database as the rest of the app does."""
        self.app_engine, self.options = app_engine, dict(options or {})
        self._engine: Engine | None = None
        self._creating = threading.Lock()

    def connect(self) -> Connection:
        return (self._engine or self._create()).connect()

    def _create(self) -> Engine:
        with self._creating:
            if self._engine is None:
                app_engine = self.app_engine()
                engine = create_engine(app_engine.url, **{**self.options, "isolation_level": "AUTOCOMMIT",
                                                          "pool_pre_ping": True})
                event.listen(engine, "connect", _plan_for_search)
                event.listen(app_engine, "engine_disposed", self._dispose)
                self._engine = engine
            return self._engine

    def _dispose(self, _app_engine: Engine) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()


def _plan_for_search(dbapi_connection: Any, _record: object) -> None:
    """A new connection of the pool: the settings for the rest of its life (committed, in case the driver opened
    a transaction for them: a rollback would undo them)."""
    cursor = dbapi_connection.cursor()
    cursor.execute(PLANNER_SETTINGS)
    cursor.close()
    dbapi_connection.commit()


# The bands best first, as a list the statements walk (`b.band`, a smallint as the column is).
BAND_LIST = f"unnest(CAST(ARRAY[{','.join(str(band) for band in BANDS)}] AS smallint[])) AS b(band)"


def _by_band(select: str, built: _Query, language: str, column: str, limit: int | str, extra: str = "") -> str:
    """At most `limit` of `select`'s rows, from each band in turn, best band first: a nested loop over the
    list of bands looks a band up (its GIN index, the band inside the key) only when the ones before gave
    fewer than `limit` rows, so a common word's lower bands are never read. The LIMIT inside the lateral
    lookup keeps it a lookup per band: without it PostgreSQL may join the list with every match of the
    words. One short statement: the same walk written as a UNION ALL of a branch per band was 5–7 KB of
    SQL for the app to build, convert and send and for PostgreSQL to parse and plan on every search.
    `limit`: a number, or an expression of the statement's (`_titles_then_texts`)."""
    limit = limit if isinstance(limit, str) else int(limit)
    return (f"SELECT m.* FROM {BAND_LIST} CROSS JOIN LATERAL ("  # nosec B608 # fixed fragments and int()s; user words are bound parameters
            f"SELECT {select} FROM search_documents d WHERE {built.where_in(language, column, banded=True)}{extra}"
            f" LIMIT {limit}) m LIMIT {limit}")


def _best_regarded(built: _Query, language: str, column: str, count: int | str, extra: str = "") -> str:
    """About the `count` matches of one language with the highest quality factor: the best band's first,
    then the next band's, stopping when the LIMIT is met (`_by_band`); within the last band read, matches
    are taken as the index gives them, not sorted by their factor (sorting read every match of the band:
    2,600 rows where 166 were wanted), so a candidate may lose its place to one at most ×1.2 less
    regarded. The tsvector comes along for the rank (a pointer into TOAST for the whole text): looking
    1,000 candidates up again by id cost more."""
    return _by_band(f"d.question_id, d.boost, d.{column} AS tsv", built, language, column, count, extra)


def _candidates_ranked(built: _Query, language: str, column: str, candidates: int | str, extra: str = "") -> str:
    """The best-regarded `candidates` (`_best_regarded`), each with its rank: its text's match times its boost."""
    rank = RANK[column].format(tsv="c.tsv", query=built.positive[language])
    return (f"SELECT c.question_id, {rank} * c.boost AS rank "  # nosec B608 # fixed fragments and int()s; user words are bound parameters
            f"FROM ({_best_regarded(built, language, column, candidates, extra)}) c")


def _ranked(built: _Query, language: str, column: str, limit: int, candidates: int, extra: str = "") -> str:
    return (f"({_candidates_ranked(built, language, column, max(candidates, limit), extra)} "
            f"ORDER BY rank DESC, c.question_id DESC LIMIT {int(limit)})")


def _stage(built: _Query, language: str, column: str, limit: str, candidates: str, extra: str = "") -> str:
    """`_ranked` with the number of candidates the walk read in each row (`matches`, for `_known_totals`); the
    limits are expressions of the statement's. The candidates are ranked below the count (OFFSET 0 keeps the
    planner from moving the rank above it): otherwise the count kept every candidate's whole tsvector, 2 MB for
    1,000, on disk, to rank them afterwards."""
    ranked = f"{_candidates_ranked(built, language, column, candidates, extra)} OFFSET 0"
    return (f"SELECT question_id, rank, count(*) OVER () AS matches FROM ({ranked}) r "  # nosec B608 # fixed fragments
            f"ORDER BY rank DESC, question_id DESC LIMIT {limit}")


def _best_of(stages: list[str], limit: str) -> str:
    """The best `limit` rows of these stages' (one a language) in one order."""
    rows = " UNION ALL ".join(f"SELECT question_id, rank FROM {stage}" for stage in stages)  # nosec B608 # names of the statement's own parts
    return f"SELECT question_id, rank FROM ({rows}) s ORDER BY rank DESC, question_id DESC LIMIT {limit}"  # nosec B608 # names of the statement's own parts


def _titles_then_texts(built: _Query, languages: tuple[str, ...], wanted: int) -> str:
    """A run's best `wanted` matches in one statement: those with the words in their title, then, when they are
    fewer, the rest ranked by their whole text (`PostgresBackend._titles_first`). The whole texts' stage has
    what the titles left as its LIMIT, so when the titles fill the page it is never run (a LIMIT of 0 reads
    nothing). Each row also carries, per language, how many title candidates and text candidates were read,
    which tell the language's total when they are few or when the titles alone pass the count's limit
    (`_known_totals`)."""
    wanted = int(wanted)
    if not set(languages) <= set(CONFIGURATIONS):  # they name the statement's parts below
        raise ValueError(f"unknown search languages {languages!r}")
    left = f"(SELECT {wanted} - count(*) FROM titles)"  # nosec B608 # an int(); what the titles left of the page
    not_in_titles = " AND d.question_id <> ALL(ARRAY(SELECT question_id FROM titles))"
    titles = {language: _stage(built, language, "title_tsv", str(wanted), str(max(RANK_CANDIDATES, wanted)))
              for language in languages}
    texts = {language: _stage(built, language, "tsv", left, f"greatest({int(TEXT_CANDIDATES)}, {left})",
                              not_in_titles) for language in languages}
    parts = [*(f"titles_{language} AS MATERIALIZED ({stage})" for language, stage in titles.items()),
             f"titles AS MATERIALIZED ({_best_of([f'titles_{language}' for language in languages], str(wanted))})",
             *(f"texts_{language} AS MATERIALIZED ({stage})" for language, stage in texts.items()),
             f"texts AS MATERIALIZED ({_best_of([f'texts_{language}' for language in languages], left)})"]
    figures = "".join(f", (SELECT max(matches) FROM titles_{language}), (SELECT max(matches) FROM texts_{language})"  # nosec B608 # known languages (checked above)
                      for language in languages)
    return (f"WITH {', '.join(parts)} SELECT r.question_id, r.stage{figures} FROM ("  # nosec B608 # fixed fragments and int()s; user words are bound parameters
            "SELECT question_id, rank, 1 AS stage FROM titles "
            "UNION ALL SELECT question_id, rank, 2 AS stage FROM texts) r "
            "ORDER BY r.stage, r.rank DESC, r.question_id DESC")


def _known_totals(rows: Sequence[Sequence[Any]], languages: tuple[str, ...], wanted: int,
                  limit: int) -> dict[str, int]:
    """The languages of a run whose number of matches its statement told (`_titles_then_texts`'s rows): exact, or
    more than `limit`. A question whose title has the words has them in its whole text too (`_Query`), so
    - more title candidates than `limit` are more matches than `limit`;
    - when the whole texts were read (the titles were fewer than `wanted`, so every title match was read), the
      matches are the title matches and the other candidates, exactly while these were fewer than the walk's
      LIMIT. No rows: nothing matched, in titles or texts."""
    titles = sum(1 for row in rows if row[1] == 1)
    known = {}
    for n, language in enumerate(languages):
        in_titles, in_texts = (rows[0][2 + 2 * n] or 0, rows[0][3 + 2 * n] or 0) if rows else (0, 0)
        texts_read = titles < wanted
        if in_titles > limit:
            known[language] = in_titles
        elif texts_read and (in_texts < max(TEXT_CANDIDATES, wanted - titles) or in_titles + in_texts > limit):
            known[language] = in_titles + in_texts
    return known


def _count(built: _Query, languages: tuple[str, ...], limit: int) -> str:
    """The matches of `languages` up to `limit` + 1, as a scalar subquery: band by band (`_by_band`) for words,
    as they are read for ranking; filters alone have no bands to walk."""
    if built.positive:
        matches = " UNION ALL ".join(_by_band("1", built, language, "tsv", limit + 1) for language in languages)
    else:
        matches = f"SELECT 1 FROM search_documents d WHERE {built.where(languages)} LIMIT {int(limit) + 1}"  # nosec B608 # fixed fragments and int()s; user words are bound parameters
    return f"(SELECT count(*) FROM ({matches}) c)"  # nosec B608 # fixed fragments


class _Totals:
    """A search's total, counted up to `limit` (a few pages past the one shown; the page says "more than …"
    beyond), from the matches its runs told (`known`, a language's exact number or one past the limit) and
    the ones counted after them."""

    def __init__(self, limit: int):
        self.limit = limit
        self.known: dict[str, int] = {}

    def bounded(self, counted: int) -> tuple[int, bool]:
        matches = counted + sum(self.known.values())
        return min(matches, self.limit), matches <= self.limit


class PostgresBackend:
    name = "postgres"

    def __init__(self, session_factory: Callable[[], Session], reading: ReadingPool, lock_wait: float = 2.0,
                 vocabulary_seconds: float = 300.0):
        """`session_factory`: sessions on the app's engine, for writing the index and reading its vocabulary;
        `reading`: the connections searches and suggestions read on."""
        self.session_factory, self.reading, self.lock_wait = session_factory, reading, lock_wait
        self.vocabulary_seconds = vocabulary_seconds
        self._vocabulary: tuple[float, dict[str, int], int] | None = None  # when read, word → titles, titles
        self._refreshing = threading.Lock()  # held while a thread reads the vocabulary again

    @contextmanager
    def batch(self, question_ids: list[int]) -> Iterator[_Batch]:
        with self.session_factory() as session:
            try:
                session.execute(text(f"SET LOCAL lock_timeout = '{int(self.lock_wait * 1000)}ms'"))
                for question_id in sorted(question_ids):  # in order: two batches cannot deadlock
                    session.execute(text("SELECT pg_advisory_xact_lock(:ns, :id)"),
                                    {"ns": LOCK_NAMESPACE, "id": question_id})
            except OperationalError as error:
                raise IndexBusy(str(error)) from error
            yield _Batch(session)
            session.commit()

    def _page(self, connection: Connection, built: _Query, sort: str, limit: int, offset: int,
              languages: Languages, totals: "_Totals") -> list[int]:
        return read_runs(languages, limit + offset,
                         lambda run, wanted: self._run(connection, built, sort, wanted, run, totals))[offset:]

    def _run(self, connection: Connection, built: _Query, sort: str, wanted: int, languages: tuple[str, ...],
             totals: "_Totals") -> list[int]:
        """The best `wanted` matches of one run (its languages in one order)."""
        if not built.positive:  # filters only (is:solved, tag:…): no text to rank or to match
            sql = (f"SELECT d.question_id FROM search_documents d WHERE {built.where(languages)} "  # nosec B608 # built from fixed fragments and int()s; user words are bound parameters
                   f"ORDER BY {ORDER[sort].replace('rank', 'd.boost')} LIMIT {int(wanted)}")
            return list(connection.scalars(text(sql), built.params))
        if sort == "relevance":
            return self._titles_first(connection, built, wanted, languages, totals)
        # Both statements: fixed fragments and int()s; user words are bound parameters.
        branches = [f"(SELECT d.question_id, d.created_at, d.score FROM search_documents d "  # nosec B608
                    f"WHERE {built.where_in(language)} ORDER BY {ORDER[sort]} LIMIT {int(wanted)})"
                    for language in languages]
        sql = (f"SELECT question_id FROM ({' UNION ALL '.join(branches)}) d "  # nosec B608
               f"ORDER BY {ORDER[sort].replace('d.', '')} LIMIT {int(wanted)}")
        return list(connection.scalars(text(sql), built.params))

    def _titles_first(self, connection: Connection, built: _Query, wanted: int, languages: tuple[str, ...],
                      totals: "_Totals") -> list[int]:
        """Questions with the words in their title first, then those with them anywhere else, as the FTS5
        backend ranks. A title is short and in the row, so ranking titles costs little; when they fill the
        page the whole texts are never ranked. One statement (`_titles_then_texts`)."""
        rows = connection.execute(text(_titles_then_texts(built, languages, wanted)), built.params).all()
        if built.titles_within_texts:
            totals.known.update(_known_totals(rows, languages, wanted, totals.limit))
        return [row[0] for row in rows]

    def _merged(self, connection: Connection, built: _Query, column: str, limit: int, candidates: int,
                extra: str = "", languages: tuple[str, ...] = tuple(CONFIGURATIONS)) -> list[int]:
        """The best `limit` matches of these languages in one order."""
        branches = " UNION ALL ".join(_ranked(built, language, column, limit, candidates, extra)
                                      for language in languages)
        sql = f"SELECT question_id FROM ({branches}) m ORDER BY rank DESC, question_id DESC LIMIT {int(limit)}"  # nosec B608 # fixed fragments and int()s; user words are bound parameters
        return list(connection.scalars(text(sql), built.params))

    def search(self, query: ParsedQuery, sort: str, page: int, per_page: int, match_all: bool = True,
               languages: Languages = None) -> Results:
        built = _Query(query, match_all)
        totals = _Totals(max(COUNT_LIMIT, (page + 5) * per_page))
        with self.reading.connect() as connection:
            ids = self._page(connection, built, sort if sort in ORDER else "relevance", per_page,
                             (page - 1) * per_page, languages, totals)
            read = tuple(chain.from_iterable(runs(languages)))
            counted, texts = self._totals_and_texts(connection, built, ids, read, totals)
            total, exact = totals.bounded(counted)
            return Results(ids, total, exact, highlights=highlight.for_texts(texts, query))

    def _totals_and_texts(self, connection: Connection, built: _Query, ids: list[int], languages: tuple[str, ...],
                          totals: "_Totals") -> tuple[int, list[tuple[int, str, str, list[str]]]]:
        """In one statement: the matches of the languages whose runs did not tell them, counted up to the
        limit + 1, band by band as candidates are read (a GIN index gives nothing before it has collected every
        match, so counting a common word at once cost as much as ranking it); and the results' texts, marked in
        Python as the FTS5 backend marks them (ts_headline parsed and stemmed every word of the twenty
        results' texts again, the slowest part of a search page). Returns the matches counted here (the known
        ones not included) and (question id, language, title, [body, accepted, answers]) of each result."""
        counts = [_count(built, languages, totals.limit)] if not built.positive else [
            _count(built, (language,), totals.limit) for language in languages if language not in totals.known]
        if not counts and not ids:
            return 0, []
        sql = (f"SELECT {''.join(f'{count}, ' for count in counts)}d.question_id, d.language, d.title, d.body, "  # nosec B608 # fixed fragments and int()s; user words are bound parameters
               "d.accepted, d.answers FROM (SELECT 1) one LEFT JOIN search_documents d ON d.question_id = ANY(:ids)")
        rows = connection.execute(text(sql), {**built.params, "ids": ids}).all()
        found = [(i, language, title, texts) for i, language, title, *texts in (row[len(counts):] for row in rows)
                 if i is not None]
        return sum(rows[0][:len(counts)]), found

    def suggest(self, text_: str, limit: int, exclude: int | None = None, faq_only: bool = False) -> list[int]:
        """Titles (with tag names) and a long title's rarest words: every word of a title OR'ed against the
        whole text matched half the table, ranked row by row (0.3 s at 10,000)."""
        words = self._telling(self._informative([w for word in parse(text_).words for w in _PLAIN.findall(word)]))
        if not words:
            return []
        built = _Query(ParsedQuery(), match_all=False)
        # Letters and digits only, so nothing in them is to_tsquery syntax; stop words drop out there.
        terms = built.bind((" & " if faq_only else " | ").join(words))
        built.positive = {lang: once(f"to_tsquery(CAST('{config}' AS regconfig), {terms})")
                          for lang, config in CONFIGURATIONS.items()}
        extra = f" AND d.question_id <> {int(exclude)}" if exclude is not None else ""
        # Titles only, kept in the row: no plan of these reads a whole text's tsvector, and the question
        # page's related questions stay one statement.
        with self.reading.connect() as connection:
            if faq_only:
                return self._faq_titles(connection, built, limit, extra)
            built.filters.append(f"d.flags LIKE {built.bind('% answered %')}")
            return self._merged(connection, built, "title_tsv", limit, SUGGEST_CANDIDATES, extra)

    def _faq_titles(self, connection: Connection, built: _Query, limit: int, extra: str) -> list[int]:
        """The FAQ's questions are few and have an index of their own titles (the literal condition is how
        PostgreSQL knows to use it), so all their matches are ranked."""
        # Fixed fragments and int()s; user words are bound parameters.
        branches = " UNION ALL ".join(
            f"(SELECT d.question_id, {RANK['title_tsv'].format(tsv='d.title_tsv', query=built.positive[language])}"  # nosec B608
            f" * d.boost AS rank FROM search_documents d"
            f" WHERE d.flags LIKE '% faq %' AND {built.where_in(language, 'title_tsv')}{extra})"
            for language in CONFIGURATIONS)
        sql = f"SELECT question_id FROM ({branches}) m ORDER BY rank DESC, question_id DESC LIMIT {int(limit)}"  # nosec B608 # fixed fragments and int()s; user words are bound parameters
        return list(connection.scalars(text(sql), built.params))

    def _informative(self, words: list[str]) -> list[str]:
        """The rarest words of a long title (`backend.informative_words`), by how many titles have them; a word
        that is a stop word in every language ("a", "the") matches nothing and takes no place."""
        counts = self._title_words()

        def titles_with(word: str) -> int:
            analysed = any(analysis.terms(word, language) for language in analysis.LANGUAGES)
            return counts.get(analysis.fold(word), 0) if analysed else 0

        return informative_words(list(dict.fromkeys(words)), titles_with)

    def _telling(self, words: list[str]) -> list[str]:
        """The words a title is looked up by: those about as rare as its rarest. ts_rank counts a title's matched
        words alike, however common, so a product's name shared by half the titles weighed as much as the rare
        words that say what a title is about, and its best-regarded titles came first ("La Duo perde acqua dalla
        lancia vapore" found the Duo's FAQ entries before the steam wand's thread); FTS5 and Whoosh weigh words
        by their rarity. A word whose rarity (log of titles over titles with it) is under RARITY_SHARE of the
        rarest's is left out: its titles are found only through the rarer words."""
        counts = self._title_words()
        titles = max(self._vocabulary[2] if self._vocabulary else 0, max(counts.values(), default=0))
        rarity = {word: math.log(titles / counts[folded]) for word in words
                  if counts.get(folded := analysis.fold(word), 0) > 0}
        if not rarity:
            return words
        floor = RARITY_SHARE * max(rarity.values())
        return [word for word in words if rarity.get(word, floor) >= floor]

    def corrections(self, words: list[str]) -> dict[str, str]:
        vocabulary, found = self._title_words(), {}
        for word in words:
            folded = analysis.fold(word)
            if len(folded) < 4 or not folded.isalpha() or folded in vocabulary:
                continue
            close = difflib.get_close_matches(folded, vocabulary, n=1, cutoff=0.8)
            if close:
                found[word] = close[0]
        return found

    def _title_words(self) -> dict[str, int]:
        """Folded title words and how many titles have each: the vocabulary "Did you mean" picks from, and what
        tells a title's rare words from its common ones. Read once per process; when older than
        `vocabulary_seconds`, still answered while one thread reads it again: reading it walks every title
        (about 6 s at 100,000 questions), which a search must not wait for every few minutes."""
        kept = self._vocabulary
        if kept is None:
            return self._read_title_words()
        if time.monotonic() - kept[0] >= self.vocabulary_seconds and self._refreshing.acquire(blocking=False):
            app = current_app._get_current_object()  # type: ignore[attr-defined]  # the proxy's, typed as the app
            threading.Thread(target=self._refresh_title_words, args=(app,), name="search-vocabulary",
                             daemon=True).start()
        return kept[1]

    def _refresh_title_words(self, app: Flask) -> None:
        """On its own thread, in an application context of its own (the sessions need the app's engine)."""
        try:
            with app.app_context():
                self._read_title_words()
        except Exception:  # the kept vocabulary stays; the next search past its age tries again
            log.exception("reading the search vocabulary again failed")
        finally:
            self._refreshing.release()

    def _read_title_words(self) -> dict[str, int]:
        vocabulary: dict[str, int] = {}
        titles = 0
        with self.session_factory() as session:
            # Each row also carries how many titles there are (counted once), which a word's rarity is read against.
            for word, documents, counted in session.execute(text(
                    "SELECT word, ndoc, (SELECT count(*) FROM search_documents) FROM ts_stat("
                    "'SELECT to_tsvector(''simple'', unaccent(title)) FROM search_documents')")):
                folded = analysis.fold(word)
                vocabulary[folded] = vocabulary.get(folded, 0) + documents
                titles = counted
        self._vocabulary = (time.monotonic(), vocabulary, titles)
        return vocabulary

    def rebuild(self, batches: Iterator[list[SearchDocument]], progress: Callable[[int], None]) -> int:
        """In one transaction: searches see the old rows until the new ones are all there."""
        count = 0
        with self.session_factory() as session:
            session.execute(text("DELETE FROM search_documents"))
            for documents in batches:
                if documents:
                    session.execute(UPSERT, [_row(d) for d in documents])
                count += len(documents)
                progress(len(documents))
            session.commit()
        self._vocabulary = None
        return count

    def stamps(self) -> dict[int, str]:
        with self.session_factory() as session:
            return dict(session.execute(text("SELECT question_id, stamp FROM search_documents")).all())

    def is_rebuilding(self) -> bool:
        return False  # the rebuild is one transaction: nothing to catch up afterwards
