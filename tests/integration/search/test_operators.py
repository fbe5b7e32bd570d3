"""The search box's operators, as a customer types them."""

from tests.integration.search.pages import result_count, result_titles


def titles(search, q, **params):
    status, page = search(q, **params)
    assert status == 200
    return result_titles(page)


def test_exact_phrase(corpus, search):
    assert titles(search, '"tank leaks"') == [corpus["en-tank"].title]
    assert titles(search, '"leaks tank"') == []


def test_tag_filter_both_spellings(corpus, search):
    expected = {corpus["en-grinder"].title, corpus["it-macinacaffe"].title}
    assert set(titles(search, "tag:grinder")) == expected
    assert set(titles(search, "[grinder]")) == expected
    assert titles(search, "[grinder] rumore") == [corpus["it-macinacaffe"].title]


def test_answered_unanswered_solved(corpus, search):
    assert set(titles(search, "is:unanswered")) == {corpus["en-order"].title, corpus["it-soia"].title}
    assert titles(search, "milk is:answered") == [corpus["en-oat-foam"].title]
    solved = set(titles(search, "is:solved"))
    assert corpus["en-e04"].title in solved and corpus["it-garanzia"].title not in solved


def test_official_and_faq_filters_are_accepted(corpus, search):
    for q in ("is:official", "is:faq", "warranty is:faq"):
        status, page = search(q)
        assert status == 200 and result_count(page) == 0


def test_user_filter(corpus, search, make_user, make_question):
    make_question(make_user("marco"), title="Error E04 on my second machine",
                  body="It happened after descaling again, twice.", tag_names="descaling")
    assert titles(search, "user:marco") == ["Error E04 on my second machine"]
    assert titles(search, "user:MARCO E04") == ["Error E04 on my second machine"]


def test_excluded_word(corpus, search):
    with_word = titles(search, "due anni")
    assert corpus["it-garanzia"].title in with_word
    assert corpus["it-garanzia"].title not in titles(search, "due anni -registri")


def test_unknown_operator_is_plain_text(corpus, search):
    status, page = search("error:E04")
    assert status == 200
    assert corpus["en-e04"].title in result_titles(page)
    status, _ = search("is:broken lang:xx")
    assert status == 200


def test_sort_tabs(corpus, search):
    newest = titles(search, "machine", sort="newest")
    created = sorted((q for q in corpus.values() if q.title in newest), key=lambda q: q.created_at, reverse=True)
    assert newest == [q.title for q in created]
    status, page = search("machine", sort="nonsense")
    assert status == 200 and result_titles(page)


def test_all_words_first_then_some(corpus, search):
    status, page = search("grinder xylophone")
    assert status == 200
    assert "these have some of them" in page
    assert result_titles(page)[0] == corpus["en-grinder"].title
