"""Finding listed phrases in what customers write: words compared folded, a cheap inflection of a phrase's last
word, and whether a negation comes just before a phrase. Shared by the unhappy-customer rules
(app/moderation/unhappiness.py) and the still-unsolved check (app/heuristics.py).

Choices worth knowing (tests/unit/test_heuristics.py and tests/unit/moderation/test_unhappiness.py pin each of them):
- Words are compared folded: lower case, accents removed ("perche" = "perché"), apostrophes dropped inside a
  word ("doesnt" = "doesn't"). Matching is on whole words, so "broken" does not match inside "unbroken".
- Inflection is cheap and only on the last word of a phrase: English adds -s/-es ("refunds") or turns -y into
  -ies ("replies"); Italian swaps the final vowel ("rotto" → rotta/rotti/rotte, "rimborso" → rimborsi). Other
  forms must be listed.
- Negation: a phrase is negated when a negator appears among the few words before it (3 unless the caller asks
  for more), in the same clause. A clause ends at . ! ? ; : , … a line break, or a contrasting word (but,
  however, ma, però…), so "It's not new, it's broken" still counts "broken". One-letter words ("è", the "l" of
  "l'ho", the "s" of "it's") do not use up the window, nor do opinion verbs ("non credo sia una truffa"). An
  intensifier between the negator and the phrase cancels the negation: "I have never been so disappointed",
  "mai stato così deluso".
- Phrases that carry their own negation ("not working", "non funziona", "never again", "mai più") are never
  negated again, so double negatives such as "non è che non funziona" count as the phrase.
- "né" negates only when written with its accent: plain "ne" is a very common Italian pronoun. "nn" is how
  many Italians type "non" on a phone.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import NamedTuple

NEGATORS: dict[str, tuple[str, ...]] = {
    "en": ("not", "no", "never", "isn't", "wasn't", "aren't", "weren't", "don't", "doesn't", "didn't",
           "hasn't", "haven't", "won't", "can't", "cannot", "couldn't", "wouldn't", "shouldn't",
           "hardly", "without", "nothing", "nobody", "neither", "nor"),
    "it": ("non", "nn", "no", "nessun", "nessuno", "nessuna", "mai", "senza", "niente", "nulla", "neanche",
           "nemmeno", "neppure"),
}
ACCENTED_NEGATORS = ("né",)  # only with the accent: "ne" is a pronoun (me ne hanno mandata una rotta)

# Between a negator and a phrase these turn "never ... disappointed" into emphasis, not negation.
INTENSIFIERS = ("so", "such", "this", "così", "tanto", "talmente")
# Opinion verbs do not use up the window: "non credo sia una truffa", "I wouldn't call it terrible".
OPINION_VERBS = ("think", "believe", "say", "call", "credo", "penso", "direi")
# A contrast or a conjunction starts a new clause: "not new but broken" does not negate "broken", nor "non
# corrispondeva alle foto ed è arrivato" "arrivato".
CLAUSE_BREAKERS = ("but", "however", "although", "though", "ma", "però", "tuttavia", "eppure", "anzi")
# Compared as written: folded, "è" (is) would be "e" (and).
CONJUNCTIONS = ("and", "e", "ed")

NEGATION_WINDOW = 3  # words (of two or more letters) looked at before a phrase

# A word, keeping English "n't" contractions whole ("doesn't") but splitting Italian elisions ("l'avvocato"),
# or a clause boundary.
_TOKEN = re.compile(r"(?P<word>[^\W_]+n['’]t\b|[^\W_]+)|(?P<stop>[.!?;:,…\n])")


@lru_cache(maxsize=8192)  # a text repeats its words, and every post is read word by word
def fold(word: str) -> str:
    """Lower case, no accents, no apostrophes: "Perché" → "perche", "doesn’t" → "doesnt"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "'’")


class Token(NamedTuple):
    word: str | None  # folded; None for a clause boundary
    text: str  # as written, lower-cased: a boundary's punctuation mark
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The words and clause boundaries of an NFC-normalised text (so that "é" is one character for the word
    pattern whichever way it was typed)."""
    return [Token(fold(m.group()) if m["word"] else None, m.group().lower(), m.start(), m.end())
            for m in _TOKEN.finditer(text)]


def folded_words(phrase: str) -> tuple[str, ...]:
    return tuple(t.word for t in tokens(phrase) if t.word)


_NEGATORS = frozenset(fold(w) for words in NEGATORS.values() for w in words)
_INTENSIFIERS = frozenset(fold(w) for w in INTENSIFIERS)
_CLAUSE_BREAKERS = frozenset(fold(w) for w in CLAUSE_BREAKERS)
_OPINION_VERBS = frozenset(fold(w) for w in OPINION_VERBS)


def _inflections(word: str, language: str) -> set[str]:
    """Cheap inflection of a folded word: English plurals, Italian final-vowel swaps (gender and number)."""
    if language == "en":
        if len(word) > 2 and word[-1] == "y" and word[-2] not in "aeiou":  # reply → replies
            return {word, word[:-1] + "ies"}
        return {word, word + "s", word + "es"}
    if len(word) >= 4 and word[-1] in "aeio":  # short words ("non", "va", "più") stay as they are
        return {word[:-1] + vowel for vowel in "aeio"}
    return {word}


class Entry(NamedTuple):
    phrase: tuple[str, ...]  # as listed, folded: "refunds" and "refund" are one phrase
    value: object
    # The phrase carries its own negation ("not working") or emphasis ("trattato così male"): never negated.
    self_negated: bool


class Table(dict):
    """Every inflected form of every phrase, as a tuple of folded words → its Entry."""

    def __init__(self) -> None:
        super().__init__()
        self.longest = 1
        self.first_words: set[str] = set()  # most words start no phrase: one look-up tells

    def add(self, phrases: Mapping[str, Iterable[str]], value: object, inflect: bool = True) -> "Table":
        """Add the phrases (by language) meaning `value`; without `inflect`, only as listed ("devi" is not
        "deve")."""
        for language, listed in phrases.items():
            for phrase in listed:
                *head, last = folded_words(phrase)
                entry = Entry((*head, last), value, bool((_NEGATORS | _INTENSIFIERS) & {*head, last}))
                for form in _inflections(last, language) if inflect else {last}:
                    key = (*head, form)
                    if self.get(key, entry).value != value:
                        raise ValueError(f"{phrase!r} means both {self[key].value!r} and {value!r}")
                    self[key] = entry
                    self.longest = max(self.longest, len(key))
                    self.first_words.add(key[0])
        return self


class Match(NamedTuple):
    phrase: tuple[str, ...]
    value: object
    negated: bool
    self_negated: bool
    first: int  # index of the phrase's first token
    last: int  # ... and of its last


def is_negator(token: Token) -> bool:
    return token.word in _NEGATORS or token.text in ACCENTED_NEGATORS


def negated(words: list[Token], i: int, window: int = NEGATION_WINDOW) -> bool:
    """Is there a negator among the few words before words[i], in the same clause?"""
    counted = 0
    for j in range(i - 1, max(i - 4 * window, 0) - 1, -1):  # one-letter words are not counted, but bounded
        token = words[j]
        if (token.word is None or token.word in _CLAUSE_BREAKERS or token.text in CONJUNCTIONS
                or token.word in _INTENSIFIERS):
            return False
        if is_negator(token):
            return True
        counted += len(token.word) > 1 and token.word not in _OPINION_VERBS
        if counted == window:
            return False
    return False


def scan(words: list[Token], table: Table, window: int = NEGATION_WINDOW) -> Iterator[Match]:
    """Leftmost-longest, non-overlapping phrase matches; phrases never span a clause boundary."""
    i = 0
    while i < len(words):
        if words[i].word not in table.first_words:
            i += 1
            continue
        for n in range(min(table.longest, len(words) - i), 0, -1):
            key = tuple(t.word for t in words[i:i + n])
            if None not in key and key in table:
                entry = table[key]
                is_negated = not entry.self_negated and negated(words, i, window)
                yield Match(entry.phrase, entry.value, is_negated, entry.self_negated, i, i + n - 1)
                i += n
                break
        else:
            i += 1


def as_written(text: str, words: list[Token], match: Match) -> str:
    """The matched words as the text has them (lower-cased, spaces collapsed)."""
    return " ".join(text[words[match.first].start:words[match.last].end].lower().split())
