"""Readable word-level diffs between revisions of a post, in bounded time.

difflib's SequenceMatcher takes cubic time on repetitive text (two 1,000-character bodies of one word each
took 3 s; an ordinary edit of a 30,000-character body 4 s), on a public page. Here a diff is a patience
diff: the common start and end, then the words found once on each side that keep their order, then the
same within each gap, until MAX_WORK words have been read; what is left of a gap differs as a whole.
"""

import bisect
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from app.models import Revision

MAX_WORK = 100_000  # words and spaces read by one diff (a 30,000-character body has ~10,000)


@dataclass
class RevisionChange:
    revision: Revision
    title: Markup | None
    body: Markup
    tags: Markup | None
    is_first: bool


def word_diff(old: str, new: str) -> Markup:
    """The new text with removed words in <del> and added words in <ins>."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    out: list[str] = []
    for op, a1, a2, b1, b2 in opcodes(old_words, new_words):
        if op == "equal":
            out.append(escape("".join(new_words[b1:b2])))
            continue
        if op in ("delete", "replace"):
            out.append(Markup("<del>%s</del>") % "".join(old_words[a1:a2]))
        if op in ("insert", "replace"):
            out.append(Markup("<ins>%s</ins>") % "".join(new_words[b1:b2]))
    return Markup("").join(out)


def opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """(tag, a1, a2, b1, b2) turning a into b, as difflib's get_opcodes gives them."""
    found: list[tuple[str, int, int, int, int]] = []
    work = MAX_WORK
    pending: list[tuple] = [(0, len(a), 0, len(b))]  # ranges still to compare, and matches, next on top
    while pending:
        item = pending.pop()
        if len(item) == 5:
            found.append(item)
            continue
        a1, a2, b1, b2 = item
        start = 0
        while a1 + start < a2 and b1 + start < b2 and a[a1 + start] == b[b1 + start]:  # the common start
            start += 1
        if start:
            found.append(("equal", a1, a1 + start, b1, b1 + start))
            a1, b1 = a1 + start, b1 + start
        end = []
        common = 0
        while a2 - common > a1 and b2 - common > b1 and a[a2 - common - 1] == b[b2 - common - 1]:  # and end
            common += 1
        if common:
            end.append(("equal", a2 - common, a2, b2 - common, b2))
            a2, b2 = a2 - common, b2 - common
        work -= (a2 - a1) + (b2 - b1)
        anchors = _anchors(a, a1, a2, b, b1, b2) if work > 0 and a1 < a2 and b1 < b2 else []
        # Pushed in reverse, so the gaps and anchors come off in order, then the common end.
        pending.extend(end)
        if anchors:
            pending.append((anchors[-1][0] + 1, a2, anchors[-1][1] + 1, b2))
            for (i, j), (next_i, next_j) in zip(reversed(anchors[:-1]), reversed(anchors[1:])):
                pending += [("equal", next_i, next_i + 1, next_j, next_j + 1), (i + 1, next_i, j + 1, next_j)]
            pending += [("equal", anchors[0][0], anchors[0][0] + 1, anchors[0][1], anchors[0][1] + 1),
                        (a1, anchors[0][0], b1, anchors[0][1])]
        elif a1 < a2 or b1 < b2:
            found.append(("replace" if a1 < a2 and b1 < b2 else "delete" if a1 < a2 else "insert", a1, a2, b1, b2))
    return _joined(found)


def _anchors(a, a1: int, a2: int, b, b1: int, b2: int) -> list[tuple[int, int]]:
    """Pairs (i, j) of words found once in a[a1:a2] and once in b[b1:b2], the longest chain in order on both
    sides (patience sorting)."""
    seen_a: dict[str, int | None] = {}
    for i in range(a1, a2):
        seen_a[a[i]] = None if a[i] in seen_a else i
    seen_b: dict[str, int | None] = {}
    for j in range(b1, b2):
        seen_b[b[j]] = None if b[j] in seen_b else j
    pairs = sorted((i, seen_b[word]) for word, i in seen_a.items()
                   if i is not None and seen_b.get(word) is not None)
    tops: list[int] = []  # the smallest last j of a chain of each length
    links: list[int] = []  # for each pair, the index of the pair before it in its chain
    ends: list[int] = []
    for index, (_i, j) in enumerate(pairs):
        length = bisect.bisect_left(tops, j)
        if length == len(tops):
            tops.append(j)
            ends.append(index)
        else:
            tops[length], ends[length] = j, index
        links.append(ends[length - 1] if length else -1)
    chain, index = [], ends[-1] if ends else -1
    while index >= 0:
        chain.append(pairs[index])
        index = links[index]
    return chain[::-1]


def _joined(found: list[tuple[str, int, int, int, int]]) -> list[tuple[str, int, int, int, int]]:
    """Neighbouring matches joined, and neighbouring changes joined into one."""
    joined: list[tuple[str, int, int, int, int]] = []
    for op in found:
        if joined and (joined[-1][0] == "equal") == (op[0] == "equal"):
            tag, a1, _a2, b1, _b2 = joined[-1]
            a2, b2 = op[2], op[4]
            if tag != "equal":
                tag = "replace" if a2 > a1 and b2 > b1 else "delete" if a2 > a1 else "insert"
            joined[-1] = (tag, a1, a2, b1, b2)
        else:
            joined.append(op)
    return joined


def revision_change(newer: Revision, older: Revision | None) -> RevisionChange:
    if older is None:
        return RevisionChange(newer, escape(newer.title) if newer.title else None, escape(newer.body_markdown),
                              escape(newer.tags) if newer.tags else None, True)
    title = word_diff(older.title or "", newer.title or "") if newer.title is not None else None
    tags = word_diff(older.tags or "", newer.tags or "") if newer.tags is not None else None
    return RevisionChange(newer, title, word_diff(older.body_markdown, newer.body_markdown), tags, False)
