"""An Italian reader finds the English discussion of the same question, in a real browser: from the Italian
question's page (the link the brand team's translation link puts there) and from the ask page's suggestions while
typing; both pages have no axe violations."""

import pytest
from playwright.sync_api import Browser, expect

from app.demo import content
from tests.e2e.conftest import AXE, DEMO_PASSWORD

pytestmark = pytest.mark.e2e
ENGLISH, ITALIAN = content.TWINS[0]


def violations(page) -> list:
    page.evaluate(AXE.read_text())
    return page.evaluate("axe.run(document, {resultTypes: ['violations']})")["violations"]


def test_an_italian_reader_finds_the_english_twin(browser: Browser, demo_site):
    context = browser.new_context(locale="it", viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": "lang", "value": "it", "url": demo_site.url}])
    page = context.new_page()
    page.goto(f"{demo_site.url}/search?q=firmware+Duo+Bluetooth")
    page.get_by_role("link", name=ITALIAN).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ITALIAN)
    link = page.get_by_role("link", name="This question in English")
    expect(link).to_have_attribute("hreflang", "en")
    assert page.locator('link[rel="alternate"][hreflang="x-default"]').count() == 1
    assert not violations(page)
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ENGLISH)
    expect(page.get_by_role("link", name="Questa domanda in italiano")).to_be_visible()

    page.goto(f"{demo_site.url}/login")
    page.locator("#login").fill("giulia.rinaldi")
    page.locator("#password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".account-nav .me")).to_be_attached()
    page.goto(f"{demo_site.url}/questions/ask")
    page.get_by_label("Titolo").press_sequentially("aggiornamento firmware bloccato Bluetooth", delay=20)
    offered = page.locator(".suggestions .twin-suggestion", has_text="C'è una discussione in inglese su questo")
    expect(offered.first).to_be_visible()
    expect(offered.first.get_by_role("link", name=ENGLISH)).to_have_attribute("hreflang", "en")
    assert not violations(page)
    context.close()
