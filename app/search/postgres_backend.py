"""The PostgreSQL backend: the index is the `search_documents` table, so every app server shares it.

Each row's `tsv` is built with its language's configuration (`sportello_italian` / `sportello_english`:
the stock Snowball configurations with unaccent in front); a query is parsed with both and each
parse is matched against rows of its language, as the Whoosh backend does with its per-language
fields. Ranking is ts_rank_cd times the same quality factor; snippets come from ts_headline.
"""

import difflib
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.search import analysis, highlight
from app.search.backend import IndexBusy, Results
from app.search.documents import SearchDocument
from app.search.ranking import FIELD_WEIGHTS
from app.search.syntax import ParsedQuery

CONFIGURATIONS = {"en": "sportello_english", "it": "sportello_italian"}
_PLAIN = re.compile(r"[^\W_]+")
INFORMATIVE_WORDS = 6  # suggestions match the rarest words of a long title, as the FTS5 backend does
LOCK_NAMESPACE = 7403  # first key of the advisory locks that serialise writes to one question's row
# ts_rank_cd weights for D, C, B, A: answers, question body, accepted answer + tags, title.
WEIGHTS = "{" + ",".join(f"{FIELD_WEIGHTS[p] / FIELD_WEIGHTS['title']:.3f}"
                         for p in ("answers", "body", "accepted", "title")) + "}"
HEADLINE = f"StartSel={highlight.START}, StopSel={highlight.END}, HighlightAll=true"
SNIPPET = f"StartSel={highlight.START}, StopSel={highlight.END}, MaxWords=35, MinWords=15, MaxFragments=2"

UPSERT = text("""
INSERT INTO search_documents (question_id, language, title, body, answers, accepted, tags, author, flags,
                              score, answer_count, boost, created_at, stamp, tsv)
VALUES (:question_id, :language, :title, :body, :answers, :accepted, :tags, :author, :flags, :score,
        :answer_count, :boost, :created_at, :stamp,
        setweight(to_tsvector(CAST(:config AS regconfig), :title_terms), 'A')
        || setweight(to_tsvector(CAST(:config AS regconfig), :accepted_terms || ' ' || :tag_words), 'B')
        || setweight(to_tsvector(CAST(:config AS regconfig), :body_terms), 'C')
        || setweight(to_tsvector(CAST(:config AS regconfig), :answers_terms), 'D'))
ON CONFLICT (question_id) DO UPDATE SET
    language = EXCLUDED.language, title = EXCLUDED.title, body = EXCLUDED.body, answers = EXCLUDED.answers,
    accepted = EXCLUDED.accepted, tags = EXCLUDED.tags, author = EXCLUDED.author, flags = EXCLUDED.flags,
    score = EXCLUDED.score, answer_count = EXCLUDED.answer_count, boost = EXCLUDED.boost,
    created_at = EXCLUDED.created_at, stamp = EXCLUDED.stamp, tsv = EXCLUDED.tsv
""")


def _row(document: SearchDocument) -> dict:
    language = document.language if document.language in CONFIGURATIONS else "en"
    clean = highlight.clean  # no stray highlight marks in stored text
    return {"question_id": document.question_id, "language": language, "config": CONFIGURATIONS[language],
            "title": clean(document.title), "body": clean(document.body), "answers": clean(document.answers),
            "accepted": clean(document.accepted), "tags": f" {' '.join(document.tags)} ",
            "tag_words": " ".join(t.replace("-", " ") for t in document.tags), "author": document.author,
            "flags": f" {' '.join(document.flags)} ", "score": document.score,
            "answer_count": document.answer_count, "boost": document.boost,
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


class _Query:
    """Builds the WHERE clause, rank and tsquery expressions of one search, with its bound values."""

    def __init__(self, query: ParsedQuery, match_all: bool):
        self.params: dict = {}
        texts = [*query.words, *query.phrases]
        self.positive = {lang: self._tsquery(lang, query.words, query.phrases, " && " if match_all else " || ")
                         for lang in CONFIGURATIONS} if texts else None
        self.excluded = {lang: self._tsquery(lang, query.excluded, [], " || ") for lang in CONFIGURATIONS} \
            if query.excluded else None
        self.filters = self._filters(query)

    def _bind(self, value) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def _tsquery(self, language: str, words: list[str], phrases: list[str], joiner: str) -> str:
        config = f"CAST('{CONFIGURATIONS[language]}' AS regconfig)"
        parts = [self._spellings(f"plainto_tsquery({config}, {{}})", w) for w in words]
        parts += [self._spellings(f"phraseto_tsquery({config}, {{}})", p) for p in phrases]
        return "(" + joiner.join(parts) + ")"

    def _spellings(self, function: str, text: str) -> str:
        """Any of the text's spellings ("wi-fi": "wifi" or "wi fi")."""
        return "(" + " || ".join(function.format(self._bind(s)) for s in analysis.spellings(text)) + ")"

    def by_language(self, queries: dict[str, str]) -> str:
        return f"(CASE WHEN d.language = 'it' THEN {queries['it']} ELSE {queries['en']} END)"

    def _filters(self, query: ParsedQuery) -> list[str]:
        filters = [f"d.tags LIKE {self._bind(f'% {t} %')}" for t in query.tags]
        filters += [f"d.author = {self._bind(u)}" for u in query.users]
        filters += [f"d.flags LIKE {self._bind(f'% {f} %')}" for f in query.flags]
        return filters

    def where(self) -> str:
        clauses = list(self.filters)
        if self.positive:
            either = " OR ".join(f"(d.language {'=' if lang == 'it' else '<>'} 'it' AND d.tsv @@ {q})"
                                 for lang, q in self.positive.items())
            clauses.append(f"({either})")
        if self.excluded:
            clauses.append(f"NOT coalesce(d.tsv @@ {self.by_language(self.excluded)}, false)")
        return " AND ".join(clauses) or "TRUE"

    def rank(self) -> str:
        if not self.positive:
            return "d.boost"
        return f"ts_rank_cd('{WEIGHTS}'::float4[], d.tsv, {self.by_language(self.positive)}) * d.boost"

    def where_in(self, language: str) -> str:
        """The documents of one language that match its parse of the words. Matching each language on its
        own lets PostgreSQL take the index's matches as they are: the two languages' conditions OR'ed
        together made it test every match's tsvector again (read from TOAST), 130 ms for a common word."""
        clauses = [*self.filters, f"d.language {'=' if language == 'it' else '<>'} 'it'",
                   f"d.tsv @@ {self.positive[language]}"]
        if self.excluded:
            clauses.append(f"NOT coalesce(d.tsv @@ {self.excluded[language]}, false)")
        return " AND ".join(clauses)

    def rank_in(self, language: str) -> str:
        return f"ts_rank_cd('{WEIGHTS}'::float4[], d.tsv, {self.positive[language]}) * d.boost"


ORDER = {"relevance": "rank DESC, d.question_id DESC", "newest": "d.created_at DESC, d.question_id DESC",
         "votes": "d.score DESC, d.created_at DESC"}
# As the FTS5 backend: a common word matches tens of thousands of documents, and ts_rank_cd reads each
# one's whole tsvector; only the matches with the highest quality factor, which the rank multiplies,
# compete (per language; a deep page takes as many as it needs). Totals are counted a few pages past
# the one shown, and the page says "more than …" beyond.
RANK_CANDIDATES = 1000
COUNT_LIMIT = 100


class PostgresBackend:
    name = "postgres"

    def __init__(self, session_factory: Callable[[], Session], lock_wait: float = 2.0,
                 vocabulary_seconds: float = 300.0):
        self.session_factory, self.lock_wait = session_factory, lock_wait
        self.vocabulary_seconds = vocabulary_seconds
        self._vocabulary: tuple[float, dict[str, int]] | None = None

    @contextmanager
    def batch(self, question_ids: list[int]):
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

    def _page(self, session: Session, built: _Query, sort: str, limit: int, offset: int) -> list[int]:
        if not built.positive:  # filters only (is:solved, tag:…): no text to rank or to match
            sql = (f"SELECT d.question_id, {built.rank()} AS rank FROM search_documents d "  # nosec B608 # built from fixed fragments and int()s; user words are bound parameters
                   f"WHERE {built.where()} ORDER BY {ORDER[sort]} LIMIT {limit} OFFSET {offset}")
            return list(session.scalars(text(sql), built.params))
        wanted, branches = limit + offset, []
        for language in CONFIGURATIONS:
            where = built.where_in(language)
            if sort == "relevance":
                candidates = (f"SELECT d.question_id, d.tsv, d.boost FROM search_documents d WHERE {where} "  # nosec B608 # fixed fragments and int()s; user words are bound parameters
                              f"ORDER BY d.boost DESC, d.question_id DESC LIMIT {max(RANK_CANDIDATES, wanted)}")
                branches.append(f"(SELECT d.question_id, {built.rank_in(language)} AS rank, NULL AS created_at, "  # nosec B608 # fixed fragments and int()s; user words are bound parameters
                                f"NULL AS score FROM ({candidates}) d ORDER BY {ORDER[sort]} LIMIT {wanted})")
            else:
                branches.append(f"(SELECT d.question_id, NULL AS rank, d.created_at, d.score FROM search_documents d "  # nosec B608 # fixed fragments and int()s; user words are bound parameters
                                f"WHERE {where} ORDER BY {ORDER[sort]} LIMIT {wanted})")
        merged = ORDER[sort].replace("d.", "")
        sql = (f"SELECT question_id FROM ({' UNION ALL '.join(branches)}) d "  # nosec B608 # built from fixed fragments and int()s; user words are bound parameters
               f"ORDER BY {merged} LIMIT {limit} OFFSET {offset}")
        return list(session.scalars(text(sql), built.params))

    def search(self, query: ParsedQuery, sort: str, page: int, per_page: int, match_all: bool = True) -> Results:
        built = _Query(query, match_all)
        with self.session_factory() as session:
            ids = self._page(session, built, sort if sort in ORDER else "relevance", per_page, (page - 1) * per_page)
            total, exact = self._bounded_total(session, built, max(COUNT_LIMIT, (page + 5) * per_page))
            return Results(ids, total, exact, highlights=self._highlights(session, built, ids))

    def _bounded_total(self, session: Session, built: _Query, limit: int) -> tuple[int, bool]:
        wheres = [built.where_in(language) for language in CONFIGURATIONS] if built.positive else [built.where()]
        counts = ", ".join(f"(SELECT count(*) FROM (SELECT 1 FROM search_documents d WHERE {where} "  # nosec B608 # fixed fragments and int()s; user words are bound parameters
                           f"LIMIT {limit + 1}) c)" for where in wheres)
        counted = sum(session.execute(text(f"SELECT {counts}"), built.params).one())  # nosec B608 # built from fixed fragments and int()s; user words are bound parameters
        return min(counted, limit), counted <= limit

    def _highlights(self, session: Session, built: _Query, ids: list[int]) -> dict[int, tuple[str, str]]:
        if not ids:
            return {}
        config = "CAST(CASE WHEN d.language = 'it' THEN 'sportello_italian' ELSE 'sportello_english' END AS regconfig)"
        tsquery = built.by_language(built.positive) if built.positive else "''::tsquery"
        parts = ", ".join(f"ts_headline({config}, d.{column}, {tsquery}, :snippet)"
                          for column in ("body", "accepted", "answers"))
        sql = (f"SELECT d.question_id, ts_headline({config}, d.title, {tsquery}, :headline), {parts} "  # nosec B608 # built from fixed fragments and int()s; user words are bound parameters
               f"FROM search_documents d WHERE d.question_id = ANY(:ids)")
        found = {}
        params = {**built.params, "ids": ids, "headline": HEADLINE, "snippet": SNIPPET}
        for question_id, title, *snippets in session.execute(text(sql), params):
            best = max(snippets, key=lambda s: (s or "").count(highlight.START)) or ""
            found[question_id] = (title, best)
        return found

    def suggest(self, text_: str, limit: int, exclude: int | None = None, faq_only: bool = False) -> list[int]:
        """Titles only (`:A`, the title's weight) and a long title's rarest words: every word of a title
        OR'ed against the whole text matched half the table, ranked row by row (0.3 s at 10,000)."""
        from app.search.syntax import parse

        words = self._informative([w for word in parse(text_).words for w in _PLAIN.findall(word)])
        if not words:
            return []
        built = _Query(ParsedQuery(flags=["faq" if faq_only else "answered"]), match_all=False)
        # Letters and digits only, so nothing in them is to_tsquery syntax; stop words drop out there.
        titles = {lang: f"to_tsquery(CAST('{config}' AS regconfig), {built._bind(' | '.join(f'{w}:A' for w in words))})"
                  for lang, config in CONFIGURATIONS.items()}
        built.positive = titles
        where = built.where() + (f" AND d.question_id <> {int(exclude)}" if exclude is not None else "")
        sql = f"SELECT d.question_id FROM search_documents d WHERE {where} ORDER BY {built.rank()} DESC LIMIT {int(limit)}"  # nosec B608 # built from fixed fragments and int()s; user words are bound parameters
        with self.session_factory() as session:
            return list(session.scalars(text(sql), built.params))

    def _informative(self, words: list[str]) -> list[str]:
        """The rarest words of a long title (the ones that say what it is about), by how many titles have
        them; words no title has cannot match a title and are left out."""
        if len(words) <= INFORMATIVE_WORDS:
            return words
        counts = self._title_words()
        found = sorted({(counts[folded], folded) for folded in map(analysis.fold, words) if folded in counts})
        return [word for _, word in found[:INFORMATIVE_WORDS]] or words[:INFORMATIVE_WORDS]

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
        """Folded title words and how many titles have each, cached for a while: the vocabulary "Did you
        mean" picks from, and what tells a title's rare words from its common ones."""
        if self._vocabulary and time.monotonic() - self._vocabulary[0] < self.vocabulary_seconds:
            return self._vocabulary[1]
        vocabulary: dict[str, int] = {}
        with self.session_factory() as session:
            for word, documents in session.execute(text(
                    "SELECT word, ndoc FROM ts_stat('SELECT to_tsvector(''simple'', unaccent(title)) FROM search_documents')")):
                folded = analysis.fold(word)
                vocabulary[folded] = vocabulary.get(folded, 0) + documents
        self._vocabulary = (time.monotonic(), vocabulary)
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
