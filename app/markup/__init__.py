"""The one place user Markdown becomes HTML: rendered with `markdown`, sanitised with a `bleach` allowlist,
in time linear in the text's length whatever it holds (app/markup/bounded.py, app/markup/literal.py)."""

import re
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import urlparse

import bleach
from bleach import html5lib_shim
from markdown.extensions import Extension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor

from app import typed_text
from app.markup import bounded, literal
from app.markup.links import BoundedLinkify

POST_TAGS = [
    "p", "br", "hr", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "em", "strong", "del",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "kbd",
]
COMMENT_TAGS = ["a", "code", "em", "strong"]
LINK_PROTOCOLS = ["http", "https", "mailto"]
LINK_REL = "nofollow ugc noopener"


class _ShiftHeadings(Treeprocessor):
    """The page owns h1 (the title) and h2 (sections): user headings start at h3."""

    def run(self, root):
        for element in root.iter():
            if re.fullmatch(r"h[1-6]", element.tag):
                element.tag = f"h{min(int(element.tag[1]) + 2, 6)}"


class _ShiftHeadingsExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_ShiftHeadings(md), "shift_headings", 5)


def _image_src_allowed(value: str) -> bool:
    """Images only over https or from this site (relative), never data: or plain http."""
    parsed = urlparse(value)
    if parsed.scheme:
        return parsed.scheme == "https" and bool(parsed.netloc)
    return not value.startswith("//") and not value.startswith("\\")


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if tag == "a":
        return name in ("href", "title")
    if tag == "img":
        if name == "src":
            return _image_src_allowed(value)
        return name in ("alt", "title")
    if tag in ("th", "td"):
        return name == "align"
    if tag == "code":
        return name == "class" and re.fullmatch(r"language-[\w+-]{1,30}", value) is not None
    return False


def _set_link_rel(attrs, new=False):
    attrs[(None, "rel")] = LINK_REL
    return attrs


# @username: a name as registration allows it, not glued to a word, an address or a path before it.
MENTION = re.compile(r"(?<![\w@./\-])@([A-Za-z0-9_.\-]{3,30})")
_MENTION_LINK = re.compile(r'<a href="([^"]*)" class="mention">')
# Finds which names belong to members: {lower-cased name: (profile path, name as registered)}. Set by the
# notifications package; without it (or outside the app) mentions stay plain text.
_mention_resolver: Callable[[set[str]], dict[str, tuple[str, str]]] | None = None


# Gives uploaded images their size, smaller copies and lazy loading (set by the uploads package): called with the
# sanitised HTML, it adds only attributes built from the stored image.
_image_dresser: Callable[[str], str] | None = None


def set_image_dresser(dresser: Callable[[str], str] | None) -> None:
    global _image_dresser
    _image_dresser = dresser


def set_mention_resolver(resolver: Callable[[set[str]], dict[str, tuple[str, str]]] | None) -> None:
    global _mention_resolver
    _mention_resolver = resolver


MAX_MENTIONS = 20  # distinct names looked up per text: a post cannot notify the whole community


def _mention_names(text: str) -> set[str]:
    """Candidates, with and without trailing dots and dashes ("thanks @olivia." names olivia): the first
    MAX_MENTIONS distinct names of the text."""
    names: dict[str, None] = {}
    for match in MENTION.finditer(text):
        names[match.group(1).lower()] = None
        if len(names) == MAX_MENTIONS:
            break
    candidates = set(names) | {name.rstrip(".-") for name in names}
    return {name for name in candidates if len(name) >= 3}


class _MentionFilter(html5lib_shim.Filter):  # type: ignore[name-defined]  # bleach's stubs leave out its Filter
    """Turns @name of an existing member into a link to their profile, outside links and code. Runs after
    sanitising: what it adds is built only from the member's id, slug and name, never from the text."""

    SKIP = {"a", "pre", "code"}

    def __init__(self, source, members: dict[str, tuple[str, str]]):
        super().__init__(source)
        self.members = members

    def __iter__(self):
        inside = 0
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EndTag") and token["name"] in self.SKIP:
                inside += 1 if token["type"] == "StartTag" else -1
            if token["type"] == "Characters" and inside <= 0 and "@" in token["data"]:
                yield from self._split(token["data"])
            else:
                yield token

    def _split(self, text: str):
        position = 0
        for match in MENTION.finditer(text):
            name = match.group(1)
            if name.lower() not in self.members:
                name = name.rstrip(".-")
            member = self.members.get(name.lower())
            if member is None:
                continue
            href, registered = member
            if match.start() > position:
                yield {"type": "Characters", "data": text[position:match.start()]}
            yield {"type": "StartTag", "name": "a", "namespace": None,
                   "data": {(None, "href"): href, (None, "class"): "mention"}}
            yield {"type": "Characters", "data": "@" + registered}
            yield {"type": "EndTag", "name": "a", "namespace": None}
            position = match.start() + 1 + len(name)
        if position < len(text):
            yield {"type": "Characters", "data": text[position:]}


def _members_mentioned(text: str) -> dict[str, tuple[str, str]]:
    names = _mention_names(text) if "@" in text else set()
    return _mention_resolver(names) if names and _mention_resolver is not None else {}


def mentioned_paths(html: str) -> list[str]:
    """The profile paths of the members a rendered post or comment mentions."""
    return _MENTION_LINK.findall(html)


# Sanitising and linkifying in one pass: bare URLs become links, and every link gets our rel.
_linkify = partial(BoundedLinkify, callbacks=[_set_link_rel], skip_tags=["pre", "code"], parse_email=False)


def _cleaner(tags: list[str], members: dict[str, tuple[str, str]]) -> bleach.Cleaner:
    filters: list[Callable[..., Any]] = [_linkify, partial(_MentionFilter, members=members)] if members else [_linkify]
    return bleach.Cleaner(tags=tags, attributes=_allowed_attribute, protocols=LINK_PROTOCOLS, strip=True,
                          filters=filters)


_post_cleaner = _cleaner(POST_TAGS, {})
_comment_cleaner = _cleaner(COMMENT_TAGS, {})


def _clean_post(html: str, source_text: str, stand_ins: literal.StandIns) -> str:
    members = _members_mentioned(source_text)
    cleaned = (_cleaner(POST_TAGS, members) if members else _post_cleaner).clean(_for_sanitiser(html, stand_ins))
    cleaned = _dropped_references_as_text(cleaned)
    return _image_dresser(cleaned) if _image_dresser is not None else cleaned


_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _dropped_references_as_text(html: str) -> str:
    """A numeric reference to a character typed text never keeps (a control character, a lone surrogate, a bidi
    override: typed_text.BODY_DROPPED) or to no character at all is shown as typed, not decoded, so a rendered post
    holds only characters its text could hold (and excerpts or the assistant, which decode it, show the same)."""
    def shown(match: re.Match[str]) -> str:
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if code > 0x10FFFF or typed_text.BODY_DROPPED.match(chr(code)):
            return "&amp;" + match.group(0)[1:]
        return match.group(0)
    return _NUMERIC_REFERENCE.sub(shown, html)


def _for_sanitiser(html: str, stand_ins: literal.StandIns) -> str:
    """What the sanitiser reads slowly but keeps as it is hidden (entities in code), huge tags shown as text."""
    return literal.limit_tags(literal.hide_code_entities(html, stand_ins), stand_ins)


def _post_extensions() -> list:
    return [FencedCodeExtension(), TableExtension(), "sane_lists", _ShiftHeadingsExtension()]


def _convert(name: str, extensions: Callable[[], list], text: str, stand_ins: literal.StandIns) -> str:
    """Markdown to HTML with this thread's bounded converter; stand-ins for markup beyond the budget stay in
    the HTML until restored."""
    converter = bounded.converter(name, extensions)
    converter.stand_ins = stand_ins
    try:
        return converter.convert(text)
    except BaseException:
        bounded.discard(name)
        raise


def render_post(text: str) -> str:
    """Markdown for questions and answers: headings, lists, code blocks, tables, links, https images."""
    stand_ins = literal.StandIns.for_text(text)
    return stand_ins.restore(_clean_post(_convert("post", _post_extensions, text, stand_ins), text, stand_ins))


def clean_post_html(html: str) -> str:
    """Sanitise HTML written elsewhere (an imported post) with the same allowlist, headings shifted as ours.
    Tags and entities beyond the markup budget are shown as text, as in Markdown."""
    shifted = re.sub(r"<(/?)h([1-6])\b", lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}", html,
                     flags=re.IGNORECASE)
    stand_ins = literal.StandIns.for_text(html)
    # Entities in code are hidden before the budget counts the rest: they cost the sanitiser nothing then.
    bounded_html = literal.limit_html(literal.hide_code_entities(shifted, stand_ins), stand_ins)
    return stand_ins.restore(_clean_post(bounded_html, html, stand_ins))


def render_comment(text: str) -> str:
    """Comments allow inline code, emphasis and links only."""
    stand_ins = literal.StandIns.for_text(text)
    html = _for_sanitiser(_convert("comment", list, text, stand_ins), stand_ins)
    members = _members_mentioned(text)
    cleaned = _dropped_references_as_text(
        (_cleaner(COMMENT_TAGS, members) if members else _comment_cleaner).clean(html))
    # Block structure is stripped, so join what were paragraphs or list items into one line.
    return stand_ins.restore(" ".join(line.strip() for line in cleaned.split("\n") if line.strip()))


def plain_text(html: str) -> str:
    """Text of rendered HTML, for excerpts and meta descriptions, or of an imported profile's HTML: beyond
    2,000 tags and entities (the start, which excerpts show, of even the longest post) the rest is text."""
    stand_ins = literal.StandIns.for_text(html)
    bounded_html = literal.hide_code_entities(html, stand_ins)
    bounded_html = literal.limit_tags(literal.limit_html(bounded_html, stand_ins, 2 * literal.BUDGET), stand_ins)
    return stand_ins.restore(re.sub(r"\s+", " ", bleach.clean(bounded_html, tags=[], strip=True)).strip())


# A "<" opening a tag, end tag, comment or declaration that no ">" closes before the next "<" (or the end).
_UNCLOSED_TAG = re.compile(r"<(?=[a-zA-Z/!?][^<>]*(?:<|\Z))")


def has_unclosed_tag(html: str) -> bool:
    return _UNCLOSED_TAG.search(html) is not None


def escape_unclosed_tags(html: str) -> str:
    """HTML for Python's html.parser in time linear in its length: the parser reads a tag or comment that
    does not close to the end of the text once per "<" ("<a " repeated over 128 KB took minutes), so such a
    "<" becomes text, as a browser would show most of them. Each look stops at the next "<"."""
    return _UNCLOSED_TAG.sub("&lt;", html)
