"""The rules of text that people type, applied before any length check or comparison.

A single-line field (a title, a display name, a summary, a reason, a name) keeps one line of visible text:
line breaks and tabs become a space, runs of spaces one space, and control characters and invisible format
characters (bidi overrides and isolates, zero-width spaces, byte-order marks) are dropped. A body keeps its
lines and tabs but loses the other control characters and the bidi overrides and isolates, which could
make text read differently from what it is (a reversed address, a hidden phrase).
"""

import re
import unicodedata

# Kept inside single-line text: the joiners that emoji sequences and several scripts (Persian, Indic) need.
JOINERS = {"\u200c", "\u200d"}
# Every line break Python's str.splitlines knows, besides \n: a mail header or a log line breaks on them.
LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
SPACES = re.compile(r"\s+")
# What a body loses: C0 controls but tab and line feed, DEL, C1 controls, lone surrogates, bidi controls.
BODY_DROPPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def _dropped_in_single_line(char: str) -> bool:
    category = unicodedata.category(char)
    return (category == "Cf" and char not in JOINERS) or category in ("Cc", "Cs")


def single_line(value: str | None) -> str:
    """One line of visible text, trimmed; NFC, so that two spellings of one word compare equal."""
    value = unicodedata.normalize("NFC", value or "")
    if not value.replace(" ", "").isprintable():  # printable text (most of it) has nothing to drop
        value = "".join(" " if char.isspace() else "" if _dropped_in_single_line(char) else char for char in value)
    return SPACES.sub(" ", value).strip()


def multi_line(value: str | None) -> str:
    """A body: lines (\\n) and tabs kept, other controls and bidi overrides dropped, trimmed at both ends."""
    value = LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", value or ""))
    return BODY_DROPPED.sub("", value).strip()
