"""The API's tags take what the site's tag field takes: either language's name or an alias, stored by address name."""

from app.admin import operations as admin
from app.extensions import db
from app.models import Question
from app.questions.tag_terms import TagNames

QUESTION = {"title": "La lancia vapore gocciola dopo l'uso",
            "body": "Da una settimana la lancia vapore continua a gocciolare per minuti dopo averla chiusa."}


def test_a_name_or_an_alias_is_stored_as_the_tags_address_name(api, tags, make_user, make_token):
    moderator = make_user("marta", role="moderator")
    names = TagNames({"en": "Descaling", "it": "Decalcificazione"}, {}, "calcare")
    admin.update_tag(moderator, tags[1], "descaling", names)
    db.session.commit()
    token = make_token(make_user("giulia"))
    created = api.post("/questions", token=token, json={**QUESTION, "tags": ["aurora-one", "Decalcificazione"]})
    assert created.status_code == 201, created.json
    assert [t.name for t in db.session.get(Question, created.json["id"]).tags] == ["aurora-one", "descaling"]
    refused = api.post("/questions", token=token, json={**QUESTION, "tags": "calcar"})
    assert refused.status_code == 422
    assert "Did you mean" in refused.json["error"]["message"] and "descaling" in refused.json["error"]["message"]


def test_tags_are_listed_with_their_names_in_both_languages(api, tags, make_user):
    admin.update_tag(make_user("marta", role="moderator"), tags[1], "descaling",
                     TagNames({"en": "Descaling", "it": "Decalcificazione"}, {"it": "Calcare e pulizia"}, ""))
    db.session.commit()
    listed = {t["name"]: t for t in api.get("/tags").json["items"]}
    assert listed["descaling"]["names"] == {"en": "Descaling", "it": "Decalcificazione"}
    assert listed["descaling"]["descriptions"] == {"en": "", "it": "Calcare e pulizia"}
    assert listed["orders"]["names"] == {"en": "", "it": ""}
