"""The words the sender wrote: quoted history and signatures cut (Italian and English: "Il giorno … ha
scritto:", "On … wrote:", "-- ", "Inviato da iPhone", Outlook's header blocks) by mail-parser-reply, HTML
turned into Markdown first; a forward keeps the forwarded text, quoted, without its addresses.

The library's patterns cost time quadratic in a line's length, so it reads a bounded copy: at most
INPUT_MAX characters, lines wrapped at LINE_MAX, words longer than WORD_MAX set aside and put back after.
"""

import re
from html.parser import HTMLParser

from bs4 import BeautifulSoup
from mailparser_reply.parser import EmailMessage
from markdownify import MarkdownConverter

from app import markup

INPUT_MAX = 40_000  # a post's body is at most 30,000 characters: past this only quoted history is cut
LINE_MAX = 200
WORD_MAX = 100
_LANGUAGES = ["it", "en"]
_LONG_WORD = re.compile(rf"\S{{{WORD_MAX + 1},}}")
_KEPT = re.compile(r"\ue000(\d+)\ue001")
_FORWARD = re.compile(
    r"^[ \t>]*(?:-{2,}\s*(?:forwarded message|messaggio inoltrato|original message|messaggio originale)\s*-{2,}"
    r"|begin forwarded message:|inizio messaggio inoltrato:)[ \t]*$", re.IGNORECASE | re.MULTILINE)
_FORWARDED_HEADER = re.compile(r"^[ \t>*]*(?:from|date|sent|to|cc|subject|da|data|inviato|a|oggetto)[ \t*]*:",
                               re.IGNORECASE)
_QUOTED = re.compile(r"^[ \t]*>")


HTML_MAX_DEPTH = 60  # the converter recurses once per nested element


class _Depth(HTMLParser):
    """How deep the elements of an HTML text nest, read in one pass without building a tree."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                      "wbr"})

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        self.depth = max(0, self.depth - 1)


def _deepest(html: str) -> int:
    reader = _Depth()
    reader.feed(html)
    return reader.deepest


def html_to_markdown(html: str) -> str:
    """Markdown for an HTML-only message: scripts, styles and images out (an inline picture is a part of the
    message, posted from there: app/inbound/pictures.py); what remains is sanitised like any post when it is
    rendered. HTML nested deeper than any message needs gives its plain text instead. A "<" that no ">" closes is
    text, which keeps the parser linear."""
    html = markup.escape_unclosed_tags(html)
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "head", "title", "img", "meta", "link"]):
        element.decompose()
    if _deepest(html) > HTML_MAX_DEPTH:
        return soup.get_text("\n").strip()
    return MarkdownConverter(heading_style="ATX", bullets="-").convert_soup(soup).strip()


def _bounded(text: str) -> tuple[str, list[str]]:
    """A copy the parser reads in bounded time, and the long words it holds in their place."""
    words: list[str] = []

    def keep(match: re.Match) -> str:
        words.append(match.group())
        return f"\ue000{len(words) - 1}\ue001"

    text = _LONG_WORD.sub(keep, text[:INPUT_MAX].replace("\r\n", "\n").replace("\r", "\n"))
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\u00a0]+", " ", line).strip()
        while len(line) > LINE_MAX:
            cut = line.rfind(" ", 0, LINE_MAX)
            cut = cut if cut > 0 else LINE_MAX
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)), words


def _restore(text: str, words: list[str]) -> str:
    return _KEPT.sub(lambda m: words[int(m.group(1))] if int(m.group(1)) < len(words) else "", text)


def _latest(text: str) -> str:
    """The newest reply in the text: above the first quoted header, without signature and disclaimers.
    A reply written below the quote (bottom-posting) is what remains once quoted lines are gone."""
    reply = _parse(text)
    if not reply.headers:
        body = reply.body
    else:
        unquoted = "\n".join(line for line in reply.content.replace(reply.headers, "").split("\n")
                             if not _QUOTED.match(line))
        body = _parse(unquoted).body
    return _drop_trailing_quote(body)


def _parse(text: str):
    """The first reply in the text; lines starting with "- " are a list here, not a signature."""
    return EmailMessage(text=text, languages=list(_LANGUAGES), keep_hyphen_lists=True).read().replies[0]


def _drop_trailing_quote(text: str) -> str:
    lines = text.rstrip().split("\n")
    while lines and (_QUOTED.match(lines[-1]) or not lines[-1].strip()):
        lines.pop()
    return "\n".join(lines).strip()


def _forwarded(text: str) -> str:
    """The forwarded message's text without its header lines (addresses of other people), quoted."""
    lines = text.split("\n")
    while lines and (not lines[0].strip() or _FORWARDED_HEADER.match(lines[0])):
        lines.pop(0)
    body = _latest("\n".join(lines))
    return "\n".join(f"> {line}" if line else ">" for line in body.split("\n")) if body else ""


def new_text(text: str, forward: bool = False) -> str:
    """What the sender wrote in this message, as Markdown. A forward (`forward`, or a forward separator in
    the text) keeps the forwarded text below, quoted."""
    bounded, words = _bounded(text)
    separator = _FORWARD.search(bounded)
    if separator is None and forward:
        separator = re.search(r"^[ \t>*]*(?:from|da)[ \t*]*:.*$", bounded, re.IGNORECASE | re.MULTILINE)
    if separator is not None:
        own = _latest(bounded[:separator.start()]) if separator.start() else ""
        quoted = _forwarded(bounded[separator.end():])
        return _restore("\n\n".join(part for part in (own, quoted) if part), words)
    return _restore(_latest(bounded), words)
