"""Text analysis shared by the search code: accent and case folding, per-language stop words and
Snowball stemming, so a query and a document in the same language always meet on the same terms."""

import re
from functools import cache, lru_cache

from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

LANGUAGES = ("en", "it")
WORD = re.compile(r"\w+", re.UNICODE)


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match) -> str:
    return match.group().translate(accent_map)


def fold(text: str) -> str:
    """Lower case without accents: "Perché" → "perche" (the same table the Whoosh analyzers use).
    The table maps every lower-case ASCII letter to itself, so only the runs of other characters go
    through it: translating a whole answer character by character was most of the highlighting time."""
    lowered = text.lower()
    return lowered if lowered.isascii() else _NOT_ASCII.sub(_fold_run, lowered)


@cache
def stop_words(language: str) -> frozenset[str]:
    """The language's stop words, folded, since they are matched after folding."""
    return frozenset(fold(word) for word in stopwords_for_language(language))


@cache
def stemmer(language: str):
    """Snowball stemmer for the language, cached: the same few thousand words come back all the time."""
    return lru_cache(maxsize=100_000)(stemmer_for_language(language))


def words(text: str) -> list[str]:
    """Folded words of a text, in order."""
    return WORD.findall(fold(text))


def terms(text: str, language: str) -> list[str]:
    """Index terms of a text in one language: folded words, stop words and single letters out, stemmed."""
    stops, stem = stop_words(language), stemmer(language)
    return [stem(w) for w in words(text) if w not in stops and (len(w) > 1 or w.isdigit())]
