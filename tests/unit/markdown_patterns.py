"""Pathological texts for the Markdown renderer: for every construct, the shapes that make a naive parser
super-linear (long runs, unclosed openers before a long tail, deep nesting, many blocks in one), each
filled to a given length. Used by the rendering-bound test (tests/unit/markup/test_markup_bounds.py) and the
benchmark (bench/markdown_bench.py), so both measure the same inputs."""

LENGTH = 30000  # the longest question or answer body (app/questions/operations.py: BODY_MAX)

# Inline units, repeated until the text is full.
RUNS = {
    "stars": "*", "underscores": "_", "em words": "*a ", "strong words": "**a ", "em strong": "***a",
    "em unclosed": "*a", "strong unclosed": "**a", "underscore words": "_a", "mixed emphasis": "*_a",
    "em intraword": "a*b", "em closers": "a* ", "strong emphasis pairs": "**a** ", "em pairs": "*a* ",
    "brackets": "[", "closing brackets": "]", "bracket pairs": "[]", "image openers": "![",
    "link openers": "[a](", "empty link openers": "[](", "angle link openers": "[a](<", "link titles": '[a](b "',
    "image links unclosed": "![a](", "reference links": "[a][b]", "short references": "[a]", "parens": "(",
    "closing parens": ")", "links": "[a](b) ", "images": "![a](https://x.example/a.png) ", "bangs": "!",
    "backticks": "`", "code spans": "`a` ", "double backticks": "``a", "backtick words": "`a",
    "backslashes": "\\", "escaped brackets": "\\[", "escaped backticks": "\\`",
    "less-than": "<", "tag openers": "<a", "tag attribute openers": "<a ", "bold tags": "<b>", "span tags": "<span>",
    "closing tags": "</", "closing tags with slashes": "</a/", "comments": "<!--", "cdata": "<![CDATA[",
    "processing instructions": "<?",
    "declarations": "<!", "doctype": "<!DOCTYPE ", "autolinks unclosed": "<http://", "autolinks": "<http://a.example> ",
    "automail": "<a@b.example> ", "automail unclosed": "<a@", "inline tags and comments": "<b><!-- a -->",
    "ampersands": "&", "numeric entities unclosed": "&#", "named entities": "&amp;", "hex entities unclosed": "&#x",
    "entities": "&#123;", "greater-than": ">",
    "linkify digits": "1-", "linkify letters": "A-", "linkify domains": "www.a.com ", "linkify bare domains": "a.com ",
    "linkify dots": "a.", "linkify dashes dot": "a-.", "linkify parens": "(a.com", "urls": "http://a.com/ ",
    "url paths": "http://a.com/(", "emails": "a@b.com ", "mentions": "@abc ", "at signs": "@", "at words": "a@",
    "quotes": '"', "apostrophes": "'", "tildes": "~", "pipes": "|", "colons": ":", "hashes": "#", "equals": "=",
    "dashes": "-", "plus": "+", "digits dot": "1.", "spaces": " ", "tabs": "\t", "newlines": "\n",
    "hard breaks": "a  \n", "words": "Lorem ipsum dolor sit amet. ", "non-ascii": "caffè è già ",
}

# One line, repeated as many lines (a single block: no blank line between them).
LINES = {
    "atx headings": "# a", "closed atx headings": "# a #", "heading hashes": "#######", "setext =": "a\n=",
    "setext -": "a\n-", "= lines": "=", "- lines": "-", "rules": "---", "star rules": "* * *", "quote lines": "> a",
    "bare quote marks": ">", "list items": "- a", "star items": "* a", "ordered items": "1. a",
    "ordered items high": "123456789. a", "indented items": "    - a", "table rows": "a|b", "pipe rows": "|a|b|",
    "code pipe rows": "`|`|`|", "reference definitions": "[a]: http://a.example", "reference titles": '[a]: b "c"',
    "fences": "```", "tilde fences": "~~~", "fence openers with language": "```python", "indented code": "    a",
    "html blocks": "<div>", "html block closers": "</div>", "paragraph tags": "<p>", "comment lines": "<!-- a -->",
    "hard break lines": "a  ", "blank-ish lines": "  ", "mixed blocks": "# a\n> b\n- c\n1. d\n---\na|b",
}

# Nesting: an opening repeated, then content, then (for inline constructs) the closing repeated.
NESTED = {
    "nested quotes": ("> ", "a", ""), "nested lists": ("- ", "a", ""), "nested ordered lists": ("1. ", "a", ""),
    "nested brackets": ("[", "a", "]"), "nested links": ("[", "a", "](b)"), "nested images": ("![", "a", "](b)"),
    "nested parens in link": ("[a](", "b", ")"), "nested emphasis": ("*", "a", "*"), "nested strong": ("**", "a", "**"),
    "nested underscores": ("_", "a", "_"), "nested code": ("`", "a", "`"), "nested html": ("<div>", "a", "</div>"),
    "nested spans": ("<span>", "a", "</span>"), "nested bold": ("<b>", "a", "</b>"),
    "nested quotes and lists": ("> - ", "a", ""),
}

# An opener, then a long tail of plain text that never closes it.
TAILS = {
    "bracket then text": "[", "image opener then text": "![", "link opener then text": "[a](",
    "link title then text": '[a](b "', "backtick then text": "`", "tag opener then text": "<a ",
    "comment opener then text": "<!--", "cdata then text": "<![CDATA[", "autolink then text": "<http://",
    "fence then text": "```\n", "emphasis then text": "*", "strong then text": "**", "html block then text": "<div>\n",
    "processing instruction then text": "<?", "declaration then text": "<!",
}


# One construct as long as the text: (opening, filler unit, closing).
SINGLE = {
    "link destination": ("[a](", "x", ")"), "link text": ("[", "a ", "](b)"),
    "image source": ("![a](https://x.example/", "a", ")"), "link title": ('[a](b "', "t ", '")'),
    "autolink": ("<http://", "a", ">"), "code span": ("`", "a", "`"), "emphasis": ("*", "a ", "*"),
    "strong": ("**", "a ", "**"), "heading": ("# ", "a", ""), "setext heading": ("", "a", "\n==="),
    "table cell": ("a|b\n-|-\n", "x", "|y"), "quoted line": ("> ", "a", ""), "list item": ("- ", "a", ""),
    "html attribute": ('<div>\n<a title="', "x", '">'), "html comment": ("<!-- ", "a", " -->"),
    "raw tag attributes": ("<div>\n<a ", "a ", ">"), "raw tag attributes unclosed": ("<div>\n<a ", "a ", ""),
    "inline tag attributes": ("x <span ", "a ", ">"), "end tag attributes": ("</a ", "a ", ">"),
    "raw end tag attributes": ("<div>\n</a ", "a ", ">"), "numeric entity": ("&#", "1", ";"),
    "hex entity": ("&#x", "f", ";"),
    "named entity": ("&", "a", ";"), "fenced code": ("```python\n", 'a<b & "c"\n', "```"), "word": ("", "a", ""),
    "indented code": ("    ", "a<b & c\n    ", ""), "reference definition": ("[a]: http://", "x", ""),
    "url": ("http://a.com/", "x", ""), "mention": ("@", "a", ""), "spaces then text": ("", " ", "a"),
    "cdata": ("<![CDATA[", "a", "]]>"), "processing instruction": ("<?", "a", "?>"), "declaration": ("<!", "a", ">"),
}


def fill(unit: str, length: int = LENGTH) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def lines(line: str, length: int = LENGTH) -> str:
    return fill(line + "\n", length)


def nested(opening: str, content: str, closing: str, length: int = LENGTH) -> str:
    depth = max(1, (length - len(content)) // (len(opening) + len(closing)))
    return opening * depth + content + closing * depth


def tail(opener: str, length: int = LENGTH) -> str:
    """A handful of unclosed openers spread through a long paragraph."""
    body = fill("lorem ipsum dolor sit amet ", length)
    step = length // 20
    return "".join(opener + body[i:i + step - len(opener)] for i in range(0, length, step))[:length]


def unclosed_then_text(opener: str, count: int, length: int = LENGTH) -> str:
    """`count` openers first, then plain text to the length: each opener's search for its end crosses it all."""
    return (opener * count + fill("lorem ipsum ", length))[:length]


# The review's own cases (issue 26, finding 1).
REVIEW = {
    "review: 6,000 [": "[" * 6000, "review: 10,000 [": "[" * 10000, "review: 30,000 [": "[" * LENGTH,
    "review: 30,000 ![": fill("!["), "review: 30,000 <![CDATA[": fill("<![CDATA["), "review: [a](": fill("[a]("),
    "review: setext headings": lines("a\n="), "review: 1- linkify": "1-" * 15000, "review: A- linkify": "A-" * 15000,
}


def patterns(length: int = LENGTH) -> dict[str, str]:
    """Every pathological text, by name."""
    found = {f"run: {name}": fill(unit, length) for name, unit in RUNS.items()}
    found.update({f"lines: {name}": lines(line, length) for name, line in LINES.items()})
    found.update({f"blocks: {name}": fill(line + "\n\n", length) for name, line in LINES.items()})
    found.update({f"nested: {name}": nested(*parts, length=length) for name, parts in NESTED.items()})
    found.update({f"tail: {name}": tail(opener, length) for name, opener in TAILS.items()})
    found.update({f"openers: {name}": unclosed_then_text(opener, 100, length) for name, opener in TAILS.items()})
    found.update({f"single: {name}": (opening + fill(unit, length - len(opening) - len(closing)) + closing)[:length]
                  for name, (opening, unit, closing) in SINGLE.items()})
    half = length // 2
    found["single: automail"] = "<" + "a" * half + "@" + "b" * (length - half - 11) + ".example>"
    found.update({name: text[:length] for name, text in REVIEW.items()})
    return found
