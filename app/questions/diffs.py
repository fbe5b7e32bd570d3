"""Readable word-level diffs between revisions of a post."""

import difflib
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from app.models import Revision


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
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(new_words[b1:b2])))
            continue
        if op in ("delete", "replace"):
            out.append(Markup("<del>%s</del>") % "".join(old_words[a1:a2]))
        if op in ("insert", "replace"):
            out.append(Markup("<ins>%s</ins>") % "".join(new_words[b1:b2]))
    return Markup("").join(out)


def revision_change(newer: Revision, older: Revision | None) -> RevisionChange:
    if older is None:
        return RevisionChange(newer, escape(newer.title) if newer.title else None, escape(newer.body_markdown),
                              escape(newer.tags) if newer.tags else None, True)
    title = word_diff(older.title or "", newer.title or "") if newer.title is not None else None
    tags = word_diff(older.tags or "", newer.tags or "") if newer.tags is not None else None
    return RevisionChange(newer, title, word_diff(older.body_markdown, newer.body_markdown), tags, False)
