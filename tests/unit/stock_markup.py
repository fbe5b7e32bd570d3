"""The renderer as it was before its work was bounded: stock Python-Markdown and bleach, configured as
app/markup does (with its one rule on top of bleach: a numeric reference to a character no typed text keeps is
shown as typed). The bounded renderer must give the same HTML for every text within the markup budget."""

import re
from functools import partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter

from app import markup


def _cleaner(tags: list[str]) -> bleach.Cleaner:
    linkify = partial(LinkifyFilter, callbacks=[markup._set_link_rel], skip_tags=["pre", "code"], parse_email=False)
    return bleach.Cleaner(tags=tags, attributes=markup._allowed_attribute, protocols=markup.LINK_PROTOCOLS,
                          strip=True, filters=[linkify])


def render_post(text: str) -> str:
    html = markdown.markdown(text, extensions=["fenced_code", "tables", "sane_lists",
                                               markup._ShiftHeadingsExtension()], output_format="html")
    return markup._dropped_references_as_text(_cleaner(markup.POST_TAGS).clean(html))


def render_comment(text: str) -> str:
    cleaned = markup._dropped_references_as_text(
        _cleaner(markup.COMMENT_TAGS).clean(markdown.markdown(text, output_format="html")))
    return re.sub(r"\s*\n\s*", " ", cleaned).strip()


def clean_post_html(html: str) -> str:
    shifted = re.sub(r"<(/?)h([1-6])\b", lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}", html,
                     flags=re.IGNORECASE)
    return markup._dropped_references_as_text(_cleaner(markup.POST_TAGS).clean(shifted))
