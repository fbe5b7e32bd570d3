"""Products in the reader's language: the FAQ's product sections and the products page by name in the order of the
names the reader sees (an accented initial among the plain letters, not after "Z"), and per-product badges named
as the reader reads the product, on the profile, the badge's page and the announcement."""

import re

import pytest
from sqlalchemy import select

from app.badges import announcements
from app.extensions import db
from app.faq import operations as faq
from app.models import BadgeAward, Tag
from app.questions import operations as posts

IT = {"Accept-Language": "it"}
# slug: (English name, Italian name). By slug, by Italian code points and by Italian names the orders all differ.
NAMES = {"aurora-one": ("Aurora One", "Aurora One"), "descaling": ("Descaling", "Decalcificazione"),
         "milk-frother": ("Milk frother", "Montalatte"), "zz-elite": ("Elite range", "Élite")}


@pytest.fixture
def products(app, tags, make_user):
    """An FAQ entry under each product, English and Italian names on every product."""
    db.session.add_all([Tag(name="milk-frother"), Tag(name="zz-elite")])
    db.session.flush()
    for tag in db.session.scalars(select(Tag).where(Tag.name.in_(NAMES))):
        tag.name_en, tag.name_it = NAMES[tag.name]
    db.session.commit()
    care, asker = make_user("care", role="moderator"), make_user("olivia")
    for slug in NAMES:
        question = posts.ask_question(asker, f"How do I look after my {slug} machine?",
                                      "It makes less coffee than it used to, and more slowly. What should I do?",
                                      slug, "en")
        answer = posts.post_answer(care, question, "Descale it every month, then rinse the tank twice.", "en")
        posts.accept_answer(asker, answer)
        faq.save_entry(care, question, f"Looking after the {slug}", answer,
                       db.session.scalar(select(Tag).where(Tag.name == slug)), None)
        db.session.commit()
    return care


def sections(client, headers=None, url="/faq?language=all") -> list[str]:
    page = client.get(url, headers=headers or {}).get_data(as_text=True)
    return [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)]


def test_an_italian_readers_faq_lists_products_by_their_italian_names(client, products):
    shown = sections(client, IT)
    assert [s for s in shown if s in {it for _en, it in NAMES.values()}] == [
        "Aurora One", "Decalcificazione", "Élite", "Montalatte"]


def test_an_english_readers_faq_lists_products_by_their_english_names(client, products):
    shown = sections(client)
    assert [s for s in shown if s in {en for en, _it in NAMES.values()}] == [
        "Aurora One", "Descaling", "Elite range", "Milk frother"]


def test_the_products_page_by_name_follows_the_readers_names(client, products):
    def names(headers=None) -> list[str]:
        page = client.get("/tags?sort=name", headers=headers or {}).get_data(as_text=True)
        return [n for n in re.findall(r'<li class="tag-card">\s*<a class="tag" href="[^"]+">([^<]+)</a>', page)
                if n in {name for pair in NAMES.values() for name in pair}]

    assert names(IT) == ["Aurora One", "Decalcificazione", "Élite", "Montalatte"]
    assert names() == ["Aurora One", "Descaling", "Elite range", "Milk frother"]


@pytest.fixture
def expert(products, make_user):
    hugo = make_user("hugo")
    tag = db.session.scalar(select(Tag).where(Tag.name == "descaling"))
    db.session.add(BadgeAward(user_id=hugo.id, badge="product-expert-bronze", award_key=str(tag.id), tag_id=tag.id))
    db.session.commit()
    return hugo


def test_a_per_product_badge_is_named_with_the_products_name_in_the_readers_language(client, expert):
    profile = f"/users/{expert.id}/hugo?tab=badges"
    assert "Expert: Descaling" in client.get(profile).get_data(as_text=True)
    italian = client.get(profile, headers=IT).get_data(as_text=True)
    assert "Decalcificazione" in italian and "descaling</a>" not in italian
    holders = client.get("/badges/product-expert-bronze", headers=IT).get_data(as_text=True)
    assert re.search(r'<a class="tag" href="/tags/descaling">Decalcificazione</a>', holders)


def test_the_badges_announcement_names_the_product_as_the_member_reads_it(app, expert):
    award = db.session.scalar(select(BadgeAward).where(BadgeAward.user_id == expert.id))
    with app.test_request_context(headers=IT):
        assert announcements.announce([award]) == ["Hai ottenuto un badge: Esperto: Decalcificazione!"]
