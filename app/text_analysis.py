"""Text analysis shared by search, the assistant and language detection: accent and case folding,
per-language stop words and Snowball stemming, so a query and a document in the same language always meet on
the same terms."""

import re
from functools import cache, lru_cache

from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

LANGUAGES = ("en", "it")
WORD = re.compile(r"\w+", re.UNICODE)
# Two words joined by a hyphen ("wi-fi", "e-mail", "E-04"), one of them with a letter: people write them
# joined as often ("wifi", "email", "E04"). Longer chains ("state-of-the-art") stay separate words.
COMPOUND = re.compile(r"(?<![\w‐‑-])(\w+)[‐‑-](\w+)(?![\w‐‑-])", re.UNICODE)


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


def _joined(match: re.Match) -> str:
    first, second = match.groups()
    return first + second if not (first + second).isdigit() else match.group()


def join_compounds(text: str) -> str:
    """Hyphenated pairs written as one word."""
    return COMPOUND.sub(_joined, text) if "-" in text or "‐" in text or "‑" in text else text


def spellings(text: str) -> list[str]:
    """A query word's or phrase's spellings, any of which may match: itself, and with its hyphenated pairs
    joined ("wi-fi" asks for "wifi" too, so "wifi" in a post is found) and spaced ("wi fi")."""
    joined = join_compounds(text)
    return [text] if joined is text or joined == text else [joined, COMPOUND.sub(r"\1 \2", text)]


def with_compound_parts(text: str) -> str:
    """What a document is indexed as: hyphenated pairs joined in place (so "wifi" and "wi-fi router" as a
    phrase find them), and their parts added after the text (so "fi" alone still does)."""
    joined = join_compounds(text)
    if joined is text:
        return text
    parts = [f"{m.group(1)} {m.group(2)}" for m in COMPOUND.finditer(text) if _joined(m) != m.group()]
    return joined + "\n" + " ".join(parts)


def words(text: str) -> list[str]:
    """Folded words of a text, in order."""
    return WORD.findall(fold(text))


def terms(text: str, language: str) -> list[str]:
    """Index terms of a text in one language: folded words, stop words and single letters out, stemmed."""
    stops, stem = stop_words(language), stemmer(language)
    return [stem(w) for w in words(text) if w not in stops and (len(w) > 1 or w.isdigit())]
