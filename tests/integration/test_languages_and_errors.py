import pytest

from app.errors import ERROR_TITLES


def test_accept_language_picks_italian(client):
    html = client.get("/", headers={"Accept-Language": "it-IT,it;q=0.9"}).get_data(as_text=True)
    assert '<html lang="it">' in html and "Fai una domanda" in html


def test_default_is_english(client):
    html = client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="en">' in html and "Ask a question" in html


def test_footer_switcher_sets_a_cookie_for_visitors(client):
    response = client.post("/language", data={"language": "it", "next": "/tags"})
    assert response.location == "/tags"
    assert 'lang="it"' in client.get("/tags", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_switcher_refuses_external_next(client):
    assert client.post("/language", data={"language": "it", "next": "//evil.example"}).location == "/questions"


def test_user_setting_beats_accept_language(client, make_user, auth):
    make_user("giulia", locale="it")
    auth.login("giulia")
    assert '<html lang="it">' in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_dates_and_numbers_follow_the_locale(client, make_user, make_question):
    question = make_question(make_user())
    html = client.get(f"/questions/{question.id}/{question.slug}", headers={"Accept-Language": "it"}).get_data(
        as_text=True)
    assert "Chiesta" in html and ("secondi fa" in html or "secondo fa" in html or "minuto fa" in html)


def test_form_errors_in_italian(client, tags, make_user, auth):
    make_user("giulia", locale="it")
    auth.login("giulia")
    html = client.post("/questions/ask", data={"title": "corto", "body": "x", "tags": ""}).get_data(as_text=True)
    assert "Usa almeno 15 caratteri" in html and "Scegli almeno un tag" in html


@pytest.mark.parametrize("language,text", [("en", "Page not found"), ("it", "Pagina non trovata")])
def test_404_page_in_both_languages(client, language, text):
    response = client.get("/no/such/page", headers={"Accept-Language": language})
    assert response.status_code == 404 and text in response.get_data(as_text=True)


def test_405_page_and_json_errors(client):
    response = client.get("/logout")
    assert response.status_code == 405 and "Method not allowed" in response.get_data(as_text=True)
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404 and response.json["error"]["code"] == "not_found"


def test_500_page_is_friendly(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/boom")
    def boom():
        raise RuntimeError("boom")

    response = client.get("/boom", headers={"Accept-Language": "it"})
    assert response.status_code == 500 and "Si è verificato un errore" in response.get_data(as_text=True)


def test_error_titles_cover_the_custom_pages():
    assert {403, 404, 405, 429, 500} <= set(ERROR_TITLES)


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_base_layout_carries_csrf_meta(client):
    assert '<meta name="csrf-token" content="' in client.get("/").get_data(as_text=True)
