"""Reading in one's language, in Chromium: an Italian reader on a phone finds Italian FAQ entries, questions and
search results first (English ones after, labelled), narrows a search to English to reach the English twin, and
reads the FAQ's products in the order of their Italian names; the brand team orders the FAQ by dragging, or with
the buttons, and the page keeps its place with the moved entry focused."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from app.demo import content
from app.extensions import db
from app.faq import operations as faq
from app.i18n import collation_key
from app.models import FaqEntry, Tag
from app.questions import operations as posts
from tests.e2e.test_accessibility import axe_source, violations  # noqa: F401 (a fixture)

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
PASSWORD = "correct horse battery"


def test_an_italian_reader_on_a_phone_reads_italian_first(browser: Browser, demo_site, axe_source):  # noqa: F811
    context = browser.new_context(viewport=PHONE, locale="it-IT", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{demo_site.url}/faq")
        expect(page.get_by_role("heading", level=1)).to_have_text("Domande frequenti")
        entries = page.locator(".faq-entry")
        languages = entries.evaluate_all("entries => entries.map(e => e.lang)")
        assert languages[:2] == ["it", "it"], languages
        for group in page.locator(".faq-group").all():  # within each product, Italian before English
            langs = group.locator(".faq-entry").evaluate_all("entries => entries.map(e => e.lang)")
            assert langs == sorted(langs, key=lambda lang: lang != "it"), langs
        # The demo's English threads have Italian entries of their own wording: no English entry is needed.
        assert set(languages) == {"it"}, languages
        assert "L'app Aurora non trova la Duo sul Wi-Fi a 5 GHz" in page.locator(".faq-title").all_inner_texts()
        assert violations(page, axe_source) == []

        page.get_by_role("link", name="Tutte le lingue").click()
        expect(page).to_have_url(re.compile(r"/faq\?language=all$"))
        english = page.locator('.faq-entry[lang="en"]')
        assert english.count() == 4, "the English entries of the threads covered in Italian"
        expect(english.first.locator(".post-language")).to_have_text("in English")

        page.goto(f"{demo_site.url}/questions")
        rows = page.locator(".question-title a").evaluate_all("links => links.map(a => a.lang)")
        assert rows[0] == "it" and rows == sorted(rows, key=lambda lang: lang != "it"), rows
        page.get_by_role("link", name="Solo in inglese").click()
        rows = page.locator(".question-title a").evaluate_all("links => links.map(a => a.lang)")
        assert rows and set(rows) == {"en"}
        assert violations(page, axe_source) == []
    finally:
        context.close()


def test_an_italian_reader_searches_in_italian_first_and_finds_the_english_twin(browser: Browser, demo_site,
                                                                              axe_source):  # noqa: F811
    english, _italian = content.TWINS[0]
    context = browser.new_context(viewport=PHONE, locale="it-IT", is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{demo_site.url}/search?q=firmware+Duo+Bluetooth")
        results = page.locator(".search-result")
        languages = results.evaluate_all("items => items.map(i => i.lang)")
        assert languages[0] == "it" and "en" in languages, languages
        assert languages == sorted(languages, key=lambda lang: lang != "it"), languages
        expect(page.locator('.search-result[lang="en"]').first.locator(".post-language")).to_have_text("in English")
        expect(results.first.locator(".post-language")).to_have_count(0)
        assert violations(page, axe_source) == []

        page.get_by_role("link", name="Solo in inglese").click()
        expect(page).to_have_url(re.compile(r"language=en"))
        assert set(results.evaluate_all("items => items.map(i => i.lang)")) == {"en"}
        page.get_by_role("link", name=english).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(english)
        expect(page.get_by_role("link", name="Questa domanda in italiano")).to_have_attribute("hreflang", "it")

        page.goto(f"{demo_site.url}/faq")
        products = page.locator(".faq-group h2").all_inner_texts()
        assert len(products) > 1 and products == sorted(products, key=collation_key), products
    finally:
        context.close()


@pytest.fixture
def ordered_faq(app, tags, make_user, make_question, make_answer):
    moderator = make_user("marta", role="moderator", locale="en")
    tag = db.session.scalar(select(Tag).where(Tag.name == "aurora-one"))
    entries = []
    for title in ("Descaling the Aurora One", "The water filter for the Aurora One", "Cleaning the steam wand"):
        question = make_question(make_user(), title=f"{title}: how is it done?")
        answer = make_answer(make_user(), question)
        posts.accept_answer(question.author, answer)
        entries.append(faq.save_entry(moderator, question, title, answer, tag, None))
    db.session.commit()
    return [entry.id for entry in entries]


def _log_in(page: Page, live_server: str) -> None:
    page.goto(f"{live_server}/login")
    page.get_by_label("Username or e-mail").fill("marta")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def _order() -> list[int]:
    db.session.expire_all()
    return list(db.session.scalars(select(FaqEntry.id).order_by(FaqEntry.position, FaqEntry.id)))


def test_the_brand_team_orders_the_faq_without_leaving_the_page(page: Page, live_server, ordered_faq, axe_source):  # noqa: F811
    first, second, third = ordered_faq
    _log_in(page, live_server)
    page.goto(f"{live_server}/faq")
    # The buttons: back on the same page, at the moved entry, focused, with the message.
    page.get_by_role("button", name="Move down: Descaling the Aurora One").click()
    expect(page).to_have_url(re.compile(rf"/faq#faq-{first}$"))
    expect(page.locator(".flash")).to_contain_text("Moved: Descaling the Aurora One is now number 2.")
    expect(page.locator(f"#faq-{first}")).to_be_focused()
    assert _order() == [second, first, third]
    expect(page.get_by_role("button", name="Move up: The water filter for the Aurora One")).to_be_disabled()
    assert violations(page, axe_source) == []

    # Dragging: the third entry onto the first place, without a reload.
    page.evaluate("window.notReloaded = true")
    page.locator(f"#faq-{third} summary").drag_to(page.locator(f"#faq-{second} summary"))
    expect(page.get_by_role("status").filter(has_text="is now number 1")).to_have_text(
        "Moved: Cleaning the steam wand is now number 1.")
    assert page.evaluate("window.notReloaded") is True
    expect(page.locator(f"#faq-{third}")).to_be_focused()
    titles = page.locator(".faq-title").all_inner_texts()
    assert titles == ["Cleaning the steam wand", "The water filter for the Aurora One", "Descaling the Aurora One"]
    assert _order() == [third, second, first]
    expect(page.locator(f'#faq-{third} button[value="up"]')).to_be_disabled()  # inside a closed entry
    expect(page.locator(f'#faq-{first} button[value="down"]')).to_be_disabled()
    page.reload()
    assert page.locator(".faq-title").all_inner_texts() == titles
