"""The OpenAPI document is a valid OpenAPI 3.1 description, and the human page at /api lists every endpoint
with working examples, in English and in Italian."""

import jsonschema_rs
from schemathesis.specs.openapi.definitions import OPENAPI_31

from app.api import openapi


def test_the_document_is_valid_openapi_3_1(client, contract):
    document = client.get("/api/v1/openapi.json").json
    assert document == contract.document and document["openapi"] == "3.1.0"
    errors = [f"{list(e.instance_path)}: {e.message}"
              for e in jsonschema_rs.validator_for(OPENAPI_31).iter_errors(document)]
    assert not errors, errors[:5]
    for name, schema in document["components"]["schemas"].items():
        assert jsonschema_rs.meta.is_valid(schema), name
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            assert operation["responses"], f"{method} {path}"
            assert "401" in operation["responses"] and "429" in operation["responses"], f"{method} {path}"
    assert document["components"]["securitySchemes"]["bearerToken"] == {
        **document["components"]["securitySchemes"]["bearerToken"], "type": "http", "scheme": "bearer"}


def test_the_document_is_english_whatever_the_language(client):
    english = client.get("/api/v1/openapi.json").json
    assert client.get("/api/v1/openapi.json", headers={"Accept-Language": "it"}).json == english
    assert english["paths"]["/questions"]["post"]["summary"] == "Ask a question"


def test_the_api_page_lists_every_endpoint_with_examples(app, client, auth, make_user):
    html = client.get("/api").get_data(as_text=True)
    with app.test_request_context():
        endpoints = openapi.endpoints()
    for endpoint in endpoints:
        assert f"<code>{endpoint.path}</code>" in html and str(endpoint.summary) in html
    assert "http://localhost/api/v1/questions?tab=unanswered&amp;tag=aurora-one" in html
    assert 'curl -X POST http://localhost/api/v1/questions \\\n  -H "Authorization: Bearer $TOKEN"' in html
    assert 'href="/api/v1/openapi.json"' in html and 'href="/settings/api-tokens"' not in html
    auth.login(make_user("olivia"))
    assert 'href="/settings/api-tokens"' in client.get("/api").get_data(as_text=True)


def test_the_api_page_in_italian(client):
    html = client.get("/api", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "<h1>L&#39;API della Community" in html or "<h1>L'API della Community" in html
    assert "Rispondere a una domanda" in html and "Per scrivere serve un token API personale" in html
    assert "curl -X POST" in html
