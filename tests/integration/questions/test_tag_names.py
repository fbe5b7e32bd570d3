"""Tags in both languages: names and descriptions per language, aliases, what the tag field and a search's tag
filter accept, what every page shows to a reader of each language, and the keys of kept pages."""

import pytest
from sqlalchemy import select

from app.admin import operations as admin
from app.errors import Invalid, NotAllowed
from app.extensions import db
from app.faq import operations as faq
from app.models import ModerationAction, Question, Tag, TagAlias
from app.questions import operations as posts
from app.questions import tag_terms
from app.questions.tag_terms import TagNames
from tests.conftest import PASSWORD
from tests.integration.forms.browser import Browser

IT = {"Accept-Language": "it"}
EN = {"Accept-Language": "en"}


@pytest.fixture
def named(tags, make_user):
    """descaling named in both languages with an alias; orders in Italian only; aurora-one not named at all."""
    moderator = make_user("marta", role="moderator")
    admin.update_tag(moderator, tags[1], "descaling", TagNames({"en": "Descaling", "it": "Decalcificazione"},
                                                               {"en": "Limescale and cleaning",
                                                                "it": "Calcare e pulizia"}, "calcare"))
    admin.update_tag(moderator, tags[2], "orders", TagNames({"en": "", "it": "Ordini"}, {"en": "", "it": ""}, ""))
    db.session.commit()
    return moderator


def page(client, url, headers=None) -> str:
    response = client.get(url, headers=headers or {})
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


def test_a_name_typed_in_either_language_or_an_alias_stores_the_address_name(named, make_user):
    asker = make_user("giulia")
    question = posts.ask_question(asker, "La macchina perde acqua dal fondo", "Da ieri trovo una pozza sotto la "
                                  "macchina ogni mattina.", "aurora-one Decalcificazione ordini", "it")
    assert [t.name for t in question.tags] == ["aurora-one", "descaling", "orders"]
    again = posts.ask_question(asker, "Quanto calcare è troppo calcare?", "Vedo residui bianchi nel serbatoio "
                               "dopo ogni settimana.", "calcare, descaling decalcificazione", "it")
    assert [t.name for t in again.tags] == ["descaling"], "three words for one tag make one tag"


def test_a_refused_tag_names_the_nearest_tags_as_the_reader_types_them(app, named, make_user):
    giulia, tom = make_user("giulia", locale="it"), make_user("tom", locale="en")
    for member, nearest in ((giulia, "decalcificazione"), (tom, "descaling")):
        browser = Browser(app, member.username)
        browser.log_in(member.username, PASSWORD)
        body = "Ho fatto la decalcificazione ma la spia resta accesa."
        form = browser.get("/questions/ask").form("questions.ask POST")
        page_ = form.type("title", "Spia arancione dopo la pulizia").type("body", body) \
            .type("tags", "aurora-one decalcificazion").submit()
        assert page_.status == 400
        errors = " ".join(page_.errors)
        assert "decalcificazion" in errors and nearest in errors, errors
        kept = page_.form("questions.ask POST")
        assert (kept["title"], kept["body"], kept["tags"]) == ("Spia arancione dopo la pulizia", body,
                                                               "aurora-one decalcificazion")
    assert db.session.scalar(select(Question.id)) is None, "nothing was posted"


def test_the_hint_and_the_suggestions_name_what_to_type_in_the_readers_language(app, named, make_user):
    posts.ask_question(make_user("giulia"), "La macchina perde acqua dal fondo", "Da ieri trovo una pozza sotto "
                       "la macchina ogni mattina.", "descaling orders", "it")
    db.session.commit()
    for locale, hint in (("it", "decalcificazione ordini"), ("en", "descaling ordini")):
        member = make_user(f"reader-{locale}", locale=locale)
        browser = Browser(app, member.username)
        browser.log_in(member.username, PASSWORD)
        ask = browser.get("/questions/ask")
        assert hint in " ".join(ask.texts(".help")), ask.texts(".help")
        assert sorted(ask.texts(".tag-help .tag")) == sorted(["aurora-one", *hint.split()])
        html = browser.client.get("/questions/ask").get_data(as_text=True)
        shown = "Decalcificazione" if locale == "it" else "Descaling"
        for term in ("descaling", "decalcificazione", "calcare"):  # every term suggested, named as the reader reads
            assert f'<option value="{term}">{shown}</option>' in html, term
        for term in ("orders", "ordini"):
            assert f'<option value="{term}">Ordini</option>' in html, term
        # The hint typed as shown is accepted.
        form = ask.form("questions.ask POST").type("title", "Which descaler works for the machine?") \
            .type("body", "The manual names one, the shop sells another; both are fine?").type("tags", hint)
        assert form.submit().status == 200


def test_every_page_shows_the_readers_language(client, named, make_user):
    question = posts.ask_question(make_user("giulia"), "La macchina perde acqua dal fondo", "Da ieri trovo una "
                                  "pozza sotto la macchina ogni mattina.", "aurora-one descaling orders", "it")
    db.session.commit()
    url = f"/questions/{question.id}/{question.slug}"
    for headers, shown, hidden in ((IT, ["Decalcificazione", "Ordini", "aurora-one"], ["Descaling"]),
                                   (EN, ["Descaling", "Ordini", "aurora-one"], ["Decalcificazione"])):
        for address in (url, "/questions", "/tags", "/search?q=pozza"):
            html = page(client, address, headers)
            for name in shown:
                assert f">{name}</a>" in html, (address, name)
            for name in hidden:
                assert f">{name}</a>" not in html, (address, name)
    tag_page = page(client, "/tags/descaling", IT)
    assert "Calcare e pulizia" in tag_page and "Decalcificazione" in tag_page
    assert "Limescale and cleaning" in page(client, "/tags/descaling", EN)


def test_a_product_page_links_to_its_faq_in_the_readers_language(client, named, make_user, make_answer):
    asker = make_user("giulia")
    question = posts.ask_question(asker, "La macchina perde acqua dal fondo", "Da ieri trovo una pozza sotto la "
                                  "macchina ogni mattina.", "descaling", "it")
    db.session.commit()
    assert "/faq/descaling" not in page(client, "/tags/descaling", IT), "no FAQ yet: no link to an empty page"
    answer = make_answer(make_user("hugo"), question)
    posts.accept_answer(asker, answer)
    faq.save_entry(named, question, question.title, answer, question.tags[0], None)
    db.session.commit()
    html = page(client, "/tags/descaling", IT)
    assert '<a href="/faq/descaling">FAQ: Decalcificazione</a>' in html
    assert "<h1>FAQ: Decalcificazione</h1>" in page(client, "/faq/descaling", IT)
    assert "<h1>FAQ: Descaling</h1>" in page(client, "/faq/descaling", EN)


def test_a_search_tag_filter_takes_an_alias_or_a_name(client, named, make_user):
    posts.ask_question(make_user("giulia"), "La macchina perde acqua dal fondo", "Da ieri trovo una pozza sotto "
                       "la macchina ogni mattina.", "descaling", "it")
    db.session.commit()
    for query in ("[decalcificazione]", "tag:calcare", "[descaling] pozza", "tag:Decalcificazione"):
        assert "La macchina perde acqua dal fondo" in page(client, f"/search?q={query}", IT), query
    assert "La macchina perde acqua dal fondo" not in page(client, "/search?q=[ordini]", IT)


def test_only_moderators_name_tags_and_each_change_is_logged(client, named, make_user):
    member = make_user("tina", reputation=50_000)
    with pytest.raises(NotAllowed):
        admin.update_tag(member, db.session.get(Tag, 1), "aurora-one", TagNames({"it": "Aurora Uno"}, {}, ""))
    db.session.rollback()
    client.post("/login", data={"login": "tina", "password": PASSWORD})
    assert client.get("/tags/descaling/edit").status_code == 403
    response = client.post("/tags/descaling/edit", data={"which": "tag", "name": "descaling", "name_it": "Pulizia"})
    assert response.status_code == 403
    assert db.session.scalar(select(Tag.name_it).where(Tag.name == "descaling")) == "Decalcificazione"
    descaling = db.session.scalar(select(Tag.id).where(Tag.name == "descaling"))
    entry = db.session.scalars(select(ModerationAction).where(ModerationAction.action == "tag_update",
                                                              ModerationAction.target_id == descaling)).one()
    assert entry.moderator_id == named.id
    assert entry.before["name_it"] == "" and entry.after["name_it"] == "Decalcificazione"
    assert entry.after["aliases"] == ["calcare", "decalcificazione"], "a name's typed form is an alias"


def test_a_word_names_one_tag(named):
    descaling, orders = (db.session.scalar(select(Tag).where(Tag.name == name)) for name in ("descaling", "orders"))
    with pytest.raises(Invalid) as refused:
        admin.update_tag(named, orders, "orders", TagNames({"it": "Ordini"}, {}, "spedizione calcare descaling"))
    assert set(refused.value.errors) == {"aliases"}
    assert "descaling" in str(refused.value.errors["aliases"]) or "calcare" in str(refused.value.errors["aliases"])
    with pytest.raises(Invalid) as refused:
        admin.update_tag(named, orders, "orders", TagNames({"it": "Decalcificazione"}, {}, ""))
    assert set(refused.value.errors) == {"name_it"}
    with pytest.raises(Invalid) as refused:
        admin.create_tag(named, "calcare", TagNames({}, {}, ""))
    assert set(refused.value.errors) == {"name"}, "a new tag cannot take another tag's alias as its address"
    db.session.rollback()
    assert tag_terms.aliases_of(descaling) == ["calcare", "decalcificazione"]
    assert db.session.scalar(select(TagAlias.tag_id).where(TagAlias.term == "spedizione")) is None


def test_merging_moves_the_aliases(named):
    descaling = db.session.scalar(select(Tag).where(Tag.name == "descaling"))
    target = admin.merge_tags(named, descaling, "aurora-one")
    db.session.commit()
    assert tag_terms.resolve(["calcare", "decalcificazione"]) == {"calcare": target, "decalcificazione": target}


def test_a_renamed_display_name_leaves_no_stale_page(client, named, make_user):
    question = posts.ask_question(make_user("giulia"), "La macchina perde acqua dal fondo", "Da ieri trovo una "
                                  "pozza sotto la macchina ogni mattina.", "descaling", "it")
    db.session.commit()
    addresses = [f"/questions/{question.id}/{question.slug}", "/questions", "/tags", "/tags/descaling"]
    before = {}
    for address in addresses:
        response = client.get(address, headers=IT)
        assert "Decalcificazione" in response.get_data(as_text=True), address
        before[address] = response.headers["ETag"]
        assert client.get(address, headers={**IT, "If-None-Match": before[address]}).status_code == 304
    descaling = db.session.scalar(select(Tag).where(Tag.name == "descaling"))
    admin.update_tag(named, descaling, "descaling", TagNames({"en": "Descaling", "it": "Anticalcare"},
                                                             {"en": "", "it": ""}, ""))
    db.session.commit()
    for address in addresses:
        response = client.get(address, headers={**IT, "If-None-Match": before[address]})
        assert response.status_code == 200 and response.headers["ETag"] != before[address], address
        html = response.get_data(as_text=True)
        assert "Anticalcare" in html and ">Decalcificazione<" not in html, address
    assert "Anticalcare" not in page(client, addresses[0], EN), "the English reader's page names it in English"
