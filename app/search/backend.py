"""What every search backend offers. Views, the indexing hook and the commands talk to this only, so a
backend can be added or swapped (`SEARCH_BACKEND`) without touching them."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from app import text_analysis as analysis
from app.search.documents import SearchDocument
from app.search.syntax import ParsedQuery
from app.text_analysis import LANGUAGES

Row = TypeVar("Row")
# The languages a search reads, as runs in order: ("it", "en") is every Italian match, then every English one;
# ("it",) Italian only; None every language in one order.
Languages = tuple[str, ...] | None


class IndexBusy(Exception):
    """Another writer held the index past the bounded wait: the change stays marked as pending."""


class IndexOutdated(Exception):
    """The index was written in an older layout: `flask search reindex` replaces it (changes meanwhile
    stay marked as pending, searches show the index as unavailable)."""


@dataclass
class Results:
    ids: list[int]  # question ids of this page, best first
    total: int
    exact: bool = True  # False: there are more than `total` matches (counting stopped there)
    # question id → (title, snippet) with matches between the highlight.START and highlight.END marks
    highlights: dict[int, tuple[str, str]] = field(default_factory=dict)


class Batch(Protocol):
    def put(self, document: SearchDocument) -> None: ...
    def remove(self, question_id: int) -> None: ...


class Backend(Protocol):
    name: str

    def batch(self, question_ids: list[int]) -> AbstractContextManager[Batch]:
        """Exclusive writing for these questions; on leaving without error everything is visible to
        searches at once. Raises IndexBusy if the index stays locked past the configured wait."""

    def search(self, query: ParsedQuery, sort: str, page: int, per_page: int, match_all: bool = True,
               languages: Languages = None) -> Results:
        """One page of matching questions, with highlights, read in `languages`."""

    def suggest(self, text: str, limit: int, exclude: int | None = None, faq_only: bool = False) -> list[int]:
        """Answered questions close to a title being typed (any of its words may match); with `faq_only`,
        questions in the FAQ whose title has every one of them (`informative_words`)."""

    def corrections(self, words: list[str]) -> dict[str, str]:
        """Spelling corrections for words the index does not know."""

    def rebuild(self, batches: Iterator[list[SearchDocument]], progress: Callable[[int], None]) -> int:
        """Replace the whole index with these documents; returns how many were written."""

    def stamps(self) -> dict[int, str]:
        """Question id → document stamp, for every document in the index."""

    def is_rebuilding(self) -> bool:
        """True while a rebuild runs: writers then keep their pending marks for its catch-up."""


# Suggestions match at most this many words of a long title: its rarest, the ones that say what it is about.
INFORMATIVE_WORDS = 6


def informative_words(words: list[str], titles_with: Callable[[str], int], keep: int = INFORMATIVE_WORDS) -> list[str]:
    """The rarest `keep` words of a long title, by `titles_with(word)`: how many titles of the index have the word,
    in whichever language's titles have it. A word no title has cannot match one and is left out; a word that
    only one language's titles have counts as rare as it is there (taking the least over the languages made
    every word of an Italian title that no English title shares count as absent, and left the title's one word
    both languages use, such as a product's name)."""
    if len(words) <= keep:
        return words
    counted = [(titles_with(word), word) for word in words]
    rare = [word for count, word in sorted((c for c in counted if c[0] > 0), key=lambda c: c[0])[:keep]]
    return rare or words[:keep]


def titles_in_its_languages(word: str, titles_with_term: Callable[[str, str], int]) -> int:
    """How many titles have the word, for a backend that counts titles per language and analysed term
    (`titles_with_term(language, term)`): in each language, the titles with every term the word gives there."""
    return sum(min((titles_with_term(language, term) for term in analysis.terms(word, language)), default=0)
               for language in analysis.LANGUAGES)


def by_id(ids: Iterable[int]) -> list[int]:
    return sorted(set(ids))


def runs(languages: Languages) -> list[tuple[str, ...]]:
    """The languages of each run: one run of every language, or one run per language in the order given."""
    if languages is None:
        return [LANGUAGES]
    return [(language,) for language in dict.fromkeys(languages) if language in LANGUAGES]


def read_runs(languages: Languages, wanted: int, read: Callable[[tuple[str, ...], int], list[Row]]) -> list[Row]:
    """The first `wanted` rows of the runs one after the other: `read(run, n)` gives a run's best n rows, so a
    run that gives fewer is complete and the next continues the list; once the page is full, the later runs
    are never read."""
    rows: list[Row] = []
    for run in runs(languages):
        if len(rows) >= wanted:
            break
        rows += read(run, wanted - len(rows))
    return rows
