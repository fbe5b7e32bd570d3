"""The assistant's answer, composed from its sources' own words: a cited answer's HTML (sanitised when it was
written, app/markup.py) is split into blocks — the sentences of its paragraphs; lists, code blocks, tables and
quotes whole — and the blocks holding the customer's words are kept, in the source's order, within a budget.

Nothing is written here: every block is a piece of the source's own HTML, serialised again from its parsed
tree (text escaped, only the source's own attributes), so every word shown comes from the source. Work is
bounded by the source's length (one pass to parse, one to choose)."""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from markupsafe import Markup

from app import text_analysis as analysis

VOID = frozenset({"br", "hr", "img"})
WHOLE = {"ul": "list", "ol": "list", "pre": "code", "table": "table", "blockquote": "quote"}
# The space between two sentences: after an end mark (and any closing quote or bracket), before a capital.
SENTENCE_SPACE = re.compile(r"(?<=[.!?…])([\"”’»)\]]*)(\s+)(?=[\"“«(¿¡]?[A-ZÀ-ÖØ-Þ0-9])")
# What a source contributes: at most this many sentences and this much text (a list or code block kept
# whole counts its length; one longer than WHOLE_MAX is left to the link, as it cannot be cut).
SENTENCES = 4
TEXT_BUDGET = 700
WHOLE_MAX = 1500


class Element:
    """A parsed element: its tag, its own attributes (already sanitised), its children (elements and text)."""

    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: list[tuple[str, str | None]]):
        self.tag, self.attrs = tag, attrs
        self.children: list[Element | str] = []

    def html(self) -> str:
        attrs = "".join(f' {name}="{escape(value or "", quote=True)}"' for name, value in self.attrs)
        if self.tag in VOID:
            return f"<{self.tag}{attrs}>"
        return f"<{self.tag}{attrs}>{serialise(self.children)}</{self.tag}>"

    def text(self) -> str:
        return "" if self.tag == "img" else "".join(c if isinstance(c, str) else c.text() for c in self.children)


def serialise(nodes) -> str:
    return "".join(escape(node, quote=False) if isinstance(node, str) else node.html() for node in nodes)


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("root", [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, attrs))

    def handle_endtag(self, tag):
        # Close up to the matching open element; a stray end tag (never in sanitised HTML) is ignored.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass(frozen=True)
class Block:
    """A piece of a source: a sentence (`paragraph` says which paragraph it belongs to) or a whole list, code
    block, table or quote. `html` is the source's own markup for it, `text` its words."""

    kind: str  # sentence | list | code | table | quote
    html: str
    text: str
    paragraph: int = -1


def _sentences(paragraph: Element, number: int) -> list[Block]:
    """A paragraph's sentences. An inline element (a link, code, emphasis) is never cut: a sentence ending
    inside one ends after it. A line break ends a sentence."""
    sentences: list[Block] = []
    current: list[Element | str] = []

    def close() -> None:
        html = serialise(current).strip()
        text = " ".join(serialise_text(current).split())
        if text:
            sentences.append(Block("sentence", html, text, number))
        current.clear()

    for node in paragraph.children:
        if isinstance(node, str):
            start = 0
            for end in SENTENCE_SPACE.finditer(node):
                current.append(node[start:end.start(2)])
                close()
                start = end.end(2)
            current.append(node[start:])
        elif node.tag == "br":
            close()
        else:
            current.append(node)
    close()
    return sentences


def serialise_text(nodes) -> str:
    return "".join(node if isinstance(node, str) else node.text() for node in nodes)


def blocks(html: str) -> list[Block]:
    """Every block of a source, in its order. Headings and rules are left out (they say nothing alone)."""
    found: list[Block] = []
    paragraph = 0
    loose: list = []  # text or inline elements outside any paragraph, read as one

    def flush_loose():
        nonlocal paragraph
        if loose:
            holder = Element("p", [])
            holder.children = list(loose)
            found.extend(_sentences(holder, paragraph))
            paragraph += 1
            loose.clear()

    for node in parse(html).children:
        if isinstance(node, str) and not node.strip() and not loose:
            continue
        if isinstance(node, str) or node.tag not in ({"p", "hr"} | set(WHOLE) | {"h3", "h4", "h5", "h6"}):
            loose.append(node)
            continue
        flush_loose()
        if node.tag == "p":
            found.extend(_sentences(node, paragraph))
            paragraph += 1
        elif node.tag in WHOLE:
            text = " ".join(node.text().split())
            if text:
                found.append(Block(WHOLE[node.tag], node.html(), text))
    flush_loose()
    return found


@dataclass(frozen=True)
class Piece:
    """What the answer shows of a source: a paragraph of consecutive chosen sentences, or a whole block.
    `after_gap`: something of the source was left out before it."""

    kind: str  # paragraph | list | code | table | quote
    html: Markup
    after_gap: bool = False


def _relevance(block: Block, weights: dict[str, float], language: str) -> float:
    return sum(weights.get(term, 0.0) for term in set(analysis.terms(block.text, language)))


def choose(found: list[Block], weights: dict[str, float], language: str) -> list[int]:
    """Indexes of the blocks to show, in order: the most relevant first while the budget lasts (the opening
    when nothing holds the customer's words), a sentence introducing a chosen list or code block with it."""
    scores = [_relevance(block, weights, language) for block in found]
    if any(scores):
        order = sorted((i for i in range(len(found)) if scores[i] > 0), key=lambda i: (-scores[i], i))
    else:
        order = list(range(len(found)))
    chosen, used, sentences = set[int](), 0, 0
    for i in order:
        block = found[i]
        size = len(block.text)
        if block.kind == "sentence":
            if sentences >= SENTENCES or (chosen and used + size > TEXT_BUDGET):
                continue
            sentences += 1
        elif size > WHOLE_MAX or (chosen and used + size > TEXT_BUDGET + WHOLE_MAX):
            continue
        chosen.add(i)
        used += size
        previous = found[i - 1] if i else None
        if block.kind != "sentence" and previous is not None and previous.kind == "sentence" \
                and previous.text.endswith(":") and i - 1 not in chosen:
            chosen.add(i - 1)
            used += len(previous.text)
    return sorted(chosen)


def compose(html: str, weights: dict[str, float], language: str) -> list[Piece]:
    """The pieces of a source to show for a question's weighted terms (analysed in `language`)."""
    found = blocks(html)
    pieces: list[Piece] = []
    previous = None
    for i in choose(found, weights, language):
        block = found[i]
        gap = previous is not None and i != previous + 1 or previous is None and i > 0
        joins = (block.kind == "sentence" and previous == i - 1 and pieces and pieces[-1].kind == "paragraph"
                 and found[previous].paragraph == block.paragraph)
        if joins:
            last = pieces.pop()
            pieces.append(Piece("paragraph", Markup(f"{last.html} {block.html}"), last.after_gap))  # nosec B704
        else:
            kind = "paragraph" if block.kind == "sentence" else block.kind
            pieces.append(Piece(kind, Markup(block.html), gap))  # nosec B704 # the source's sanitised HTML
        previous = i
    return pieces
