"""The ask page's suggestions (JSON), the click counter, and the rate limits."""

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import SuggestionClick


def test_suggest_returns_answered_questions_solved_marked(client, corpus):
    data = client.get("/search/suggest", query_string={"q": "la macchina ha un problema di garanzia"}).get_json()
    titles = [s["title"] for s in data["suggestions"]]
    assert titles[0] == corpus["it-garanzia"].title
    assert len(titles) <= 5
    first = data["suggestions"][0]
    assert first["solved"] is False and first["answers"] == 1
    assert first["url"] == f"/questions/{corpus['it-garanzia'].id}/{corpus['it-garanzia'].slug}"
    solved = client.get("/search/suggest?q=error+E04+after+descaling").get_json()["suggestions"]
    assert solved[0]["title"] == corpus["en-e04"].title and solved[0]["solved"] is True


@pytest.mark.parametrize("title, meant", [
    ("Aurora One: pressione bassa, il caffè esce a gocce da ieri", "it-pressione"),
    ("The grinder of my Aurora One is noisy and grinds unevenly", "en-grinder"),
])
def test_a_long_title_is_matched_by_its_own_language_words(client, corpus, title, meant):
    """A title longer than the words a suggestion matches is matched on its rarest words: those its own
    language's titles have count, even when no title of the other language has them (the product's name, which
    titles in both languages share, is not the only word left)."""
    suggestions = client.get("/search/suggest", query_string={"q": title}).get_json()["suggestions"]
    assert suggestions[0]["title"] == corpus[meant].title


def test_suggest_leaves_out_unanswered(client, corpus):
    data = client.get("/search/suggest?q=order+not+arrived+two+weeks").get_json()
    assert corpus["en-order"].title not in [s["title"] for s in data["suggestions"]]


def test_suggest_empty_query(client, corpus):
    assert client.get("/search/suggest?q=").get_json()["suggestions"] == []


def test_ask_page_loads_the_suggestions_script(client, auth, make_user):
    auth.login(make_user())
    page = client.get("/questions/ask").get_data(as_text=True)
    assert 'src="/static/js/suggest.js"' in page and 'data-url="/search/suggest"' in page
    assert client.get("/").get_data(as_text=True).count("suggest.js") == 0


def test_click_is_counted(client, corpus):
    question = corpus["en-e04"]
    response = client.post(f"/search/suggestions/{question.id}/click")
    assert response.status_code == 204
    assert db.session.scalar(select(func.count()).select_from(SuggestionClick)) == 1
    assert client.post("/search/suggestions/999999/click").status_code == 404


class TestLimits:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "RATELIMIT_ENABLED": True, "SEARCH_RATE_LIMIT": "3/minute",
                "SEARCH_SUGGEST_RATE_LIMIT": "2/minute", "WTF_CSRF_ENABLED": True}

    def test_search_rate_limited(self, client):
        codes = [client.get("/search?q=coffee").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]

    def test_suggest_rate_limited(self, client):
        codes = [client.get("/search/suggest?q=coffee+machine+noise").status_code for _ in range(3)]
        assert codes == [200, 200, 429]

    def test_click_needs_the_csrf_header(self, client, corpus):
        question = corpus["en-e04"]
        assert client.post(f"/search/suggestions/{question.id}/click").status_code == 400
        # The search page carries the visitor's token (a shared, cached page such as the home page does not).
        page = client.get("/search", query_string={"q": "descaling"}).get_data(as_text=True)
        token = page.split('<meta name="csrf-token" content="')[1].split('"')[0]
        assert token
        response = client.post(f"/search/suggestions/{question.id}/click", headers={"X-CSRFToken": token})
        assert response.status_code == 204
