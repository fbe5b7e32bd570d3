"""Which language a post is written in, English or Italian, read from its text (the interface language
says only what the reader chose to see, not what the author typed).

Two signals, both cheap and bounded: function words (the stop words of each language, which any sentence
has) and, when they do not decide, how words end (Italian words end in a vowel almost always, English ones
mostly in a consonant), which sorts short titles without function words ("Stake pool leader logs"). Text
too short or too mixed to tell gets the fallback. Accuracy on real posts: `bench/language_accuracy.py`.
"""

import re

from app.text_analysis import fold, stop_words

LANGUAGES = ("en", "it")
# Apostrophe elisions (l'acqua, dell'anno, c'è) and accented final vowels are typical of Italian.
_ITALIAN_MARKS = re.compile(r"\b(?:l|dell|nell|all|dall|sull|un|c|d)'\w|\w[àèéìòù]\b", re.IGNORECASE)
_WORD = re.compile(r"\b[^\W\d_]+\b", re.UNICODE)  # whole words: no letters out of codes like "a85f3c"
_WEAK = frozenset({"a", "i", "in", "to", "no", "come", "so", "per", "e", "o"})  # common to both lists
# Enough to decide a long post: the first part of it says its language as well as the whole would.
MAX_CHARACTERS = 4000
# Word endings decide only with this many words, and only past these shares of vowel endings.
ENDING_MIN_WORDS = 3
ITALIAN_ENDINGS, ENGLISH_ENDINGS = 0.8, 0.4
_VOWELS = frozenset("aeiou")


def detect(text: str, fallback: str = "en") -> str:
    """'it' or 'en'; `fallback` when the text gives no clear signal."""
    text = text[:MAX_CHARACTERS]
    tokens = [fold(w) for w in _WORD.findall(text)]
    italian = sum(1 for w in tokens if w in stop_words("it") and w not in _WEAK)
    english = sum(1 for w in tokens if w in stop_words("en") and w not in _WEAK)
    italian += 2 * len(_ITALIAN_MARKS.findall(text))
    if italian != english:
        return "it" if italian > english else "en"
    return _by_endings(tokens) or fallback


def _by_endings(tokens: list[str]) -> str | None:
    """The share of words (of two letters or more) ending in a vowel, when it is clearly one language's."""
    words = [w for w in tokens if len(w) > 1]
    if len(words) < ENDING_MIN_WORDS:
        return None
    share = sum(1 for w in words if w[-1] in _VOWELS) / len(words)
    if share >= ITALIAN_ENDINGS:
        return "it"
    if share <= ENGLISH_ENDINGS:
        return "en"
    return None


def choose(chosen: str | None, text: str, fallback: str | None) -> str:
    """The language a post is stored with: the author's choice when they made one, else the text's."""
    if chosen in LANGUAGES:
        return chosen
    return detect(text, fallback if fallback in LANGUAGES else "en")
