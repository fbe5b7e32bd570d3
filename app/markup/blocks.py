"""Block-level parts of Python-Markdown with bounded work (app/markup/bounded.py wires them in): fenced
code and raw HTML found in one pass, a block's searches remembered across the splits of a heading or rule,
nesting stopped at MAX_DEPTH, lists and tables read once. Each gives the stock part's results."""

import bisect
import itertools
import re
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as etree

import markdown
from markdown import blockparser, blockprocessors
from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.extensions.codehilite import parse_hl_lines
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.tables import TableProcessor
from markdown.htmlparser import HTMLExtractor, inner_blank_line_re
from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor
from markdown.serializers import _escape_attrib_html  # type: ignore[attr-defined]  # private: types-Markdown omits it

from app.markup import literal


class Converter(markdown.Markdown):
    """Python-Markdown holding the stand-ins of the text it converts now, for the budget's preprocessor."""

    stand_ins: literal.StandIns

MAX_DEPTH = 16  # nested lists, quotes and indented blocks; deeper content is kept as a plain paragraph


# The opening line of FencedBlockPreprocessor.FENCED_BLOCK_RE, on one line (hl_lines may not span lines).
_FENCE_OPENING = r"""
    (?P<fence>^(?:~{3,}|`{3,}))[ ]*
    ((\{(?P<attrs>[^\n]*)\})|
    (\.?(?P<lang>[\w#.+-]*)[ ]*)?
    (hl_lines=(?P<quot>"|')(?P<hl_lines>[^\n]*?)(?P=quot)[ ]*)?)
"""
_FENCE_OPEN = re.compile(_FENCE_OPENING + r"$", re.VERBOSE)
_FENCED_BLOCK = re.compile(_FENCE_OPENING + r"""
    \n(?P<code>.*?)(?<=\n)(?P=fence)[ ]*$""", re.MULTILINE | re.DOTALL | re.VERBOSE)
_FENCE_CLOSE = re.compile(r"(?:~{3,}|`{3,})")


_FENCE_LINE = re.compile(r"^(?:```|~~~).*$", re.MULTILINE)


def find_fences(lines: list[str]) -> dict[int, int]:
    """{opening line: closing line} of each fenced code block, as FencedBlockPreprocessor pairs them (the
    first later line that is exactly the opening fence closes it), found in one pass."""
    text = "\n".join(lines)
    candidates, number, last = [], 0, 0
    for fence_line in _FENCE_LINE.finditer(text):
        number += text.count("\n", last, fence_line.start())
        last = fence_line.start()
        candidates.append((number, fence_line.group()))
    closings: dict[str, list[int]] = {}
    for number, line in candidates:
        fence = line.rstrip(" ")
        if _FENCE_CLOSE.fullmatch(fence):
            closings.setdefault(fence, []).append(number)
    fences, after = {}, -1
    for number, line in candidates:
        opening = _FENCE_OPEN.match(line) if number > after else None
        if opening and not (opening.group("attrs") and get_attrs_and_remainder(opening.group("attrs"))[1]):
            later = closings.get(opening.group("fence"), [])
            found = bisect.bisect_right(later, number)
            if found < len(later):
                fences[number] = after = later[found]
    return fences


class _FencedBlocks(FencedBlockPreprocessor):
    """Fenced code blocks found by `find_fences` in one pass (the stock search tries every later line for
    every opening without a close). No code highlighting is configured, so none is done."""

    def run(self, lines: list[str]) -> list[str]:
        fences = find_fences(lines)
        if not fences:
            return lines
        out, number = [], 0
        for opening, closing in sorted(fences.items()):
            out.extend(lines[number:opening])
            match = _FENCED_BLOCK.match("\n".join(lines[opening:closing + 1]))
            assert match is not None  # find_fences paired the block's fences
            out.extend(["", self.md.htmlStash.store(self._code(match)), ""])
            number = closing + 1
        out.extend(lines[number:])
        return out

    # Set by FencedBlockPreprocessor, which types-Markdown does not say.
    config: dict[str, Any]
    if TYPE_CHECKING:
        def _escape(self, txt: str) -> str: ...

    def _code(self, match: re.Match) -> str:
        """The block's HTML, as FencedBlockPreprocessor.run writes it without highlighting."""
        lang, id = None, ""
        classes: list[str] = []
        config: dict[str, Any] = {}
        if match.group("attrs"):
            id, classes, config = self.handle_attrs(get_attrs_and_remainder(match.group("attrs"))[0])
            if len(classes):
                lang = classes.pop(0)
        else:
            if match.group("lang"):
                lang = match.group("lang")
            if match.group("hl_lines"):
                config["hl_lines"] = parse_hl_lines(match.group("hl_lines"))
        id_attr = lang_attr = class_attr = ""
        if lang:
            lang_attr = f' class="{self.config.get("lang_prefix", "language-")}{_escape_attrib_html(lang)}"'
        if classes:
            class_attr = f' class="{_escape_attrib_html(" ".join(classes))}"'
        if id:
            id_attr = f' id="{_escape_attrib_html(id)}"'
        return f"<pre{id_attr}{class_attr}><code{lang_attr}>{self._escape(match.group('code'))}</code></pre>"


class _Budgeted(Preprocessor):
    """Markup beyond the budget is shown as typed (app/markup/literal.py); fenced code is exempt."""

    def __init__(self, md, fenced: bool):
        super().__init__(md)
        self.fenced = fenced

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if literal.within_budget(text):
            return lines
        exempt = []
        if self.fenced and (fences := find_fences(lines)):
            starts = list(itertools.accumulate(map(len, lines), initial=0))  # line n starts at starts[n] + n
            exempt = [(starts[opening] + opening, starts[closing + 1] + closing)
                      for opening, closing in sorted(fences.items())]
        assert isinstance(self.md, Converter)  # app/markup/bounded.py builds every converter
        return literal.limit(text, exempt, self.md.stand_ins).split("\n")


class _RawHtml(HTMLExtractor):
    """Python-Markdown's raw HTML finder, reading each stretch of a start tag's attributes once. The stock
    check matches its start-tag pattern from every "<", and an unclosed tag's attributes can run to the
    end of the text, read again from every "<" inside them. Here the attributes are matched one at a time
    and where each one starts is remembered: a later "<" whose attributes reach a remembered start takes
    its end from there. The pattern is Python-Markdown's (markdown.htmlparser), in pieces; the checks
    after it are Python 3.11's HTMLParser.check_for_whole_start_tag. An end tag with no ">" after it is
    answered without searching the rest of the text for one."""

    _scanned: str | None = None

    def _memo(self) -> dict[int, int]:
        if self.rawdata is not self._scanned:
            self._attributes_end: dict[int, int] = {}
            self._scanned, self._last_gt = self.rawdata, self.rawdata.rfind(">")
            self._name = (0, 0)
        return self._attributes_end

    def _tag_end(self, i: int) -> int:
        """locatestarttagend_tolerant.match(rawdata, i).end()."""
        rawdata, memo = self.rawdata, self._memo()
        start, end = self._name  # a "<" inside the last tag name (names may hold "<") ends where it ends
        if not start < i < end:
            self._name = start, end = i, literal.match_end(_HEAD, rawdata, i)
        position = literal.match_end(_LEAD, rawdata, end)
        visited = []
        while position not in memo:
            attribute = _ATTRIBUTE.match(rawdata, position)
            if not attribute:
                memo[position] = position
                break
            visited.append(position)
            position = attribute.end()
        end = memo[position]
        for start in visited:
            memo[start] = end
        return literal.match_end(_TRAIL, rawdata, end)

    def check_for_whole_start_tag(self, i: int) -> int:
        rawdata = self.rawdata
        j = self._tag_end(i)
        next = rawdata[j:j + 1]
        if next == ">":
            return j + 1
        if next == "/":
            if rawdata.startswith("/>", j):
                return j + 2
            if rawdata.startswith("/", j):
                return -1  # buffer boundary
            return j if j > i else i + 1  # bogus input (unreachable: the test above holds)
        if next == "":
            return -1  # end of input
        if next in "abcdefghijklmnopqrstuvwxyz=/ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            return -1  # end of input in or before attribute value, or the "/" from a "/>" ending
        return j if j > i else i + 1

    def parse_endtag(self, i: int) -> int:
        self._memo()
        if i >= self._last_gt:
            self.handle_data(self.rawdata[i:i + 2])
            return i + 2
        return super().parse_endtag(i)

    def inline_close_follows(self, text: str) -> bool:
        """Whether an open inline tag is closed later in the paragraph (before a blank line), as the stock
        method answers it, which searches the rest of the paragraph once per open tag for every comment:
        here the paragraph's end tags are read once, with where each name last closes."""
        if not self.inline_stack:
            return False
        rawdata, start = self.rawdata, self.line_offset + self.offset + len(text)
        paragraph = getattr(self, "_paragraph", None)
        if paragraph is None or paragraph[0] is not rawdata or not paragraph[1] <= start <= paragraph[2]:
            blank = inner_blank_line_re.search(rawdata, start)
            end = blank.start() if blank else len(rawdata)
            last_close: dict[str, int] = {}
            for close in _END_TAG.finditer(rawdata, start, end):  # every "</", overlapping ones too
                last_close[close.group(1).lower()] = close.start()
            paragraph = self._paragraph = (rawdata, start, end, last_close)
        last_close = paragraph[3]
        return any(last_close.get(tag.lower(), -1) >= start for tag in self.inline_stack)


# The name an end tag would have to have to close at each "</": what stands between "</" and ">" (a name
# has neither spaces nor ">"); looked for at every "</", so that "</</b>" holds "</b>".
_END_TAG = re.compile(r"(?=</\s*([^\s>]+)\s*>)")


# markdown.htmlparser.locatestarttagend_tolerant in pieces: the tag name, the space or slashes before the
# attributes, one attribute with its value and what follows it, the trailing space.
_HEAD = re.compile(r"<[a-zA-Z][^`\t\n\r\f />\x00]*")
_LEAD = re.compile(r"[\s/]*")
_ATTRIBUTE = re.compile(r"""(?<=['"\s/])[^`\s/>][^\s/=>]*(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^`>\s]*)(?:\s*,)*)?"""
                        r"""(?:\s|/(?!>))*""")
_TRAIL = re.compile(r"\s*")


class _RawHtmlBlocks(HtmlBlockPreprocessor):
    def run(self, lines: list[str]) -> list[str]:
        parser = _RawHtml(self.md)
        parser.feed("\n".join(lines))
        parser.close()
        return "".join(parser.cleandoc).split("\n")


class _DepthBoundParser(blockparser.BlockParser):
    """Every nested list, quote or indented block parses its content one level deeper; beyond MAX_DEPTH
    the content stays a paragraph of text. Also keeps Python's recursion far from its limit."""

    depth = 0

    def parseBlocks(self, parent: etree.Element, blocks: list[str]) -> None:
        if self.depth >= MAX_DEPTH:
            text = "\n\n".join(block for block in blocks if block.strip())
            blocks.clear()
            if text:
                etree.SubElement(parent, "p").text = text
            return
        self.depth += 1
        try:
            super().parseBlocks(parent, blocks)
        finally:
            self.depth -= 1


class _FirstMatch:
    """A block processor's `search` over the whole block, remembered for the rest of the block after the
    processors split off a heading, rule or list (a suffix starting at a line): its first match is the
    one found before if that lies in the suffix, and there is none if there was none. Without this each
    split searches the rest again, and a block of many headings costs their number times its length.
    Valid for patterns that look only within lines (all of these start at a line)."""

    def __init__(self, regex: re.Pattern, needed):
        self.regex, self.needed = regex, needed
        self.text: str | None = None
        self.first = -1

    def search(self, block: str, *args) -> re.Match | None:
        if args:
            return self.regex.search(block, *args)
        text = self.text
        if text is not None and len(block) <= len(text):
            skipped = len(text) - len(block)
            if (skipped == 0 or text[skipped - 1] == "\n") and text.endswith(block):
                if self.first < 0:
                    return None
                if skipped <= self.first:
                    return self.regex.search(block, self.first - skipped)
        # What any match contains, looked for first: a plain substring search is ten times faster.
        found = self.regex.search(block) if self.needed(block) else None
        self.text, self.first = block, (found.start() if found else -1)
        return found

    def __getattr__(self, name):
        return getattr(self.regex, name)


def _has_hash_at_line_start(block: str) -> bool:
    return block.startswith("#") or "\n#" in block


def _has_quote_mark(block: str) -> bool:
    return ">" in block


def _has_definition(block: str) -> bool:
    return "]:" in block


def _has_rule_chars(block: str) -> bool:
    return "-" in block or "_" in block or "*" in block


class _Setext(blockprocessors.SetextHeaderProcessor):
    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        """As the stock run, splitting off two lines instead of every line of the block."""
        lines = blocks.pop(0).split("\n", 2)
        h = etree.SubElement(parent, "h1" if lines[1].startswith("=") else "h2")
        h.text = lines[0].strip()
        if len(lines) > 2:
            blocks.insert(0, lines[2])


class _ListItems:
    """OListProcessor.get_items gathering each item's lines in a list (the stock one copies the item so far
    for every line it adds)."""

    # OListProcessor's, which this is mixed into.
    CHILD_RE: re.Pattern[str]
    INDENT_RE: re.Pattern[str]
    TAG: str
    STARTSWITH: str
    tab_length: int

    def get_items(self, block: str) -> list[str]:
        items: list[list[str]] = []
        for line in block.split("\n"):
            m = self.CHILD_RE.match(line)
            if m:
                if not items and self.TAG == "ol":
                    number = re.match(r"(\d+)", m.group(1))
                    assert number is not None  # an ordered item's marker starts with its number
                    self.STARTSWITH = number.group()
                items.append([m.group(3)])
            elif self.INDENT_RE.match(line):
                if items[-1][0].startswith(" " * self.tab_length):
                    items[-1].append(line)
                else:
                    items.append([line])
            else:
                items[-1].append(line)
        return ["\n".join(item) for item in items]


_SEPARATOR_CHARS = frozenset("|:- \\")  # a trailing border may be escaped backslashes


class _Tables(TableProcessor):
    """Reads only the rows it needs to decide (the stock test splits every line of the block, each time the
    rest of a block is tested), and pairs backticks and pipes in one pass per row."""

    def test(self, parent: etree.Element, block: str) -> bool:
        first_end = block.find("\n")
        second_end = block.find("\n", first_end + 1)
        second = block[first_end + 1:second_end] if second_end >= 0 else block[first_end + 1:]
        if first_end < 0 or not _SEPARATOR_CHARS.issuperset(second):
            return False  # the second row's cells must hold only "|:- ", and so must the row
        rest = block[first_end + 1:]
        header0 = block[:first_end].strip(" ")
        border = 0
        if header0.startswith("|"):
            border |= 1
        if self.RE_END_BORDER.search(header0) is not None:
            border |= 2
        self.border = border  # type: ignore[assignment]  # flags 0-3, as TableProcessor keeps it; typed bool
        row = self._split_row(header0)  # type: ignore[attr-defined]  # TableProcessor's; types-Markdown omits it
        row0_len = len(row)
        is_table = row0_len > 1
        if not is_table and row0_len == 1 and self.border:
            for line in rest.split("\n"):  # a single-column table: every row needs a pipe
                line = line.strip(" ")
                is_table = line.startswith("|") or self.RE_END_BORDER.search(line) is not None
                if not is_table:
                    break
        if is_table:
            row = self._split_row(second.strip(" "))  # type: ignore[attr-defined]  # (as above)
            is_table = (len(row) == row0_len) and set("".join(row)) <= set("|:- ")
            if is_table:
                self.separator = row
        return is_table

    def _split(self, row: str) -> list[str]:
        """As TableProcessor._split: cells at pipes outside code spans (backtick runs of equal length)."""
        pipes, tics = [], []
        for m in self.RE_CODE_PIPES.finditer(row):
            if m.group(2):
                tics.append((len(m.group(2)) - 1, m.start(2), m.end(2) - 1, 1))
            elif m.group(3):
                tics.append((len(m.group(3)), m.start(3), m.end(3) - 1, 0))
            elif m.group(5):
                pipes.append(m.start(5))
        # Each run opens a code span closed by the next later run of its size (an escaped opening counts one
        # backtick less); pipes inside a span are not cell boundaries.
        later: dict[int, list[int]] = {}
        for index, tic in enumerate(tics):
            later.setdefault(tic[0], []).append(index)
        regions, pos = [], 0
        while pos < len(tics):
            size = tics[pos][0] - tics[pos][3]
            runs = later.get(size, []) if size else []
            found = bisect.bisect_right(runs, pos)
            if found < len(runs):
                regions.append((tics[pos][1], tics[runs[found]][2]))
                pos = runs[found] + 1
            else:
                pos += 1
        cells, start, region = [], 0, 0
        for pipe in pipes:
            while region < len(regions) and regions[region][1] < pipe:
                region += 1
            if region < len(regions) and regions[region][0] <= pipe:
                continue
            cells.append(row[start:pipe])
            start = pipe + 1
        cells.append(row[start:])
        return cells


# The stock block parts replaced, by name and priority (markdown.blockprocessors.build_block_parser, the
# fenced_code, tables and sane_lists extensions).
_NEEDED_BY_SEARCHES = (("hashheader", "RE", _has_hash_at_line_start), ("quote", "RE", _has_quote_mark),
                       ("reference", "RE", _has_definition), ("hr", "SEARCH_RE", _has_rule_chars))


def install(md) -> None:
    """Swap the block-level parts of a configured Markdown for the bounded ones."""
    fenced = "fenced_code_block" in md.preprocessors
    md.preprocessors.register(_Budgeted(md, fenced), "markup_budget", 27)
    md.preprocessors.register(_RawHtmlBlocks(md), "html_block", 20)
    if fenced:
        md.preprocessors.register(_FencedBlocks(md, md.preprocessors["fenced_code_block"].config),
                                  "fenced_code_block", 25)
    md.parser.__class__ = _DepthBoundParser
    processors = md.parser.blockprocessors
    if "table" in processors:
        processors.register(_Tables(md.parser, processors["table"].config), "table", 75)
    for name, attribute, needed in _NEEDED_BY_SEARCHES:
        setattr(processors[name], attribute, _FirstMatch(getattr(processors[name], attribute), needed))
    processors.register(_Setext(md.parser), "setextheader", 60)
    for name, priority in (("olist", 40), ("ulist", 30)):
        stock = type(processors[name])
        processors.register(type("Bounded" + stock.__name__, (_ListItems, stock), {})(md.parser), name, priority)
