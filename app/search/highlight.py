"""Highlighted titles and snippets, safe to put in a page: the user's text is escaped and only our
<mark> elements are markup. Backends mark matches with two control characters that never survive in
user text (they are removed first), and `to_markup` turns them into elements after escaping."""

import re
from collections.abc import Callable, Container, Iterable, Set
from functools import lru_cache

from markupsafe import Markup, escape
from sqlalchemy.orm import Session

from app import text_analysis as analysis
from app.search import documents
from app.search.syntax import ParsedQuery

START, END = "\x02", "\x03"
_CONTROL = re.compile("[\x02\x03]")
_WORD = re.compile(r"\w+", re.UNICODE)
_WORD_CHARACTER = re.compile(r"\w", re.UNICODE)


def clean(text: str) -> str:
    # Looking for the two characters is a fraction of a substitution's cost, and text is almost always clean.
    return _CONTROL.sub("", text) if START in text or END in text else text


def to_markup(marked: str) -> Markup:
    escaped = str(escape(marked))
    return Markup(escaped.replace(START, "<mark>").replace(END, "</mark>"))  # nosec B704


def mark(text: str, language: str, terms: Set[str]) -> tuple[str, int]:
    """The text with every word whose index term is among `terms` marked; and how many were."""
    text = clean(text)
    if not terms:
        return text, 0
    folded = analysis.fold(text)
    if len(folded) != len(text):  # a letter folded into two (ß → ss): offsets differ, go word by word
        return _mark_words(text, language, terms)
    stem, stops = analysis.stemmer(language), analysis.stop_words(language)
    pieces, last, count = [], 0, 0
    # Only words starting like a term can stem to it (Snowball trims endings): one regular expression
    # finds those few candidates, instead of stemming every word of a long answer in Python.
    for match in _candidates(frozenset(terms)).finditer(folded):
        start, end, word, pair_tail = match.start(), match.end(), match.group(), match.group(1)
        if start < last or start and _WORD_CHARACTER.match(folded, start - 1):
            continue  # a prefix met inside a word: the match ran to that word's end, so none is skipped
        if pair_tail and _is_term(word + pair_tail[1:], stem, stops, terms):  # "Wi-Fi" found as "wifi"
            end = end + len(pair_tail)
        elif not _is_term(word, stem, stops, terms):
            continue
        pieces += [text[last:start], START, text[start:end], END]
        last, count = end, count + 1
    pieces.append(text[last:])
    return "".join(pieces), count


def _is_term(word: str, stem: Callable[[str], str], stops: Container[str], terms: Set[str]) -> bool:
    return word not in stops and stem(word) in terms


@lru_cache(maxsize=256)
def _candidates(terms: frozenset[str]) -> re.Pattern[str]:
    """Runs of word characters starting with a term's prefix, at a word's start or not: a pattern that
    starts with its literals lets the engine skip ahead to them, one that starts with a look-behind for
    the word's start tries every character (twice the time over a long answer). `mark` checks the start."""
    prefixes = sorted({term[:max(2, len(term) - 2)] for term in terms}, key=len, reverse=True)
    # The look-ahead reads the rest of a hyphenated pair without taking it, for `mark` to try them joined.
    return re.compile(r"(?:" + "|".join(map(re.escape, prefixes)) + r")\w*(?=([‐‑-]\w+)?)", re.UNICODE)


def _mark_words(text: str, language: str, terms: Set[str]) -> tuple[str, int]:
    stem, stops = analysis.stemmer(language), analysis.stop_words(language)
    pieces, last, count = [], 0, 0
    for match in _WORD.finditer(text):
        folded = analysis.fold(match.group())
        if folded not in stops and stem(folded) in terms:
            pieces += [text[last:match.start()], START, match.group(), END]
            last, count = match.end(), count + 1
    pieces.append(text[last:])
    return "".join(pieces), count


def snippet(texts: list[str], language: str, terms: Set[str], width: int = 240) -> str:
    """About `width` characters around the densest matches of the best-matching text (the question or
    an answer); the start of the first text when nothing matches."""
    best, best_count = (texts[0] if texts else ""), 0
    for text in texts:
        marked, count = mark(text, language, terms)
        if count > best_count:
            best, best_count = marked, count
    if best_count == 0:
        return _shorten(clean(best), 0, width)
    starts = [m.start() for m in re.finditer(START, best)]
    window_start = max(starts, key=lambda s: sum(1 for other in starts if s <= other < s + width))
    return _shorten(best, max(0, window_start - width // 4), width)


def _shorten(text: str, start: int, width: int) -> str:
    """A cut on word boundaries that never splits a mark."""
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = start + width
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    return ("… " if start > 0 else "") + _balance(text[start:end]) + (" …" if end < len(text) else "")


def _balance(piece: str) -> str:
    """Drop an end mark whose start was cut off, close a start mark whose end was. Marks alternate
    (`mark` never nests them), so only the first end and the last start can be unpaired."""
    first_end, first_start = piece.find(END), piece.find(START)
    if first_end != -1 and (first_start == -1 or first_end < first_start):
        piece = piece[:first_end] + piece[first_end + 1:]
    last_start = piece.rfind(START)
    return piece + END if last_start != -1 and piece.find(END, last_start) == -1 else piece


def for_texts(rows: Iterable[tuple[int, str, str, list[str]]],
              query: ParsedQuery) -> dict[int, tuple[str, str]]:
    """Marked title and snippet of each (question id, language, title, [question, accepted, answers])."""
    words = [*query.words, *query.phrases]
    terms_in: dict[str, frozenset[str]] = {}  # the query's terms in each language, analysed once for the page
    found = {}
    for question_id, language, title, texts in rows:
        if language not in terms_in:
            terms_in[language] = frozenset(term for text in words for spelling in analysis.spellings(text)
                                           for term in analysis.terms(spelling, language))
        terms = terms_in[language]
        found[question_id] = (mark(title, language, terms)[0], snippet(texts, language, terms))
    return found


def for_documents(session: Session, question_ids: list[int], query: ParsedQuery) -> dict[int, tuple[str, str]]:
    """Marked title and snippet of each question, from the database's current text."""
    return for_texts(((question_id, d.language, d.title, [d.body, d.accepted, d.answers])
                      for question_id, d in documents.build(session, question_ids).items()), query)
