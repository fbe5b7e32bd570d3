"""Markup beyond a budget is shown as typed: each further markup character is swapped for a private-use
stand-in that Markdown and the sanitiser read as plain text, and the finished HTML gets it back, escaped.

What a text costs to render grows with the markup it uses (elements, entities, the parser's searches), so
a text gets `BUDGET` markup characters; no real post comes near it (the densest of ~4,400 Stack Exchange
posts uses 227). Code inside fences is exempt: Markdown keeps it as it is. The same stand-ins hide from the
sanitiser what it reads slowly but would keep unchanged (entities in code), and show as text the tags
whose attributes it would read in quadratic time.
"""

import functools
import itertools
import re

# Markup characters a text may use before the rest is shown as typed: the cost of a text at the budget is
# measured in bench/results/ (the bound itself is guarded by tests/unit/markup/test_markup_bounds.py).
BUDGET = 1000

# What each stand-in stands for, and becomes in the finished HTML: characters Markdown or HTML could read
# as markup come back escaped, a blank line between paragraphs as a space (never nothing, which could join
# the two halves of a word in a link), the entities as themselves (also hidden from the sanitiser in code).
_RESTORED = {char: char for char in "*_`[]\\|#=-+.~ "} | {"\n": " "} | {
    entity: entity for entity in ("&lt;", "&gt;", "&amp;", "&quot;")}
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_PRIVATE_RANGES = ((0xE000, 0xF900), (0xF0000, 0xFFFFE), (0x100000, 0x10FFFE))  # 137,468 characters
_FIRST_FREE = tuple(map(chr, range(0xE000, 0xE000 + len(_RESTORED))))


def match_end(pattern: re.Pattern[str], text: str, position: int) -> int:
    """Where `pattern` stops matching `text` from `position`, where it is known to match (it matches the empty
    string, or the caller saw what it starts with)."""
    found = pattern.match(text, position)
    assert found is not None
    return found.end()


class StandIns:
    """One text's stand-ins: private-use characters the text itself does not contain, so that restoring
    them cannot touch what the author typed (and the text keeps its length, which tabs depend on). A text
    needs fewer than 137,000 distinct private-use characters (a post has at most 30,000 characters)."""

    def __init__(self, chars: tuple[str, ...]):
        self.of = dict(zip(_RESTORED, chars, strict=True))
        self.as_typed = str.maketrans({char: self.of[char] for char in "*_`[]\\|~-+=#"} | {
            "<": self.of["&lt;"], ">": self.of["&gt;"], "&": self.of["&amp;"]})
        self.restored = str.maketrans({stand_in: _RESTORED[text] for text, stand_in in self.of.items()})
        self.pattern = re.compile(f"[{''.join(chars)}]")

    @staticmethod
    def for_text(text: str) -> "StandIns":
        used = set(_PRIVATE_USE.findall(text)) if _PRIVATE_USE.search(text) else ()
        if not used:
            return _stand_ins(_FIRST_FREE)
        free = (char for first, end in _PRIVATE_RANGES for char in map(chr, range(first, end)) if char not in used)
        return _stand_ins(tuple(itertools.islice(free, len(_RESTORED))))

    def restore(self, html: str) -> str:
        """Stand-ins back to what they stand for, escaped."""
        return html.translate(self.restored) if self.pattern.search(html) else html


# What a text's budget pays for, in document order: an e-mail autolink, a character for each of its
# characters (Markdown writes each as two entities), and so an entity longer than any real one (the
# sanitiser reads it in time growing with the square of its length); markup characters wherever they
# are; block markers where a line can start one (at its start, or after a space, quote mark or star:
# "- - - a" nests three lists; "1." costs its dot); each blank line (it ends a paragraph); two spaces
# ending a line (a line break).
_COUNTED = re.compile(r"(?P<long><[^<> !]+@[^@<> ]+>|&#?[xX]?[0-9a-zA-Z]{32,};)|[*_`\[\]\\|<>&]"
                      r"|(?:^|(?<=[ >*]))(?:[-+=#~]|\d+\.)|\n(?=\n)|  (?=\n)", re.MULTILINE)
_NUMBERED = re.compile(r"(?:^|(?<=[ >*]))(\d+)\.", re.MULTILINE)
_BLANK = re.compile(r"(?<=\n)(?=\n)")
_LINE_END_SPACE = re.compile(r" (?=\n)")


def within_budget(text: str) -> bool:
    """What `limit` counts, counted at once (an e-mail autolink or overlong entity costs its length)."""
    return sum(len(long) or 1 for long in _COUNTED.findall(text)) <= BUDGET


def limit(text: str, exempt: list[tuple[int, int]], stand_ins: StandIns) -> str:
    """The text with everything `_COUNTED` beyond the budget shown as typed. `exempt` are the (start, end)
    of fenced code blocks in order: Markdown keeps their content as it is, so only their fences count (two);
    a block beyond the budget is shown as typed, fences and all."""
    left, position = BUDGET, 0
    for start, end in [*exempt, (len(text), len(text))]:
        for counted in _COUNTED.finditer(text, position, start):
            left -= len(counted.group()) if counted.lastgroup == "long" else 1
            if left < 0:
                return _cut(text, counted.start(), stand_ins)
        if start < len(text):
            left -= 2
            if left < 0:
                return _cut(text, start, stand_ins)
        position = end
    return text


def _cut(text: str, at: int, stand_ins: StandIns) -> str:
    """Shown as typed from `at`, or from the "<" before it that no ">" has closed yet: a tag left open
    would take the rest of the text as its attributes. Beyond the cut every markup character, block marker
    (wherever it is: elsewhere it is plain text, and comes back as it was), paragraph break and line break
    is swapped."""
    opened = text.rfind("<", 0, at)
    if opened > text.rfind(">", 0, at):
        at = opened
    rest = text[at:].rstrip("\n")  # the blank lines ending the text end no paragraph
    rest = _NUMBERED.sub("\\1" + stand_ins.of["."], rest)  # before the quote marks and stars it follows
    rest = _LINE_END_SPACE.sub(stand_ins.of[" "], _BLANK.sub(stand_ins.of["\n"], rest))
    return text[:at] + rest.translate(stand_ins.as_typed) + text[at + len(text[at:].rstrip("\n")):]


def as_typed(line: str, stand_ins: StandIns) -> str:
    """A line with its markup characters swapped (a fence beyond the budget)."""
    return line.translate(stand_ins.as_typed)


_TEXT_CODE = re.compile(r"(<code(?: class=\"[^\"<>]*\")?>)([^<]*)(</code>)")
# The entities the sanitiser keeps as they are: "&amp;" before a name it reads as "&" and the name.
_KEPT_ENTITY = re.compile(r"&(?:lt|gt|quot);|&amp;(?![#a-zA-Z])")


def hide_code_entities(html: str, stand_ins: StandIns) -> str:
    """Entities inside code (without tags) become stand-ins: the sanitiser reads an entity ~40 times slower
    than a character, and a 30,000-character code block is mostly entities. Restored to the same entity."""
    if "<code" not in html:
        return html
    def hidden(code: re.Match) -> str:
        inside = _KEPT_ENTITY.sub(lambda entity: stand_ins.of[entity.group()], code.group(2))
        return code.group(1) + inside + code.group(3)

    return _TEXT_CODE.sub(hidden, html)


_HTML_MARKUP = re.compile(r"[<&]")


_LONG_ENTITY = re.compile(r"&(?=#?[xX]?[0-9a-zA-Z]{32,};)")


def limit_html(html: str, stand_ins: StandIns, allowed: int = BUDGET) -> str:
    """HTML written elsewhere: its "<" and "&" beyond the budget become stand-ins, shown as text (the
    densest real imported post has 210; a thousand nested quotes cost the sanitiser 30 ms), and so does
    an entity longer than any real one (the sanitiser reads it in time growing with its length squared)."""
    if "&" in html:
        html = _LONG_ENTITY.sub(stand_ins.of["&amp;"], html)
    found = [m.start() for m in _HTML_MARKUP.finditer(html)]
    if len(found) <= allowed:
        return html
    kept = found[allowed]
    return html[:kept] + html[kept:].replace("&", stand_ins.of["&amp;"]).replace("<", stand_ins.of["&lt;"])


MAX_ATTRIBUTES = 16  # per tag: the sanitiser compares each attribute with every earlier one
MAX_ALL_ATTRIBUTES = 1000  # in a text
# Where the sanitiser's HTML tokenizer would start a tag, its attributes up to the ">" (or the end), and
# their parts (an attribute name leaves the group empty).
_TAG_START = re.compile(r"</?[a-zA-Z]")  # end tags too: their attributes are read (then dropped)
_TAG_BODY = re.compile(r"""(?:\s+|/|=\s*(?:"[^"]*"?|'[^']*'?|[^\s>]*)|[^\s/>=]+)*""")
_TAG_PART = re.compile(r"""(\s+|/|=\s*(?:"[^"]*"?|'[^']*'?|[^\s>]*))|[^\s/>=]+""")


def limit_tags(html: str, stand_ins: StandIns) -> str:
    """HTML for the sanitiser with every tag of more than MAX_ATTRIBUTES attributes, and every tag past
    MAX_ALL_ATTRIBUTES in all, shown as text (with any "<" among its attributes, which would start the
    next such tag): reading a tag costs the square of its attributes. Markdown writes at most three; only
    an author's own HTML can have more."""
    left, position, shown = MAX_ALL_ATTRIBUTES, 0, []
    while tag := _TAG_START.search(html, position):
        end = match_end(_TAG_BODY, html, tag.end())
        names = _TAG_PART.findall(html, tag.end(), end).count("")
        left -= names
        if names > MAX_ATTRIBUTES or left < 0:
            shown.append((tag.start(), end))
        position = max(end, tag.end())
    if not shown:
        return html
    pieces, last = [], 0
    for start, end in shown:
        pieces += [html[last:start], html[start:end].replace("<", stand_ins.of["&lt;"])]
        last = end
    return "".join(pieces) + html[last:]


@functools.lru_cache(maxsize=32)
def _stand_ins(chars: tuple[str, ...]) -> StandIns:
    if len(chars) < len(_RESTORED):
        raise ValueError("a text with every private-use character")
    return StandIns(chars)
