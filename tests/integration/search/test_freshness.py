"""Ranking inputs reach the index at once: a vote moves its question in the "votes" tab (and `check`
agrees with the index), and ask-page suggestions list FAQ entries first, whatever the others score."""

from sqlalchemy import select

from app.extensions import db
from app.models import Answer, SearchPending
from app.search import default_backend
from tests.integration.search.pages import result_titles


def cli(app, *args):
    return app.test_cli_runner().invoke(args=["search", *args])


def test_a_vote_reindexes_its_question(app, client, auth, corpus, search, make_user):
    oldest = corpus["en-e04"]  # every score is 0: the newest comes first in the votes tab
    assert result_titles(search("machine", sort="votes")[1])[0] != oldest.title
    auth.login(make_user("voter", reputation=500))
    assert client.post(f"/posts/{oldest.id}/vote", data={"value": "up"}).status_code == 302
    assert result_titles(search("machine", sort="votes")[1])[0] == oldest.title
    assert db.session.scalars(select(SearchPending.question_id)).all() == []
    assert cli(app, "check").exit_code == 0  # the index's copy has the new score
    assert client.post(f"/posts/{oldest.id}/vote", data={"value": "none"}).status_code == 302
    assert result_titles(search("machine", sort="votes")[1])[0] != oldest.title
    assert cli(app, "check").exit_code == 0


def test_a_vote_on_an_answer_reindexes_its_question(app, client, auth, corpus, make_user):
    answer = db.session.scalars(select(Answer).where(Answer.parent_id == corpus["en-tank"].id)).one()
    auth.login(make_user("voter", reputation=500))
    assert client.post(f"/posts/{answer.id}/vote", data={"value": "up"}).status_code == 302
    assert db.session.scalars(select(SearchPending.question_id)).all() == []
    assert cli(app, "check").exit_code == 0


def test_faq_entries_come_first_in_suggestions(client, corpus, make_user):
    from app.faq import operations as faq
    from app.questions import official_answers

    query = {"q": "E04 again"}
    before = client.get("/search/suggest", query_string=query).get_json()["suggestions"]
    assert [s["title"] for s in before[:2]] == [corpus["en-e04"].title, corpus["en-e04-again"].title]
    assert not any(s["faq"] for s in before)
    # The closed duplicate, once in the FAQ, still scores below the solved original (×0.5 for closed),
    # yet comes first: FAQ entries lead the list.
    care, duplicate = make_user("care", role="moderator"), corpus["en-e04-again"]
    answer = db.session.scalars(select(Answer).where(Answer.parent_id == duplicate.id)).one()
    official_answers.mark_official(care, answer)
    faq.save_entry(care, duplicate, "E04 again after descaling", answer, duplicate.tags[0], None)
    db.session.commit()
    after = client.get("/search/suggest", query_string=query).get_json()["suggestions"]
    assert [(s["title"], s["faq"]) for s in after[:2]] == [(duplicate.title, True), (corpus["en-e04"].title, False)]
    assert len(after) == len({s["id"] for s in after})


def test_an_faq_entry_sharing_only_a_product_name_does_not_lead(client, corpus, make_user):
    """FAQ entries lead the suggestions when their title has every word the typed title is matched on; one that
    shares only the product's name ranks among the others, below the thread the title is about."""
    from app.faq import operations as faq
    from app.questions import official_answers

    care, warranty = make_user("care", role="moderator"), corpus["en-warranty"]
    answer = db.session.scalars(select(Answer).where(Answer.parent_id == warranty.id)).one()
    official_answers.mark_official(care, answer)
    faq.save_entry(care, warranty, "Warranty of the Aurora One", answer, warranty.tags[0], None)
    db.session.commit()
    for title, meant in (("The grinder of my Aurora One is noisy and grinds unevenly", "en-grinder"),
                         ("Aurora One: pressione bassa, il caffè esce a gocce da ieri", "it-pressione")):
        found = client.get("/search/suggest", query_string={"q": title}).get_json()["suggestions"]
        assert found[0]["title"] == corpus[meant].title, title
    short = client.get("/search/suggest", query_string={"q": "Aurora One warranty"}).get_json()["suggestions"]
    assert (short[0]["title"], short[0]["faq"]) == (warranty.title, True)


def test_default_backend_follows_the_database():
    assert default_backend("sqlite:////srv/sportello.db") == "sqlite"
    assert default_backend("postgresql+psycopg://db.internal/sportello") == "whoosh"
