"""Inline parts of Python-Markdown with bounded work (app/markup/bounded.py wires them in): brackets and
backticks paired from tables built once per text node instead of a character loop to its end for each
candidate, link destinations read at the parentheses and quotes only, and patterns skipped for text without
the character they need. Each gives the stock part's results."""

import bisect
import re
from typing import TYPE_CHECKING

from markdown import inlinepatterns, treeprocessors


class _Scans:
    """Tables of a text node's brackets and backtick runs, built once and reused while the node's text
    changes: the inline processor only replaces a matched span before the position it reads next, and
    what a `[` or a backtick run pairs with depends only on the text after it."""

    def __init__(self) -> None:
        self.base = ""  # the text the tables describe
        self.text: str | None = None  # the latest text, the same as base's end from `valid_from` on (None: none yet)
        self.valid_from = 0
        self._brackets: dict[int, int] | None = None
        self._ticks: tuple[dict[int, list[int]], list[tuple[int, int]], list[tuple[int, int]]] | None = None

    def _shift(self, text: str, position: int) -> int:
        """base index minus text index, for reading text from `position` on; rebuilds when they differ."""
        if text is self.text and position >= self.valid_from:
            return len(self.base) - len(text)
        if self.text is not None:  # (set with base)
            shift = len(self.base) - len(text)
            if position + shift >= 0 and self.base.endswith(text[position:]):
                self.text, self.valid_from = text, position
                return shift
        self.base, self.text, self.valid_from = text, text, 0
        self._brackets = self._ticks = None
        return 0

    def closing_bracket(self, text: str, index: int) -> int:
        """The `]` that closes the `[` just before `index`, counting nested pairs, or -1."""
        shift = self._shift(text, index - 1)
        if self._brackets is None:
            brackets: dict[int, int] = {}
            opened: list[int] = []
            for position, bracket in _brackets_found(self.base):
                if bracket == "[":
                    opened.append(position)
                elif opened:
                    brackets[opened.pop()] = position
            self._brackets = brackets
        found = self._brackets.get(index - 1 + shift, -1)
        return found - shift if found >= 0 else -1

    def code_span(self, text: str, start: int) -> tuple[int, int | None]:
        """BacktickInlineProcessor.find_code_spans from the table of backtick runs: the run holding `start`
        (the pattern may match inside a run whose first backtick is escaped), then the first later run of
        the same length, else the longest shorter one."""
        shift = self._shift(text, start)
        if self._ticks is None:
            runs = [(len(m.group()), m.start()) for m in _TICKS.finditer(self.base)]
            by_length: dict[int, list[int]] = {}
            for length, at in runs:
                by_length.setdefault(length, []).append(at)
            longest: list[tuple[int, int]] = []
            best = (0, -1)
            for length, at in reversed(runs):  # the longest run at or after each, the first of equals
                if length >= best[0]:
                    best = (length, at)
                longest.append(best)
            longest.reverse()
            self._ticks = (by_length, runs, longest)
        by_length, runs, longest = self._ticks
        start += shift
        current = bisect.bisect_right(runs, start, key=lambda run: run[1]) - 1
        max_ticks = 0
        if current >= 0 and runs[current][1] <= start < runs[current][1] + runs[current][0]:
            max_ticks = runs[current][1] + runs[current][0] - start
        start += max_ticks
        same = by_length.get(max_ticks, [])
        found = bisect.bisect_left(same, start)
        if found < len(same):
            return start - shift, same[found] - shift
        if current + 1 < len(runs):
            longest_span, at = longest[current + 1]
            if 0 < longest_span < max_ticks:
                return start - (max_ticks - longest_span) - shift, at - shift
        return start + max_ticks - shift, None


def _brackets_found(text: str):
    return ((m.start(), m.group()) for m in _BRACKET.finditer(text))


_BRACKET = re.compile(r"[\[\]]")
_TICKS = re.compile(r"`+")
_LINK_SCAN = re.compile(r"[()'\"]")
LINK_SCAN_LIMIT = 64  # parentheses and quotes read for one link's destination and title


class _LinkText:
    """getText from a table of bracket pairs, instead of a character loop to the end of the text."""

    scans: _Scans
    # LinkInlineProcessor's, which this is mixed into.
    RE_LINK: re.Pattern[str]
    RE_TITLE_CLEAN: re.Pattern[str]
    if TYPE_CHECKING:
        def unescape(self, text: str) -> str: ...

    def getText(self, data: str, index: int) -> tuple[str, int, bool]:
        closing = self.scans.closing_bracket(data, index)
        if closing < 0:
            return "", index, False
        return data[index:closing], closing + 1, True

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        """LinkInlineProcessor.getLink, reading only parentheses and quotes, and at most LINK_SCAN_LIMIT of
        them: a destination and title with more is left as text."""
        href, title, handled = "", None, False
        m = self.RE_LINK.match(data, pos=index)
        if m and m.group(1):
            href = m.group(1)[1:-1].strip()
            if m.group(2):
                title = m.group(2)[1:-1]
            index, handled = m.end(0), True
        elif m:
            href, title, index, handled = _scan_link(data, m.end())
        if title is not None:
            title = self.RE_TITLE_CLEAN.sub(" ", inlinepatterns.dequote(self.unescape(title.strip())))
        return self.unescape(href).strip(), title, index, handled


def _scan_link(data: str, start_index: int) -> tuple[str, str | None, int, bool]:
    """The bracket and quote tracking of LinkInlineProcessor.getLink, visiting only `()'"`; `last` (the last
    non-space character before the one read) is looked up when a parenthesis closes."""
    bracket_count = backtrack_count = 1
    index, last_bracket = start_index, -1
    quote = alt_quote = None
    start_quote = exit_quote = start_alt_quote = exit_alt_quote = -1
    ignore_matches = False
    href, title = "", None
    for read, m in enumerate(_LINK_SCAN.finditer(data, start_index)):
        if read == LINK_SCAN_LIMIT:
            return "", None, start_index, False
        pos = m.start()
        c = data[pos]
        index = pos
        if c == "(":
            if not ignore_matches:
                bracket_count += 1
            elif backtrack_count > 0:
                backtrack_count -= 1
        elif c == ")":
            last = _last_non_space(data, start_index, pos)
            if (exit_quote != -1 and quote == last) or (exit_alt_quote != -1 and alt_quote == last):
                bracket_count = 0
            elif not ignore_matches:
                bracket_count -= 1
            elif backtrack_count > 0:
                backtrack_count -= 1
                if backtrack_count == 0:
                    last_bracket = index + 1
        elif not quote:
            ignore_matches, backtrack_count, bracket_count = True, bracket_count, 1
            start_quote, quote = index + 1, c
        elif c != quote and not alt_quote:
            start_alt_quote, alt_quote = index + 1, c
        elif c == quote:
            exit_quote = index + 1
        elif alt_quote and c == alt_quote:
            exit_alt_quote = index + 1
        index += 1
        if bracket_count == 0:
            last = _last_non_space(data, start_index, pos)
            if exit_quote >= 0 and quote == last:
                href, title = data[start_index:start_quote - 1], data[start_quote:exit_quote - 1]
            elif exit_alt_quote >= 0 and alt_quote == last:
                href, title = data[start_index:start_alt_quote - 1], data[start_alt_quote:exit_alt_quote - 1]
            else:
                href = data[start_index:index - 1]
            break
    else:
        index = len(data)
    if bracket_count != 0 and backtrack_count == 0:
        href, index, bracket_count = data[start_index:last_bracket - 1], last_bracket, 0
    return href, title, index, bracket_count == 0


def _last_non_space(data: str, start: int, pos: int) -> str:
    """The last character other than a space in data[start:pos], or ""."""
    pos -= 1
    while pos >= start and data[pos] == " ":
        pos -= 1
    return data[pos] if pos >= start else ""


def _link_class(base: type) -> type:
    return type("Bounded" + base.__name__, (_LinkText, base), {})


class _Backticks(inlinepatterns.BacktickInlineProcessor):
    """find_code_spans from a table of backtick runs, instead of a character loop to the end of the text."""

    scans: _Scans

    # Markdown returns (ticks, end or None), as here; types-Markdown says a pair or None.
    def find_code_spans(self, start: int, text: str) -> tuple[int, int | None]:  # type: ignore[override]
        return self.scans.code_span(text, start)


class _Inline(treeprocessors.InlineProcessor):
    """The patterns as a list (the registry looks each one up by index, sorting it each time), and a pattern
    skipped for a text without the character every match of it holds: each try costs ~6 µs, fourteen
    patterns for every heading, list item and table cell."""

    def run(self, tree, ancestors=None):
        self.inlinePatterns = list(self.md.inlinePatterns)
        return super().run(tree, ancestors)

    # Overrides InlineProcessor's private __applyPattern (so the name is spelled as Python mangles it).
    def _InlineProcessor__applyPattern(self, pattern, data, patternIndex, startIndex=0):
        needs = getattr(pattern, "needs", None)
        if needs is not None and not any(needed in data for needed in needs):
            return data, False, 0
        return super()._InlineProcessor__applyPattern(pattern, data, patternIndex, startIndex)


# What every match of a stock inline pattern holds (markdown.inlinepatterns: BACKTICK_RE, ESCAPE_RE, ...).
_NEEDS = {"backtick": ("`",), "escape": ("\\",), "reference": ("[",), "link": ("[",), "image_link": ("[",),
          "image_reference": ("[",), "short_reference": ("[",), "short_image_ref": ("[",), "autolink": ("<",),
          "automail": ("<",), "linebreak": ("  \n",), "html": ("<",), "entity": ("&",), "em_strong": ("*", "_")}


# The stock link patterns, their names and priorities (markdown.inlinepatterns.build_inlinepatterns).
_LINKS = {"reference": (inlinepatterns.ReferenceInlineProcessor, 170),
          "link": (inlinepatterns.LinkInlineProcessor, 160),
          "image_link": (inlinepatterns.ImageInlineProcessor, 150),
          "image_reference": (inlinepatterns.ImageReferenceInlineProcessor, 140),
          "short_reference": (inlinepatterns.ShortReferenceInlineProcessor, 130),
          "short_image_ref": (inlinepatterns.ShortImageReferenceInlineProcessor, 125)}


def install(md) -> None:
    """Swap the inline parts of a configured Markdown for the bounded ones."""
    scans = _Scans()
    for name, (base, priority) in _LINKS.items():
        bounded = _link_class(base)(md.inlinePatterns[name].pattern, md)
        bounded.scans = scans
        md.inlinePatterns.register(bounded, name, priority)
    backticks = _Backticks(inlinepatterns.BACKTICK_RE)
    backticks.scans = scans
    md.inlinePatterns.register(backticks, "backtick", 190)
    md.treeprocessors.register(_Inline(md), "inline", 20)
    for name, needs in _NEEDS.items():
        if name in md.inlinePatterns:
            md.inlinePatterns[name].needs = needs
