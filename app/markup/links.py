"""Bare addresses become links in time linear in the text: bleach's LinkifyFilter finding the same addresses
without reading a long run of labels once per position, trimming trailing punctuation in one pass, and
linking at most MAX_LINKS."""

import re

from bleach import html5lib_shim
from bleach.linkifier import TLDS, LinkifyFilter

from app.markup import literal

MAX_LINKS = 500  # bare addresses made links per text; more are left as text


def _prefix_tree(words: list[str]) -> str:
    """A pattern matching exactly `words`, as a prefix tree: each branch starts with its own character, so a
    failed try costs a few characters instead of one try per word."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return pattern(tree)


_PROTOCOLS = "|".join(sorted(html5lib_shim.allowed_protocols))  # type: ignore[attr-defined]  # not in bleach's stubs
# bleach.linkifier.build_url_re as it is, with the top-level domains as a prefix tree: a domain must be followed
# by a word boundary, so only one of them can match where the list's order would choose.
URL_RE = re.compile(
    rf"""\(*  # Match any opening parentheses.
    \b(?<![@.])(?:(?:{_PROTOCOLS}):/{{0,3}}(?:(?:\w+:)?\w+@)?)?  # http://
    ([\w-]+\.)+(?:{_prefix_tree(TLDS)})(?:\:[0-9]+)?(?!\.\w)\b   # xx.yy.tld(:##)?
    (?:[/?][^\s\{{\}}\|\\\^`<>"]*)?
        # /path/zz (excluding "unsafe" chars from RFC 3986,
        # except for # and ~, which happen in practice)
    """,
    re.IGNORECASE | re.VERBOSE | re.UNICODE,
)
# Where URL_RE can start: an opening parenthesis, or a word boundary before a word character or dash.
_START = re.compile(r"\(|\b(?<![@.])(?=[\w-])")
# What a start that found no address has read: labels joined by single dots (or a run of parentheses).
_CHAIN = re.compile(r"\(+|(?:[\w-]+\.)*[\w-]*")
# Without a long run of labels or parentheses no try at a position reads far.
_LONG_RUN = re.compile(r"[\w.-]{64}|\({64}")
_PROTOCOL_START = re.compile(rf"\b(?<![@.])(?:{_PROTOCOLS}):", re.IGNORECASE)


class _Addresses:
    """URL_RE.finditer without trying again where it already failed: URL_RE, tried at every position of a
    long run of labels (or parentheses), reads the rest of the run from each (n^2). A later start inside
    the labels a failed start read could only read a suffix of the same labels, so it fails too; only a
    protocol ("http:") there starts something new. After a run of parentheses that led nowhere, the next
    start is tried from where the run ends. The matches are finditer's."""

    def finditer(self, text: str):
        if not _LONG_RUN.search(text):  # every try reads a short stretch: URL_RE's own search is faster
            return URL_RE.finditer(text)
        return self.skipping(text)

    @staticmethod
    def skipping(text: str):
        position = 0
        while start := _START.search(text, position):
            found = URL_RE.match(text, start.start())
            if found:
                yield found
                position = max(found.end(), start.start() + 1)
                continue
            end = max(literal.match_end(_CHAIN, text, start.start()), start.start() + 1)
            protocol = _PROTOCOL_START.search(text, start.start() + 1, end + 1)  # the name, then its ":"
            position = protocol.start() if protocol else end


class BoundedLinkify(LinkifyFilter):
    def __init__(self, source, **kwargs):
        super().__init__(source, url_re=_Addresses(), **kwargs)
        self.links_left = MAX_LINKS

    def apply_callbacks(self, attrs, is_new):
        if is_new:
            if self.links_left <= 0:
                return None  # left as text
            self.links_left -= 1
        return super().apply_callbacks(attrs, is_new)

    def strip_non_url_bits(self, fragment):
        """As LinkifyFilter.strip_non_url_bits (balanced leading "(", then trailing ")" when no "(" is left,
        "," and "."), with indexes instead of a new string per character."""
        low, high, opened, suffix = 0, len(fragment), 0, []
        while low < high and fragment[low] == "(":
            low, opened = low + 1, opened + 1
            if low < high and fragment[high - 1] == ")":
                high -= 1
                suffix.append(")")
        has_open = fragment.find("(", low, high) >= 0
        while low < high and (fragment[high - 1] in ",." or (fragment[high - 1] == ")" and not has_open)):
            high -= 1
            suffix.append(fragment[high])
        return fragment[low:high], "(" * opened, "".join(reversed(suffix))
