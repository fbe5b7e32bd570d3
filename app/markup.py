"""The one place user Markdown becomes HTML: rendered with `markdown`, sanitised with a `bleach` allowlist."""

import re
from functools import partial
from urllib.parse import urlparse

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

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
                element.tag = "h%d" % min(int(element.tag[1]) + 2, 6)


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


# Sanitising and linkifying in one pass: bare URLs become links, and every link gets our rel.
_linkify = partial(LinkifyFilter, callbacks=[_set_link_rel], skip_tags=["pre", "code"], parse_email=False)
_post_cleaner = bleach.Cleaner(tags=POST_TAGS, attributes=_allowed_attribute, protocols=LINK_PROTOCOLS,
                               strip=True, filters=[_linkify])
_comment_cleaner = bleach.Cleaner(tags=COMMENT_TAGS, attributes=_allowed_attribute, protocols=LINK_PROTOCOLS,
                                  strip=True, filters=[_linkify])


def render_post(text: str) -> str:
    """Markdown for questions and answers: headings, lists, code blocks, tables, links, https images."""
    html = markdown.markdown(
        text, extensions=["fenced_code", "tables", "sane_lists", _ShiftHeadingsExtension()],
        output_format="html",
    )
    return _post_cleaner.clean(html)


def clean_post_html(html: str) -> str:
    """Sanitise HTML written elsewhere (an imported post) with the same allowlist, headings shifted as ours."""
    shifted = re.sub(r"<(/?)h([1-6])\b", lambda m: "<%sh%d" % (m.group(1), min(int(m.group(2)) + 2, 6)), html,
                     flags=re.IGNORECASE)
    return _post_cleaner.clean(shifted)


def render_comment(text: str) -> str:
    """Comments allow inline code, emphasis and links only."""
    html = markdown.markdown(text, output_format="html")
    # Block structure is stripped, so join what were paragraphs or list items into one line.
    return re.sub(r"\s*\n\s*", " ", _comment_cleaner.clean(html)).strip()


def plain_text(html: str) -> str:
    """Text of rendered HTML, for excerpts and meta descriptions."""
    return re.sub(r"\s+", " ", bleach.clean(html, tags=[], strip=True)).strip()
