"""A dump's HTML as editable Markdown, for posts without a Markdown revision, in bounded time.

markdownify parses with Python's html.parser, which reads an unclosed tag or comment to the end of the text
once per "<", and converts by recursion, once per nesting level. Well-formed, shallow HTML (all a dump's
real posts) is converted as it is; other HTML is converted after sanitising (app/markup: well-formed, its
tags within the markup budget), or shown as its text when even that nests too deeply.
"""

import re

from markdownify import markdownify

from app import markup

MAX_DEPTH = 64
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
         "wbr"}


def editable_markdown(html: str) -> str:
    if _well_formed(html) and _shallow(html):
        return markdownify(html, heading_style="ATX", bullets="-").strip()
    cleaned = markup.clean_post_html(html)
    if _shallow(cleaned):
        return markdownify(cleaned, heading_style="ATX", bullets="-").strip()
    return markup.plain_text(cleaned)


def _well_formed(html: str) -> bool:
    return html.count("<") <= 2 * markup.literal.BUDGET and not markup.has_unclosed_tag(html)


def _shallow(html: str) -> bool:
    depth = 0
    for tag in _TAG.finditer(html):
        if tag.group(1):
            depth -= 1
        elif not tag.group(3) and tag.group(2).lower() not in _VOID:
            depth += 1
            if depth > MAX_DEPTH:
                return False
    return True
