"""Readable word-level diffs between revisions of a post, in bounded time.

difflib's matcher costs about the cube of the words compared when words repeat (two 30,000-character
revisions took a minute), so it only ever sees small pieces: lines that occur once in both versions anchor the
comparison (patience diff), the lines between two anchors are compared without their common beginning and end,
and that remainder word by word when it is small and the page's budget allows; otherwise it is shown as
removed and added whole.
"""

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

from app.models import Revision
from app.questions.merging import line_breaks


@dataclass
class EditConflict:
    """What saving the editor's text would change in the version saved while they were editing."""

    revision: Revision  # the newer version
    title: Markup | None  # None where the editor's text is the same as the newer version's
    tags: Markup | None
    body: Markup | None

# Words (with the spaces between them) one comparison may pair up: 5,000 pairs cost at most ~3 ms. A page
# compares at most PAGE_BUDGET pairs in all.
PIECE_PAIRS = 5_000
PAGE_BUDGET = 50_000
_WORDS = re.compile(r"(\s+)")


@dataclass
class RevisionChange:
    revision: Revision
    title: Markup | None
    body: Markup
    tags: Markup | None
    is_first: bool


class Budget:
    """What is left of a page's comparisons."""

    def __init__(self, pairs: int = PAGE_BUDGET):
        self.left = pairs

    def take(self, pairs: int) -> bool:
        if pairs > PIECE_PAIRS or pairs > self.left:
            return False
        self.left -= pairs
        return True


def word_diff(old: str, new: str, budget: Budget | None = None) -> Markup:
    """The new text with removed words in <del> and added words in <ins>."""
    budget = budget or Budget()
    parts: list[Markup] = []
    for same, old_lines, new_lines in _anchored(old.splitlines(keepends=True), new.splitlines(keepends=True)):
        if same:
            parts.append(escape("".join(new_lines)))
        else:
            parts.extend(_words("".join(old_lines), "".join(new_lines), budget))
    return Markup("").join(parts)


def _anchored(a: list[str], b: list[str]) -> Iterator[tuple[bool, list[str], list[str]]]:
    """Runs of lines: (True, lines, lines) where both versions have a line that occurs once in each, in the same
    order as the other such lines (the longest such sequence); (False, old lines, new lines) between them."""
    count_a, count_b = Counter(a), Counter(b)
    in_b = {line: j for j, line in enumerate(b) if count_b[line] == 1}
    anchors = _increasing([(i, in_b[line]) for i, line in enumerate(a) if count_a[line] == 1 and line in in_b])
    i = j = 0
    for anchor_i, anchor_j in [*anchors, (len(a), len(b))]:
        if a[i:anchor_i] or b[j:anchor_j]:
            yield False, a[i:anchor_i], b[j:anchor_j]
        if anchor_i < len(a):
            yield True, a[anchor_i:anchor_i + 1], b[anchor_j:anchor_j + 1]
        i, j = anchor_i + 1, anchor_j + 1


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs (ordered by their first item) whose second items increase."""
    tails: list[int] = []  # second item ending the best sequence of each length
    ends: list[int] = []  # index in pairs of that end
    previous = [-1] * len(pairs)
    for index, (_i, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            ends.append(index)
        else:
            tails[length], ends[length] = j, index
        previous[index] = ends[length - 1] if length else -1
    chain, index = [], ends[-1] if ends else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _words(old: str, new: str, budget: Budget) -> Iterator[Markup]:
    head = _common_start(old, new)
    tail = _common_end(old[head:], new[head:])
    yield escape(old[:head])
    middle_a, middle_b = old[head:len(old) - tail], new[head:len(new) - tail]
    # Words and the spaces between them, counted without building them (about twice the words, plus one).
    if budget.take((2 * len(middle_a.split()) + 1) * (2 * len(middle_b.split()) + 1)):
        a, b = _WORDS.split(middle_a), _WORDS.split(middle_b)
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if op == "equal":
                yield escape("".join(b[b1:b2]))
            else:
                yield from _changed("".join(a[a1:a2]), "".join(b[b1:b2]))
    else:
        yield from _changed(middle_a, middle_b)
    yield escape(old[len(old) - tail:])


def _changed(old: str, new: str) -> Iterator[Markup]:
    if old:
        yield Markup("<del>%s</del>") % old
    if new:
        yield Markup("<ins>%s</ins>") % new


def _common_start(a: str, b: str) -> int:
    """Length of the common beginning, cut back to a word's start (a changed word is shown whole)."""
    length = _longest(lambda k: a[:k] == b[:k], min(len(a), len(b)))
    if length == len(a) == len(b):
        return length
    while length and not a[length - 1].isspace():
        length -= 1
    return length


def _common_end(a: str, b: str) -> int:
    """Length of the common end, cut back to start at a space."""
    length = _longest(lambda k: a[len(a) - k:] == b[len(b) - k:], min(len(a), len(b)))
    if length == len(a) == len(b):
        return length
    while length and not a[len(a) - length].isspace():
        length -= 1
    return length


def _longest(same, high: int) -> int:
    """The largest k ≤ high for which same(k) holds, same being true up to some k and false after: a binary
    search of string comparisons, each at C speed (a word-by-word loop costs more than the diff)."""
    low = 0
    while low < high:
        middle = (low + high + 1) // 2
        if same(middle):
            low = middle
        else:
            high = middle - 1
    return low


def revision_change(newer: Revision, older: Revision | None, budget: Budget | None = None) -> RevisionChange:
    if older is None:
        return RevisionChange(newer, escape(newer.title) if newer.title else None, escape(newer.body_markdown),
                              escape(newer.tags) if newer.tags else None, True)
    budget = budget or Budget()
    title = word_diff(older.title or "", newer.title or "", budget) if newer.title is not None else None
    tags = word_diff(older.tags or "", newer.tags or "", budget) if newer.tags is not None else None
    return RevisionChange(newer, title, word_diff(older.body_markdown, newer.body_markdown, budget), tags, False)


def edit_conflict(newer: Revision, form) -> EditConflict:
    """The newer version against the edit form's fields (a question's title, tags and body; an answer's body)."""
    def compared(theirs: str | None, name: str) -> Markup | None:
        if name not in form:
            return None
        theirs, mine = line_breaks(theirs or "").strip(), line_breaks(form[name].data or "").strip()
        return None if theirs == mine else word_diff(theirs, mine)

    return EditConflict(newer, compared(newer.title, "title"), compared(newer.tags, "tags"),
                        compared(newer.body_markdown, "body"))
