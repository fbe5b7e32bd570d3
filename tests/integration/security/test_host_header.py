"""The Host header names no link. In production (neither debug nor testing) every absolute URL comes from SITE_URL,
the app refuses to start without it, and a request for a host it does not serve is refused; in development the
request's host names the links of that response only, never a page kept for the next visitor."""

import re

import pytest
from sqlalchemy import select

from app import create_app
from app.extensions import db
from app.models import OutgoingMail
from app.questions import official_answers
from tests.conftest import TEST_CONFIG
from tests.integration.security.pages import fields

SITE = "https://community.example.com"
FORGED = "evil.example"


def _production(database_url, tmp_path, **settings):
    return create_app({**TEST_CONFIG, "TESTING": False, "DEBUG": False, "SQLALCHEMY_DATABASE_URI": database_url,
                       "SEARCH_INDEX_DIR": str(tmp_path / "index"), "MAIL_DIR": str(tmp_path / "mail"),
                       "SITE_URL": SITE, **settings})


def test_production_refuses_to_start_without_site_url(database_url, tmp_path, monkeypatch):
    monkeypatch.delenv("FLASK_SITE_URL", raising=False)
    with pytest.raises(RuntimeError, match="FLASK_SITE_URL"):
        _production(database_url, tmp_path, SITE_URL=None)
    with pytest.raises(RuntimeError, match="FLASK_SITE_URL"):
        _production(database_url, tmp_path, SITE_URL="community.example.com")  # no scheme: not an address


def _reset_links() -> list[str]:
    bodies = db.session.scalars(select(OutgoingMail.text_body).where(OutgoingMail.kind == "password_reset"))
    return [re.search(r"\S+/password/reset/\S+", body).group(0) for body in bodies]


def test_production_reset_links_name_the_site_whatever_the_host(database_url, tmp_path, make_user):
    make_user("giulia")
    app = _production(database_url, tmp_path, TRUSTED_HOSTS=["community.example.com", "10.0.0.11"])
    client = app.test_client()
    with app.app_context():
        page = client.get("/password/forgot", base_url=SITE).get_data(as_text=True)
        data = fields(page, having="email", typed={"email": "giulia@example.com"})
        refused = client.post("/password/forgot", data=data, headers={"Host": FORGED})
        assert refused.status_code == 400 and _reset_links() == []
        # A host the site does answer to (a health check's internal address) still names the site in links.
        answered = client.post("/password/forgot", data=data, headers={"Host": "10.0.0.11:8000"})
        answered.close()  # the link is written once the answer has been sent, whatever the address (timing)
        assert answered.status_code == 302
        assert [link.startswith(f"{SITE}/password/reset/") for link in _reset_links()] == [True]
        db.session.remove()


def test_production_trusts_only_the_site_host_by_default(database_url, tmp_path):
    app = _production(database_url, tmp_path)
    client = app.test_client()
    assert client.get("/faq", headers={"Host": FORGED}).status_code == 400
    response = client.get("/faq", base_url=SITE)
    assert response.status_code == 200
    assert f'<link rel="canonical" href="{SITE}/faq">' in response.get_data(as_text=True)


@pytest.fixture
def site(make_user, make_question, make_answer):
    """A question with an official answer (JSON-LD names its page), in the FAQ, with a product page."""
    from app.faq import operations as faq
    from app.questions import operations as posts

    asker, brand = make_user("giulia"), make_user("marta", role="moderator")
    question = make_question(asker)
    answer = make_answer(make_user("marco"), question)
    posts.accept_answer(asker, answer)
    official_answers.mark_official(brand, answer, "Confirmed")
    faq.save_entry(brand, question, "Descaling the Aurora One", answer, question.tags[0], None)
    db.session.commit()
    return question


PAGES = ["/questions/{id}/{slug}", "/faq", "/faq/aurora-one", "/questions", "/tags/aurora-one", "/", "/tags",
         "/users", "/sitemap.xml", "/robots.txt"]


@pytest.mark.parametrize("path", PAGES)
def test_development_links_follow_each_request_and_a_forged_host_keeps_nothing(client, site, path):
    """Without SITE_URL (development, tests), links name the host the request came to: a visitor who sends a
    forged Host sees it in their own response, and the next visitor's copy, kept or not, names theirs."""
    url = path.format(id=site.id, slug=site.slug)
    forged = client.get(url, headers={"Host": FORGED}).get_data(as_text=True)
    assert FORGED in forged
    for _ in range(2):  # the first render is kept; the second visitor is served from it
        response = client.get(url)
        assert response.status_code == 200
        assert FORGED not in response.get_data(as_text=True)


def test_development_a_members_kept_copy_keeps_no_forged_host(app, site, make_user):
    make_user("sam")
    url = f"/questions/{site.id}/{site.slug}"
    for host in (FORGED, "localhost"):
        client = app.test_client()
        client.post("/login", data={"login": "sam", "password": "correct horse battery"})
        html = client.get(url, headers={"Host": host}).get_data(as_text=True)
        assert (FORGED in html) == (host == FORGED)
