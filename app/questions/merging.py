"""Combining an edit made from an older version of a post with the version saved since: each field takes the
side that changed it, and a body changed on both sides keeps both changes when they touch different lines."""

import difflib

from sqlalchemy import select

from app.errors import StaleEdit
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.locking import lock_posts
from app.models import Post, Revision
from app.questions import queries

# Line comparisons one merge may make (the work grows with the product of the line counts): past it, a body
# changed on both sides is a conflict for the editor to look at.
COMPARISONS = 250_000

Hunk = tuple[int, int, tuple[str, ...]]  # base lines [start, end) replaced by these lines


def rebase(post: Post, base_revision: int | None, mine: dict[str, str]) -> tuple[dict[str, str], Revision | None]:
    """The fields to save, and the newer version they were combined with, if any. The editor's form
    showed revision `base_revision`: when someone saved another since, the edit is combined with it if the two
    changed different things, else refused with StaleEdit (409, the text kept)."""
    if base_revision is None:
        return mine, None
    lock_posts(post.id)  # the version read below stays the newest until this edit is saved
    db.session.refresh(post)
    latest = queries.latest_revision(post)
    if latest is None or latest.number == base_revision:
        return mine, None
    base = db.session.scalar(select(Revision).where(Revision.post_id == post.id, Revision.number == base_revision))
    merged = merge(_revision_fields(base, mine), _revision_fields(latest, mine), mine) if base else None
    if merged is None:
        raise StaleEdit(_l("Someone saved a newer version of this post while you were editing. Your text is "
                           "kept below: compare it with the newer version, then save again to replace it."))
    return merged, latest


def _revision_fields(revision: Revision, like: dict[str, str]) -> dict[str, str]:
    fields = {"title": revision.title or "", "body": line_breaks(revision.body_markdown), "tags": revision.tags or ""}
    return {name: fields[name] for name in like}


def line_breaks(text: str) -> str:
    """Line breaks as "\\n": browsers send a textarea's as CRLF, so an untouched body would differ."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def merge(base: dict[str, str], theirs: dict[str, str], mine: dict[str, str]) -> dict[str, str] | None:
    """The fields with both edits in them, or None where both changed the same thing differently."""
    merged = {}
    for field, my_value in mine.items():
        old, their_value = base[field], theirs[field]
        if my_value in (old, their_value):
            merged[field] = their_value
        elif their_value == old:
            merged[field] = my_value
        elif field == "body" and (body := merge_lines(old, their_value, my_value)) is not None:
            merged[field] = body
        else:
            return None
    return merged


def merge_lines(base: str, theirs: str, mine: str) -> str | None:
    lines = base.splitlines(keepends=True)
    their_lines, my_lines = theirs.splitlines(keepends=True), mine.splitlines(keepends=True)
    if len(lines) * (len(their_lines) + len(my_lines)) > COMPARISONS:
        return None
    their_hunks, my_hunks = _hunks(lines, their_lines), _hunks(lines, my_lines)
    if any(_touch(a, b) for a in their_hunks for b in my_hunks if a != b):
        return None
    out: list[str] = []
    position = 0
    for start, end, replacement in sorted(set(their_hunks) | set(my_hunks)):  # a change made on both sides once
        out += lines[position:start]
        out += replacement
        position = end
    return "".join(out + lines[position:])


def _hunks(base: list[str], changed: list[str]) -> list[Hunk]:
    matcher = difflib.SequenceMatcher(a=base, b=changed, autojunk=False)
    return [(a1, a2, tuple(changed[b1:b2])) for op, a1, a2, b1, b2 in matcher.get_opcodes() if op != "equal"]


def _touch(a: Hunk, b: Hunk) -> bool:
    """Two changes overlap, start at the same line, or one inserts lines at the edge of the other: which
    comes first is then a guess, so it is left to the editor."""
    (a1, a2, _), (b1, b2, _) = a, b
    return (a1 < b2 and b1 < a2) or a1 == b1 or (a1 == a2 and b1 <= a1 <= b2) or (b1 == b2 and a1 <= b1 <= a2)
