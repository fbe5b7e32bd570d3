"""Content kept for every member who sees it alike, with slots for what is each reader's own.

A page's content is rendered once for members of one standing (role and privileges) and kept
(app/seo/caching.py `keep_for_readers`). What differs between such members is marked in the template: a
`slot(kind, *args)` call (their votes, whether they follow, the tools on their own posts) and the CSRF token.
While the content is rendered for keeping (`keep`), each of those leaves a mark instead of its text, and the
kept content is the sequence of text and slots between the marks. Each request fills the slots for its reader
(`fill`): a slot's text depends only on what `facts(kind, reader, *args)` returns (so the facts function of a
kind names everything of the reader its macro reads), and it is kept inside the slot per set of facts, with the
token's place left open again. Nothing of one reader can reach another: the kept content never held it.
"""

import re
import secrets
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

_CSRF_MARK = "csrf"


class _Token:
    """The reader's CSRF token's place in kept content (not text: kept text is sent as it is)."""

    def __repr__(self) -> str:
        return "<the reader's token>"


_CSRF = _Token()
# While content is rendered for keeping: the marks' random prefix (a post cannot contain it: it is drawn after
# the post was written) and the slots recorded so far.
_keeping: ContextVar[tuple[str, list] | None] = ContextVar("slots_keeping", default=None)


@dataclass(eq=False)
class Slot:
    kind: str
    args: tuple
    variants: dict = field(default_factory=dict)  # reader facts -> text and token places


@dataclass(frozen=True, eq=False)
class KeptContent:
    nonce: str
    parts: tuple  # text, Slot, or _CSRF (the reader's token)

    def __len__(self) -> int:  # the size kept content is budgeted by, with room for the slots' variants
        return 2 * sum(len(part) for part in self.parts if isinstance(part, str))


@dataclass(frozen=True)
class SlotKinds:
    """A page's kinds of slots: the macro that renders each (given the reader, then the slot's arguments) and
    the facts of the reader it depends on."""
    macros: Callable[[], object]  # the template module holding one macro per kind
    facts: dict[str, Callable]

    def inline(self, reader) -> Callable:
        """`slot` for a page rendered for one reader: each slot's text at once."""
        module = self.macros()
        return lambda kind, *args: getattr(module, kind)(reader, *args)

    def recording(self) -> Callable:
        """`slot` for content rendered for keeping: a mark, and the slot recorded."""
        def slot(kind: str, *args) -> Markup:
            keeping = _keeping.get()
            assert keeping is not None  # called only while `keep` renders
            nonce, recorded = keeping
            recorded.append(Slot(kind, args))
            return Markup(f"\x00{nonce}:{len(recorded) - 1}\x00")  # nosec B704 # a mark replaced before sending
        return slot


def csrf_slot() -> str | None:
    """The mark of the reader's token while content is rendered for keeping, else None."""
    keeping = _keeping.get()
    return f"\x00{keeping[0]}:{_CSRF_MARK}\x00" if keeping else None


def keep(render: Callable[[], str], nonce: str | None = None) -> KeptContent:
    """Content rendered with marks where its slots and tokens go, as text and slots."""
    nonce = nonce or secrets.token_hex(8)
    recorded: list[Slot] = []
    token = _keeping.set((nonce, recorded))
    try:
        html = str(render())
    finally:
        _keeping.reset(token)
    return KeptContent(nonce, tuple(_split(html, nonce, recorded)))


def _split(html: str, nonce: str, recorded: list[Slot]) -> list:
    pieces = re.split(f"\x00{nonce}:(\\d+|{_CSRF_MARK})\x00", html)
    parts: list = []
    for n, piece in enumerate(pieces):
        if n % 2 == 0:
            if piece:
                parts.append(piece)
        else:
            parts.append(_CSRF if piece == _CSRF_MARK else recorded[int(piece)])
    if any("\x00" + nonce in p for p in parts if isinstance(p, str)):
        raise ValueError("a mark was left in kept content")
    return parts


def fill(content: KeptContent, reader, kinds: SlotKinds) -> Markup:
    """The kept content with this reader's slots and token."""
    token = None
    out: list[str] = []
    for part in content.parts:
        if isinstance(part, str):
            out.append(part)
            continue
        for piece in (part,) if part is _CSRF else _variant(content, part, reader, kinds):
            if piece is _CSRF:
                token = token or generate_csrf()
                out.append(token)
            else:
                out.append(piece)
    return Markup("".join(out))  # nosec B704 # kept template output and tokens


def _variant(content: KeptContent, slot: Slot, reader, kinds: SlotKinds) -> tuple:
    facts = kinds.facts[slot.kind](reader, *slot.args)
    variant = slot.variants.get(facts)
    if variant is None:
        macro = getattr(kinds.macros(), slot.kind)
        rendered = keep(lambda: macro(reader, *slot.args), content.nonce)
        if any(isinstance(part, Slot) for part in rendered.parts):
            raise ValueError(f"slot {slot.kind!r} holds another slot")
        variant = slot.variants[facts] = rendered.parts
    return variant
