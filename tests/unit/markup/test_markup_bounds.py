"""Rendering a post or comment takes bounded time whatever the text holds, and gives the same HTML as
before for every ordinary text.

The bound: every pathological pattern of tests/unit/markdown_patterns.py (long runs, unclosed openers,
deep nesting, many blocks in one, one construct as long as the text, the outside review's cases) and
random repeated motifs of markup render within BOUND_MS of CPU time at the longest body. BOUND_MS is ten
times the worst p99 measured by bench/markdown_bench.py (bench/results/markdown-*.md): loose enough not
to flake on a busy machine, while the patterns took seconds to minutes before.

The same HTML: texts from the demo, the Stack Exchange fixtures and random mixes of markup render exactly
as stock Python-Markdown and bleach render them (tests/unit/stock_markup.py).
"""

import gc
import random
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from bleach.linkifier import URL_RE as BLEACH_URL_RE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import markup
from app.demo import content
from app.markup import links, literal
from app.markup.blocks import MAX_DEPTH
from tests.integration.xss_checks import NASTIEST, unsafe_in_fragment
from tests.unit import stock_markup
from tests.unit.markdown_patterns import LENGTH, fill, patterns

BOUND_MS = 800  # CPU milliseconds: ten times the worst p99 in bench/results/markdown-2026-12-07.md (75 ms)
COMMENT_LENGTH = 600
PATTERNS = patterns()
FIXTURES = Path(__file__).resolve().parent.parent.parent / "data" / "stackexchange"


def cpu_ms(render, text: str) -> float:
    """The render's own CPU time: a collection of the whole test process's garbage is not the text's cost."""
    gc.disable()  # no collection starts inside the timed call (collecting first cost seconds late in a run)
    try:
        start = time.process_time()
        render(text)
        return (time.process_time() - start) * 1000
    finally:
        gc.enable()


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_pathological_pattern_renders_within_the_bound(name):
    text = PATTERNS[name]
    assert len(text) <= LENGTH
    assert cpu_ms(markup.render_post, text) < BOUND_MS, name
    assert cpu_ms(markup.render_comment, text[:COMMENT_LENGTH]) < BOUND_MS / 10, name
    assert cpu_ms(markup.clean_post_html, text) < BOUND_MS, name


# Markup tokens of every construct, for random texts: motifs repeated to the longest body (the bound), and
# short mixes (the same HTML as stock).
TOKENS = ["*", "_", "**", "`", "``", "```", "~~~", "[", "]", "(", ")", "![", "<", ">", "&", "&amp;", "&#", ";",
          "\\", "|", "#", "=", "-", "+", "1.", " ", "  ", "\n", "\n\n", "    ", "> ", "- ", "* ", "a", "b c", "word",
          "http://", "www.", ".com", "@", "<a ", "<a href='x'>", "</a>", "<div>", "</div>", "<p>", "<!--", "-->",
          "<![CDATA[", "]]>",
          ":", '"', "'", "{", "}", "\t", "[a]: http://x.com", "<b>", "</b>", '<span title="x>y">', "```python\n",
          "\n```\n", "|-|", "a|b", "---", "===", "<?", "?>", "<!X>", "x.com", "(a.com)", "&lt;", "<http://a.com>",
          "<a@b.com>", "\ue001", "\uf0000", "é", "1)", "<hr>", "<br/>", "<img src=x>", "</", "<script>", "</script>",
          "<pre>", "</pre>", "  \n", "\n    ", "\n> ", "\n- ", "\n1. ", "\n# ", "&copy;", 'hl_lines="1"', "{.py}",
          "<!-- a -->", "@olivia", "a-", "1-", "a.", "![a](b)", "[a](b)", "[a][b]", "`a`"]
motifs = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).map("".join)
mixes = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40).map("".join)
SLOW_OK = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}


@settings(max_examples=40, **SLOW_OK)
@given(motifs)
def test_random_repeated_motifs_render_within_the_bound(motif):
    text = fill(motif)
    assert cpu_ms(markup.render_post, text) < BOUND_MS
    assert cpu_ms(markup.render_comment, text[:COMMENT_LENGTH]) < BOUND_MS / 10


@settings(max_examples=300, **SLOW_OK)
@given(mixes)
def test_short_mixes_of_markup_render_as_stock(text):
    assert markup.render_post(text) == stock_markup.render_post(text)
    assert markup.render_comment(text) == stock_markup.render_comment(text)
    assert markup.clean_post_html(text) == stock_markup.clean_post_html(text)


def _demo_texts() -> list[tuple[str, str]]:
    texts = []
    for question in content.QUESTIONS:
        texts.append(("post", question["body"]))
        texts += [("comment", comment["body"]) for comment in question.get("comments", [])]
        for answer in question.get("answers", []):
            texts.append(("post", answer["body"]))
            texts += [("comment", comment["body"]) for comment in answer.get("comments", [])]
    return texts


def _fixture_texts() -> list[tuple[str, str]]:
    texts = []
    for site in sorted(path for path in FIXTURES.iterdir() if path.is_dir()):
        if (site / "PostHistory.xml").exists():
            history = ElementTree.parse(site / "PostHistory.xml").iter("row")
            texts += [("post", row.get("Text").strip()) for row in history
                      if row.get("PostHistoryTypeId") in ("2", "5", "8") and row.get("Text")]
        texts += [("comment", row.get("Text").strip()) for row in ElementTree.parse(site / "Comments.xml").iter("row")
                  if row.get("Text")]
        posts = ElementTree.parse(site / "Posts.xml").iter("row")
        texts += [("html", row.get("Body")) for row in posts if row.get("Body")]
    return texts


RENDERERS = {"post": (markup.render_post, stock_markup.render_post),
             "comment": (markup.render_comment, stock_markup.render_comment),
             "html": (markup.clean_post_html, stock_markup.clean_post_html)}


def test_demo_and_imported_texts_render_exactly_as_before():
    texts = _demo_texts() + _fixture_texts()
    assert len(texts) > 300
    different = [(kind, text[:80]) for kind, text in texts if RENDERERS[kind][0](text) != RENDERERS[kind][1](text)]
    assert different == []


def test_markup_beyond_the_budget_is_shown_as_typed():
    text = "*a* " * (literal.BUDGET // 2 + 250)
    html = markup.render_post(text)
    assert html.count("<em>a</em>") == literal.BUDGET // 2
    assert html.endswith("*a* " * 3 + "</p>")  # the rest as typed, nothing lost
    assert markup.plain_text(html).count("a") == text.count("a")
    # An e-mail autolink costs its length (Markdown writes each of its characters as two entities).
    assert markup.render_post("*" * 900 + " <a@b.example>").endswith("</a></p>")
    assert markup.render_post("*" * 900 + " <" + "a" * 300 + "@b.example>").endswith("@b.example&gt;</p>")
    # Characters HTML reads as markup come back escaped.
    assert markup.render_post("[" * 1000 + "<b>x</b> & " * 100).endswith("&lt;b&gt;x&lt;/b&gt; &amp; </p>")
    # Imported HTML: an entity longer than any real one is text (the sanitiser took time growing with its
    # length squared), real ones stay entities.
    assert markup.clean_post_html("&eacute; &#233; &#" + "1" * 40 + ";") == "&eacute; &#233; &amp;#" + "1" * 40 + ";"
    # Entities in code cost the sanitiser nothing and do not count: a log of 1,300 quote marks stays as it is.
    log = "<p>Logs:</p>\n<pre><code>" + '{&quot;at&quot;:&quot;x&lt;y&quot;}\n' * 300 + "</code></pre>"
    assert markup.clean_post_html(log) == stock_markup.clean_post_html(log) == log


def test_the_reviews_cases_render_what_was_typed():
    assert markup.render_post("[" * 6000) == "<p>" + "[" * 6000 + "</p>"
    assert markup.render_post("1-" * 15000) == "<p>" + "1-" * 15000 + "</p>"
    html = markup.render_post("1. " * 10000)  # nesting stops instead of raising RecursionError
    assert html.count("<ol>") == MAX_DEPTH and markup.plain_text(html).count("1.") == 10000 - MAX_DEPTH


def test_private_use_characters_typed_by_the_author_stay_as_typed():
    typed = "\ue000\ue001\ue002 \uf8ff \U000f0000 *x*"
    assert markup.render_post(typed) == f"<p>{typed[:-3]}<em>x</em></p>"
    assert markup.render_post(typed + " [" * 2000).count("\ue001") == 1
    every = "".join(map(chr, range(0xE000, 0xF900))) + "".join(map(chr, range(0xF0000, 0xF0000 + 22000)))
    assert markup.render_post(every + " [" * 1000) == f"<p>{every}{' [' * 1000}</p>"


def test_addresses_are_found_as_bleach_finds_them():
    rng = random.Random(26)
    alphabet = ["a", "b", "-", ".", "com", "co", "(", ")", "((", "http", ":", "//", "@", " ", "uk", "x", "1", "/", "?",
                "www", "org", "_", "ftp", "mailto:", "'", ",", "..", "a-b", "(http://a.com)", "@a"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 30)))
        found = [(m.start(), m.end()) for m in links._Addresses.skipping(text)]
        assert found == [(m.start(), m.end()) for m in BLEACH_URL_RE.finditer(text)], text


def test_what_is_shown_as_typed_stays_safe():
    """The nastiest vectors of the XSS corpus just within and beyond the budget, and links whose halves the
    stand-ins sit between: the HTML never holds anything that runs script."""
    padding = "*" * (literal.BUDGET - 2) + " "
    joined = ["[a](java\n\nscript:alert(1))", "[a](java\\\nscript:alert(1))", "[a](java&#\nscript:alert(1))",
              "<a href='java\n\nscript:alert(1)'>a</a>", "[a](javascript&colon;alert(1))"]
    for vector in [*NASTIEST, *joined]:
        for text in (padding + vector, padding + "**" + vector, vector + " " + padding + vector):
            assert unsafe_in_fragment(markup.render_post(text)) == [], vector
            assert unsafe_in_fragment(markup.render_comment(text[-600:])) == [], vector
