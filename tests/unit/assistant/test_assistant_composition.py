"""The assistant's answer is composed from its sources' own words: every piece is a piece of the source's
HTML, lists, code blocks and tables whole, sentences chosen by the customer's words, in the source's order."""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.assistant import composition
from app.assistant.analysis import query
from app.markup import render_post


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&amp;", "&").split())


def _weights(words: str, language: str = "en") -> dict[str, float]:
    return query(words, "", language).weights


SOURCE = render_post(
    "Thanks for the photos. The gasket of the steam wand is worn: that is why the wand drips.\n\n"
    "Replace the gasket as follows:\n\n"
    "1. Switch the machine off and let it cool.\n"
    "2. Unscrew the wand tip.\n"
    "3. Fit the new gasket.\n\n"
    "If the grinder is loud, that is another matter. Good luck with the new machine!\n")


def test_the_sentences_holding_the_customers_words_and_a_list_whole():
    pieces = composition.compose(SOURCE, _weights("steam wand drips, how to replace the gasket"), "en")
    shown = " ".join(_text(p.html) for p in pieces)
    assert "The gasket of the steam wand is worn" in shown
    lists = [p for p in pieces if p.kind == "list"]
    assert len(lists) == 1  # the steps, whole, with the sentence introducing them
    assert [_text(li) for li in re.findall(r"<li>(.*?)</li>", lists[0].html)] == [
        "Switch the machine off and let it cool.", "Unscrew the wand tip.", "Fit the new gasket."]
    assert "Replace the gasket as follows:" in shown
    assert "Thanks for the photos" not in shown and "grinder" not in shown  # nothing about other things


def test_every_piece_is_the_sources_own_markup_in_its_order():
    pieces = composition.compose(SOURCE, _weights("gasket wand grinder"), "en")
    source_text = _text(SOURCE)
    positions = []
    for piece in pieces:
        text = _text(piece.html)
        for sentence in re.split(r"(?<=[.!?:])\s+", text):
            assert sentence in source_text, sentence  # never a word the source did not write
        positions.append(source_text.index(text.split(". ")[0]))
        if piece.kind != "paragraph":
            assert re.sub(r"\s+", "", piece.html) in re.sub(r"\s+", "", SOURCE)
    assert positions == sorted(positions)


def test_a_gap_is_marked_where_the_source_was_left_out():
    pieces = composition.compose(SOURCE, _weights("grinder loud"), "en")
    assert pieces and pieces[0].after_gap and "grinder is loud" in _text(pieces[0].html)


def test_a_code_block_is_never_cut():
    html = render_post("Run this from the service menu:\n\n```\nservice --reset\nservice --descale 3\n```\n\n"
                           "Then restart. The descaling light goes off.")
    pieces = composition.compose(html, _weights("descale service reset"), "en")
    code = [p for p in pieces if p.kind == "code"]
    assert len(code) == 1 and "service --reset\nservice --descale 3" in code[0].html


def test_a_list_too_long_to_show_whole_is_left_to_the_link():
    steps = "".join(f"- step {n}: descale the boiler with {'x' * 40}\n" for n in range(60))
    html = render_post("Descale the boiler like this:\n\n" + steps)
    pieces = composition.compose(html, _weights("descale boiler"), "en")
    assert all(p.kind != "list" for p in pieces)


def test_markup_in_a_source_stays_escaped():
    html = render_post("Type `<script>alert(1)</script>` in the box & press **OK**. The wand stops.")
    shown = "".join(p.html for p in composition.compose(html, _weights("wand box"), "en"))
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "&amp;" in shown


def test_an_italian_source_by_italian_words():
    html = render_post("Grazie. Sostituisci la guarnizione della lancia: quando è consumata la lancia gocciola. "
                           "Buon caffè!")
    pieces = composition.compose(html, _weights("La lancia vapore gocciola", "it"), "it")
    assert [_text(p.html) for p in pieces] == [
        "Sostituisci la guarnizione della lancia: quando è consumata la lancia gocciola."]


def test_nothing_in_common_shows_the_opening():
    pieces = composition.compose(SOURCE, {}, "en")
    assert _text(pieces[0].html).startswith("Thanks for the photos.") and not pieces[0].after_gap


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?:-*`\n<>&\"'1#")), max_size=300))
@example("1&#1:")  # a reference to a control character, once decoded by the composition only
def test_any_markdown_composes_only_source_text(markdown):
    html = render_post(markdown)
    source = _text(html)
    for piece in composition.compose(html, _weights("a b"), "en"):
        for part in _text(piece.html).split():
            assert part in source
