"""The Whoosh backend (the `whoosh-reloaded` distribution): a directory index for one machine.

Each document fills the text fields of its own language (`title_it`, `text_it`) analysed with that
language's stop words and Snowball stemmer; a query is analysed once per language and each analysis
searches its own fields, so an Italian query meets Italian stems and an English one English stems.
All Whoosh code lives in this module.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from sqlalchemy.orm import Session
from whoosh import index, scoring
from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.index import Index, LockError
from whoosh.query import And, AndNot, Every, Or, Phrase, Query, Term
from whoosh.reading import IndexReader
from whoosh.searching import Results as Hits
from whoosh.searching import Searcher
from whoosh.support.charset import accent_map
from whoosh.writing import IndexWriter

from app import text_analysis as analysis
from app.search import generations, highlight
from app.search.backend import (
    IndexBusy,
    IndexOutdated,
    Languages,
    Results,
    informative_words,
    runs,
    titles_in_its_languages,
)
from app.search.documents import SearchDocument
from app.search.ranking import FIELD_WEIGHTS
from app.search.syntax import ParsedQuery, parse

# Two text fields a language, so each query word costs two posting lists rather than one per part of
# the document: the title (with the tag names), weighted as FIELD_WEIGHTS says, and the rest, where
# the accepted and official answers are written twice to weigh about what FIELD_WEIGHTS gives them.
FIELD_BOOSTS = {"title": FIELD_WEIGHTS["title"], "text": FIELD_WEIGHTS["body"]}
PARTS = tuple(FIELD_BOOSTS)
TOPIC_PARTS = ("title",)  # what suggestions and related questions match: what a question is about
COUNT_LIMIT = 100


def _analyzer(language: str) -> Analyzer:
    return (RegexTokenizer(r"\w+") | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(stoplist=analysis.stop_words(language), minsize=2)
            | StemFilter(lang=language, cachesize=100_000))


def schema() -> Schema:
    fields = {
        "id": ID(stored=True, unique=True),
        "stamp": STORED(),
        "tag": KEYWORD(),  # exact tag names, for tag:name
        "author": ID(),
        "flag": KEYWORD(),  # answered, solved, official, faq, closed …
        "language": ID(),  # the question's: what a search reads in one language filters on without words
        "created": NUMERIC(int, bits=64, sortable=True),
        "votes": NUMERIC(int, signed=True, sortable=True),
        # Unstemmed title words: the vocabulary for "Did you mean".
        "spell": TEXT(analyzer=RegexTokenizer(r"\w+") | LowercaseFilter() | CharsetFilter(accent_map),
                      phrase=False, spelling=True),
    }
    for language in analysis.LANGUAGES:
        analyzer = _analyzer(language)
        for part, weight in FIELD_BOOSTS.items():
            fields[f"{part}_{language}"] = TEXT(analyzer=analyzer, field_boost=weight)
    return Schema(**fields)


def _fields(document: SearchDocument) -> dict[str, object]:
    language = document.language if document.language in analysis.LANGUAGES else "en"
    fields = {"id": str(document.question_id), "stamp": document.stamp, "tag": " ".join(document.tags),
              "flag": " ".join(document.flags), "language": language, "created": int(document.created_at.timestamp()),
              "votes": document.score, "spell": f"{document.title} {' '.join(document.tags)}"}
    if document.author:
        fields["author"] = document.author
    # The quality factor as a document boost: it scales term weights before BM25's saturation, hence
    # squared. An index-time boost (unlike a final score hook) keeps Whoosh's block-skipping top-k search.
    fields["_boost"] = document.boost ** 2
    tag_words = " ".join(t.replace("-", " ") for t in document.tags)
    fields[f"title_{language}"] = analysis.with_compound_parts(f"{document.title} {tag_words}".strip())
    text = "\n".join(t for t in (document.body, document.accepted, document.accepted, document.answers) if t)
    if text:
        fields[f"text_{language}"] = analysis.with_compound_parts(text)
    return fields


def _word_clause(text: str, language: str, parts: tuple[str, ...] = PARTS) -> Query | None:
    """A word or phrase in any of its spellings, in any of the parts."""
    clauses: list[Query] = []
    for terms in (analysis.terms(spelling, language) for spelling in analysis.spellings(text)):
        if len(terms) == 1:
            clauses += [Term(f"{part}_{language}", terms[0]) for part in parts]
        elif terms:
            clauses += [Phrase(f"{part}_{language}", terms) for part in parts]
    return Or(clauses) if clauses else None


def _text_query(texts: list[str], match_all: bool, parts: tuple[str, ...] = PARTS,
                languages: tuple[str, ...] = analysis.LANGUAGES) -> Query | None:
    """Each language's analysis of the words, searched in that language's fields."""
    per_language = []
    for language in languages:
        clauses = [c for c in (_word_clause(t, language, parts) for t in texts) if c is not None]
        if clauses:
            per_language.append(And(clauses) if match_all else Or(clauses))
    return Or(per_language) if per_language else None


def to_whoosh(query: ParsedQuery, match_all: bool = True,
              languages: tuple[str, ...] = analysis.LANGUAGES) -> Query | None:
    """The parsed search box as a Whoosh query on questions in `languages`; None when nothing can match."""
    filters = ([Term("tag", t) for t in query.tags] + [Term("author", u) for u in query.users]
               + [Term("flag", f) for f in query.flags])
    if query.has_text:  # a language's words are only in its own questions' fields
        text = _text_query([*query.words, *query.phrases], match_all, languages=languages)
    elif set(languages) >= set(analysis.LANGUAGES):
        text = Every()
    else:
        text = Or([Term("language", language) for language in languages])
    if text is None:
        return None
    result = And([text, *filters]) if filters else text
    excluded = _text_query(query.excluded, match_all=False) if query.excluded else None
    return AndNot(result, excluded) if excluded is not None else result


def _informative(reader: IndexReader, words: list[str]) -> list[str]:
    """The rarest words of a long title (`backend.informative_words`)."""
    return informative_words(words, lambda word: titles_in_its_languages(
        word, lambda language, term: reader.doc_frequency(f"title_{language}", term)))


def _known(reader: IndexReader, word: str) -> bool:
    """Whether the index has the word anywhere (a word only in answers is no typo)."""
    return bool(reader.frequency("spell", word)) or any(
        reader.doc_frequency(f"{part}_{language}", term) for language in analysis.LANGUAGES
        for term in analysis.terms(word, language) for part in PARTS)


def _bounded_total(results: Hits, page: int, per_page: int) -> tuple[int, bool]:
    """The number of matches, counted only a few pages past this one: the top-k search skips blocks it
    need not score, so an exact count of a common word would cost a second pass over every match."""
    if results.has_exact_length():
        return len(results), True
    limit = max(COUNT_LIMIT, (page + 5) * per_page)
    counted = sum(1 for _ in islice(results.collector.all_ids(), limit + 1))
    return min(counted, limit), counted <= limit


class _Batch:
    def __init__(self, writer: IndexWriter) -> None:
        self.writer = writer

    def put(self, document: SearchDocument) -> None:
        self.writer.update_document(**_fields(document))

    def remove(self, question_id: int) -> None:
        self.writer.delete_by_term("id", str(question_id))


class WhooshBackend:
    """Segments are written as separate files (compound=False): Whoosh then maps them into memory, where
    a compound segment is copied into memory by every new searcher (≈ 20 ms at 10,000 questions, on
    every search after a write, against ≈ 1 ms)."""

    name = "whoosh"

    def __init__(self, base: Path, session_factory: Callable[[], Session], lock_wait: float = 2.0,
                 rebuild_procs: int = 1, rebuild_memory_mb: int = 256):
        self.base, self.session_factory = Path(base), session_factory
        self.lock_wait, self.rebuild_procs, self.rebuild_memory_mb = lock_wait, rebuild_procs, rebuild_memory_mb
        self._write_lock = threading.Lock()  # threads of one process take turns before the file lock
        self._local = threading.local()  # one searcher per thread, reopened when the index changes

    def _index(self) -> Index:
        path = generations.ensure_current(self.base, lambda p: index.create_in(p, schema()))
        return index.open_dir(str(path))

    def searcher(self) -> Searcher:
        local, version = self._local, generations.pointer_version(self.base)
        searcher = getattr(local, "searcher", None)
        if searcher is not None and local.version == version and searcher.up_to_date():
            return searcher
        if searcher is not None:
            searcher.close()
        # A fresh searcher rather than refresh(): refreshing one opened on an empty index fails in Whoosh.
        local.searcher = self._index().searcher(weighting=scoring.BM25F())
        local.version = version
        return local.searcher

    @contextmanager
    def batch(self, question_ids: list[int]) -> Iterator[_Batch]:
        with self._write_lock:
            try:
                writer = self._index().writer(timeout=self.lock_wait, delay=0.05, compound=False)
            except LockError as error:
                raise IndexBusy(str(error)) from error
            try:
                yield _Batch(writer)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def search(self, query: ParsedQuery, sort: str, page: int, per_page: int, match_all: bool = True,
               languages: Languages = None) -> Results:
        order = {"newest": {"sortedby": "created", "reverse": True},
                 "votes": {"sortedby": ["votes", "created"], "reverse": True}}.get(sort, {})
        searcher, wanted = self.searcher(), page * per_page
        if not query.has_text and languages is not None and "language" not in searcher.schema:
            raise IndexOutdated("the search index has no languages: run `flask search reindex`")
        found: list[int] = []
        total, exact = 0, True
        for run in runs(languages):  # each run is searched, for its count, once the page is full too
            whoosh_query = to_whoosh(query, match_all, run)
            if whoosh_query is None:
                continue
            results = searcher.search(whoosh_query, limit=max(wanted - len(found), 1), **order)
            found += [int(hit["id"]) for hit in results[:max(wanted - len(found), 0)]]
            counted, whole = _bounded_total(results, page, per_page)
            total, exact = total + counted, exact and whole
        limit = max(COUNT_LIMIT, (page + 5) * per_page)
        ids = found[(page - 1) * per_page:wanted]
        with self.session_factory() as session:
            highlights = highlight.for_documents(session, ids, query)
        return Results(ids, min(total, limit), exact and total <= limit, highlights)

    def suggest(self, text: str, limit: int, exclude: int | None = None, faq_only: bool = False) -> list[int]:
        searcher = self.searcher()
        words = _informative(searcher.reader(), parse(text).words)
        query = _text_query(words, match_all=faq_only, parts=TOPIC_PARTS) if words else None
        if query is None:
            return []
        query = And([query, Term("flag", "faq" if faq_only else "answered")])
        if exclude is not None:
            query = AndNot(query, Term("id", str(exclude)))
        return [int(hit["id"]) for hit in searcher.search(query, limit=limit)]

    def corrections(self, words: list[str]) -> dict[str, str]:
        searcher = self.searcher()
        reader, corrector, found = searcher.reader(), searcher.corrector("spell"), {}
        for word in words:
            folded = analysis.fold(word)
            if len(folded) < 4 or not folded.isalpha() or _known(reader, folded):
                continue
            suggestions = corrector.suggest(folded, limit=1, maxdist=1 if len(folded) < 7 else 2)
            if suggestions:
                found[word] = suggestions[0]
        return found

    def rebuild(self, batches: Iterator[list[SearchDocument]], progress: Callable[[int], None]) -> int:
        with generations.rebuild_marker(self.base):
            path = generations.new_generation(self.base)
            # Several processes analyse in parallel; their segments are kept as they are (no final merge).
            options = {"procs": self.rebuild_procs, "multisegment": True} if self.rebuild_procs > 1 else {}
            writer = index.create_in(str(path), schema()).writer(limitmb=self.rebuild_memory_mb, compound=False,
                                                                 **options)
            count = 0
            try:
                for documents in batches:
                    for document in documents:
                        writer.add_document(**_fields(document))
                    count += len(documents)
                    progress(len(documents))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            generations.swap(self.base, path)
        return count

    def stamps(self) -> dict[int, str]:
        return {int(fields["id"]): fields["stamp"] for fields in self.searcher().reader().all_stored_fields()}

    def is_rebuilding(self) -> bool:
        return generations.rebuilding(self.base)
