"""Highlighting escapes user text and only our <mark> elements are markup."""

from app import text_analysis as analysis
from app.search.highlight import END, START, mark, snippet, to_markup


def terms(*words, language="en"):
    return {t for w in words for t in analysis.terms(w, language)}


def test_marks_inflected_words():
    marked, count = mark("Descaling the machines", "en", terms("descale", "machine"))
    assert count == 2
    assert str(to_markup(marked)) == "<mark>Descaling</mark> the <mark>machines</mark>"


def test_user_markup_is_escaped():
    marked, _ = mark('<b onclick="x()">E04</b> & more', "en", terms("E04"))
    assert str(to_markup(marked)) == "&lt;b onclick=&#34;x()&#34;&gt;<mark>E04</mark>&lt;/b&gt; &amp; more"


def test_control_characters_in_user_text_never_become_marks():
    marked, count = mark(f"{START}fake{END} E04", "en", terms("E04"))
    assert count == 1
    assert str(to_markup(marked)) == "fake <mark>E04</mark>"


def test_snippet_picks_the_best_text_and_stays_balanced():
    long_text = "word " * 100 + "the grinder is noisy " + "word " * 100
    result = snippet(["nothing here", long_text], "en", terms("grinder", "noisy"), width=80)
    html = str(to_markup(result))
    assert "<mark>grinder</mark>" in html and "<mark>noisy</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert html.count("<mark>") == html.count("</mark>")


def test_snippet_without_match_is_the_start():
    assert snippet(["First text here.", "Second."], "en", set()) == "First text here."


def test_only_whole_words_are_marked_not_a_term_inside_a_word():
    marked, count = mark("Undescaling, descaling_x and xE04 E04 after descaling", "en", terms("descaling", "E04"))
    assert count == 2
    assert str(to_markup(marked)) == "Undescaling, descaling_x and xE04 <mark>E04</mark> after <mark>descaling</mark>"


def test_accented_words_are_marked_whole():
    marked, count = mark("Il caffè decaffeinato è tiepido, il caffe no", "it", terms("caffè", language="it"))
    assert count == 2
    assert str(to_markup(marked)) == "Il <mark>caffè</mark> decaffeinato è tiepido, il <mark>caffe</mark> no"


def test_a_hyphenated_pair_is_marked_whole_when_its_joined_spelling_was_searched():
    """"wifi" finds "Wi-Fi" (the index has the pair joined too), and the page shows why."""
    wifi = terms("wifi")
    assert mark("The Wi-Fi drops, wifi too, not wi fi", "en", wifi) == (
        "The \x02Wi-Fi\x03 drops, \x02wifi\x03 too, not wi fi", 2)
    both = terms("caffe", "latte", language="it")  # each part of a pair is still a word of its own
    assert mark("Il caffè-latte è pronto", "it", both) == ("Il \x02caffè\x03-\x02latte\x03 è pronto", 2)
