"""The search page and what surrounds it: the header box, messages, highlighting that never lets user
text become markup, pagination, "Did you mean", and related questions on a question page."""

from tests.integration.search.pages import result_count, result_titles


def test_header_search_box_on_every_page(client, corpus):
    for path in ("/", "/tags", corpus["en-e04"].slug and f"/questions/{corpus['en-e04'].id}/{corpus['en-e04'].slug}"):
        page = client.get(path).get_data(as_text=True)
        assert '<form class="header-search" role="search" method="get" action="/search">' in page
        assert '<label for="header-search-q"' in page


def test_empty_query_prompts(search):
    status, page = search("")
    assert status == 200
    assert "Type a few words about your product" in page


def test_over_long_query_is_refused_clearly(search):
    status, page = search("coffee " * 40)
    assert status == 400
    assert "Your search is too long: use at most 200 characters." in page


def test_italian_interface(client, corpus):
    page = client.get("/search?q=garanzia", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert '<html lang="it">' in page
    assert result_titles(page)[0] == corpus["it-garanzia"].title


def test_matches_highlighted_in_title_and_snippet(corpus, search):
    _, page = search("decalcificazione")
    assert "<mark>decalcificazione</mark>" in page
    assert 'class="snippet"' in page


def test_user_text_is_escaped_and_only_marks_are_markup(search, make_user, make_question):
    make_question(make_user(reputation=20), title='<script>alert("x")</script> E04 <b>bold</b> & co',  # may show images
                  body='Body with <img src=x onerror=alert(1)> and E04 in it, plus "quotes".')
    _, page = search("E04")
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; <mark>E04</mark> &lt;b&gt;bold&lt;/b&gt; &amp; co" in page


def test_sentinel_characters_in_user_text_do_not_make_marks(search, make_user, make_question):
    make_question(make_user(), title="Strange \x02characters\x03 in the E04 title here",
                  body="The body has \x02no mark\x03 of its own, with E04 inside.")
    _, page = search("E04")
    assert page.count("<mark>") == page.count("</mark>")
    assert "<mark>characters</mark>" not in page


def test_pagination(corpus, search, app):
    app.config["SEARCH_PER_PAGE"] = 2
    _, first = search("machine")
    total = result_count(first)
    assert total > 4 and len(result_titles(first)) == 2
    assert 'rel="next"' in first
    _, second = search("machine", page=2)
    assert len(result_titles(second)) == 2
    assert not set(result_titles(first)) & set(result_titles(second))


def test_a_typo_that_matches_nothing_shows_the_corrected_results_at_once(corpus, search):
    _, page = search("garanzla")
    assert result_titles(page) == [corpus["it-garanzia"].title]
    assert 'Showing results for <a href="/search?q=garanzia"><strong>garanzia</strong></a>.' in page
    assert 'Search instead for <a href="/search?q=garanzla&amp;as_typed=1">garanzla</a>.' in page
    _, page = search("garanzla", as_typed="1")  # the person meant what they typed
    assert result_titles(page) == [] and "No questions match your search." in page
    assert '<a href="/search?q=garanzia">garanzia</a>' in page and "Did you mean" in page
    _, page = search("garanzia")
    assert "Did you mean" not in page and "Showing results for" not in page


def test_no_results_offers_to_ask(corpus, search):
    _, page = search("xylophone")
    assert result_count(page) == 0
    assert "No questions match your search." in page and 'href="/questions/ask"' in page


def test_related_questions_on_question_page(client, corpus):
    question = corpus["en-e04-again"]
    page = client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
    assert "Related questions" in page
    related = page.split('id="related-heading"')[1]
    assert corpus["en-e04"].title in related and question.title not in related
