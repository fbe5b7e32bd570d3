"""Which language a text is in, for posts stored without one (imports, old rows): English or Italian.

Counts each language's stop words (the most frequent words of any text) and a few spellings only
Italian uses; short or undecided texts get the fallback."""

import re

from app.search.analysis import fold, stop_words

# Apostrophe elisions (l'acqua, dell'anno, c'è) and accented final vowels are typical of Italian.
_ITALIAN_MARKS = re.compile(r"\b(?:l|dell|nell|all|dall|sull|un|c|d)'\w|\w[àèéìòù]\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_WEAK = frozenset({"a", "i", "in", "to", "no", "come", "so", "per", "e", "o"})  # common to both lists


def detect(text: str, fallback: str = "en") -> str:
    """'it' or 'en'; `fallback` when the text gives no clear signal."""
    tokens = [fold(w) for w in _WORD.findall(text)]
    italian = sum(1 for w in tokens if w in stop_words("it") and w not in _WEAK)
    english = sum(1 for w in tokens if w in stop_words("en") and w not in _WEAK)
    italian += 2 * len(_ITALIAN_MARKS.findall(text))
    if italian == english:
        return fallback
    return "it" if italian > english else "en"
