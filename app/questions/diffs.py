"""Readable word-level diffs between revisions of a post."""

import difflib
import re
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


@dataclass
class RevisionChange:
    revision: Revision
    title: Markup | None
    body: Markup
    tags: Markup | None
    is_first: bool


# SequenceMatcher's work grows with the product of the two lengths and more on repetitive text (two
# 30,000-character bodies of two-letter words took minutes). Past this many comparisons a stretch is compared
# by lines instead, and past it again shown as one removal and one insertion: ~20 ms at most here.
COMPARISONS = 250_000


def word_diff(old: str, new: str) -> Markup:
    """The new text with removed words in <del> and added words in <ins>."""
    out: list[str] = []
    for old_part, new_part, equal in _runs(old, new):
        if equal:
            out.append(escape(new_part))
            continue
        if old_part:
            out.append(Markup("<del>%s</del>") % old_part)
        if new_part:
            out.append(Markup("<ins>%s</ins>") % new_part)
    return Markup("").join(out)


def _runs(old: str, new: str) -> list[tuple[str, str, bool]]:
    """(old text, new text, equal) runs: the common start and end found first, the middle by words where that
    is affordable, else by lines (their changed stretches by words where affordable), else as a whole."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    start, end = _common_ends(old_words, new_words)
    head, tail = "".join(new_words[:start]), "".join(new_words[len(new_words) - end:])
    old_middle = "".join(old_words[start:len(old_words) - end])
    new_middle = "".join(new_words[start:len(new_words) - end])
    runs = [(head, head, True)] if head else []
    if len(old_words) * len(new_words) <= COMPARISONS:
        runs += _matched(old_words[start:len(old_words) - end], new_words[start:len(new_words) - end])
    else:
        runs += _by_lines(old_middle, new_middle)
    return runs + ([(tail, tail, True)] if tail else [])


def _common_ends(a: list[str], b: list[str]) -> tuple[int, int]:
    shorter = min(len(a), len(b))
    start = next((i for i in range(shorter) if a[i] != b[i]), shorter)
    end = next((i for i in range(shorter - start) if a[-1 - i] != b[-1 - i]), shorter - start)
    return start, end


def _matched(a: list[str], b: list[str]) -> list[tuple[str, str, bool]]:
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [("".join(a[a1:a2]), "".join(b[b1:b2]), op == "equal") for op, a1, a2, b1, b2 in matcher.get_opcodes()]


def _by_lines(old: str, new: str) -> list[tuple[str, str, bool]]:
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    left = COMPARISONS - len(old_lines) * len(new_lines)  # one budget for the lines and every stretch after
    if left < 0 or len(old_lines) < 2 and len(new_lines) < 2:
        return [(old, new, False)]
    runs = []
    for old_part, new_part, equal in _matched(old_lines, new_lines):
        old_words, new_words = re.split(r"(\s+)", old_part), re.split(r"(\s+)", new_part)
        if equal or len(old_words) * len(new_words) > left:
            runs.append((old_part, new_part, equal))
        else:
            left -= len(old_words) * len(new_words)
            runs += _matched(old_words, new_words)
    return runs


def revision_change(newer: Revision, older: Revision | None) -> RevisionChange:
    if older is None:
        return RevisionChange(newer, escape(newer.title) if newer.title else None, escape(newer.body_markdown),
                              escape(newer.tags) if newer.tags else None, True)
    title = word_diff(older.title or "", newer.title or "") if newer.title is not None else None
    tags = word_diff(older.tags or "", newer.tags or "") if newer.tags is not None else None
    return RevisionChange(newer, title, word_diff(older.body_markdown, newer.body_markdown), tags, False)


def edit_conflict(newer: Revision, form) -> EditConflict:
    """The newer version against the edit form's fields (a question's title, tags and body; an answer's body)."""
    def compared(theirs: str | None, name: str) -> Markup | None:
        if name not in form:
            return None
        theirs, mine = line_breaks(theirs or "").strip(), line_breaks(form[name].data or "").strip()
        return None if theirs == mine else word_diff(theirs, mine)

    return EditConflict(newer, compared(newer.title, "title"), compared(newer.tags, "tags"),
                        compared(newer.body_markdown, "body"))
