"""Reading the search page as a user does: the result titles in order, and the messages shown."""

import html
import re

_RESULT_TITLE = re.compile(r'<li class="search-result"[^>]*>\s*<h3 class="question-title"><a href="[^"]*">(.*?)</a>',
                           re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def result_titles(page: str) -> list[str]:
    return [html.unescape(_TAGS.sub("", title)) for title in _RESULT_TITLE.findall(page)]


def result_count(page: str) -> int:
    match = re.search(r'<p class="count" role="status">([\d,.]+) results?</p>', page)
    return int(match.group(1).replace(",", "")) if match else 0
