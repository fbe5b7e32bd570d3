"""A customer asks the assistant in Italian in Chromium, gets a cited answer, says it did not help, logs in and
hands the question over; a moderator finds it first in the care queue with what the assistant had offered.
The pages on the way (the answer, the hand-over form) have no axe-core violation and fit a 320 px phone, in
Italian and English; the ask page's look-up shows the assistant's answer while a title is typed."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import PASSWORD
from tests.e2e.conftest import AXE
from tests.e2e.test_accessibility import violations
from tests.integration import assistant_world

pytestmark = pytest.mark.e2e

TEXT = "La lancia vapore della mia Duo gocciola anche da spenta. Cosa posso fare?"


@pytest.fixture
def app_config():
    return {"WTF_CSRF_ENABLED": True, **assistant_world.THRESHOLDS}


@pytest.fixture(scope="module")
def axe() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run `npm ci` in {AXE.parents[2]} (make test does)")
    return AXE.read_text()


@pytest.fixture
def community(app, make_user, tags):
    threads = assistant_world.build(make_user)
    make_user("carla", locale="it")
    make_user("marta", role="moderator", locale="it")
    return threads


def context_for(browser: Browser, base: str, language: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale=language)
    context.add_cookies([{"name": "lang", "value": language, "url": base}])
    return context


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.locator("#login").fill(username)
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".account-nav .me")).to_be_attached()


def fits_and_passes(page: Page, axe: str, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    assert violations(page, axe) == [], page.url


@pytest.mark.parametrize("width", [320, 1280])
def test_asked_in_italian_handed_over_and_first_in_the_queue(browser: Browser, live_server, community, axe,
                                                              width):
    context = context_for(browser, live_server, "it", width)
    page = context.new_page()
    page.goto(f"{live_server}/help")
    page.get_by_label("Descrivi il tuo problema").fill(TEXT)
    page.get_by_role("button", name="Trova una risposta").click()
    expect(page.locator("h1")).to_have_text("Sportello ha trovato questo nella community")
    source = page.locator(".assistant-answer figure").first
    expect(source.locator("blockquote")).to_contain_text("Sostituisci la guarnizione della lancia")
    expect(source.locator(".assistant-label")).to_have_text("Accettata da chi ha chiesto")
    expect(source.get_by_role("link")).to_have_attribute("href", f"/questions/{community['wand'].id}/"
                                                         f"{community['wand'].slug}#answer-"
                                                         f"{community['wand'].accepted_answer_id}")
    fits_and_passes(page, axe, width)

    page.get_by_role("button", name="Non è quello che mi serve").click()
    expect(page).to_have_url(f"{live_server}/login?" + page.url.split("?", 1)[1])  # a person answers members
    page.locator("#login").fill("carla")
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Fai una domanda")
    expect(page.locator("#title")).to_have_value("La lancia vapore della mia Duo gocciola anche da spenta.")
    expect(page.locator("#body")).to_have_value(TEXT)
    expect(page.locator(".assistant-handover")).to_contain_text(assistant_world.THREADS["wand"][0])
    fits_and_passes(page, axe, width)
    page.locator("#title").fill("La lancia vapore della Duo gocciola anche con la guarnizione nuova")
    page.get_by_role("button", name="Pubblica la tua domanda").click()
    expect(page.locator("h1")).to_have_text("La lancia vapore della Duo gocciola anche con la guarnizione nuova")
    expect(page.locator(".flash")).to_contain_text("una persona del team")
    context.close()

    context = context_for(browser, live_server, "it", width)
    page = context.new_page()
    log_in(page, live_server, "marta")
    page.goto(f"{live_server}/moderation?tab=waiting")
    first = page.locator(".queue-main").first
    expect(first.locator(".queue-title")).to_have_text(
        "La lancia vapore della Duo gocciola anche con la guarnizione nuova")
    expect(first.locator(".handover-mark")).to_have_text("Passata dall'assistente")
    expect(first.locator(".handover-offered a").first).to_have_text(assistant_world.THREADS["wand"][0])
    fits_and_passes(page, axe, width)
    context.close()


def test_the_ask_page_shows_what_the_community_found_while_typing(browser: Browser, live_server, community,
                                                                  axe):
    context = context_for(browser, live_server, "it", 390)
    page = context.new_page()
    log_in(page, live_server, "carla")  # an Italian customer who writes in English
    page.goto(f"{live_server}/questions/ask")
    page.locator("#title").fill("Stone stuck in the Duo grinder, loud noise")
    box = page.locator(".assistant-preview")
    expect(box.locator("h2")).to_have_text("Sportello ha trovato questo nella community")
    expect(box.locator(".assistant-source blockquote")).to_contain_text("A stone may be stuck in the Duo grinder")
    fits_and_passes(page, axe, 390)
    box.get_by_role("button", name="Ha risolto").click()
    expect(page.locator(".flash")).to_have_text("Bene, è servito! Nulla è stato pubblicato.")
    expect(page.locator("h1")).to_have_text("Descrivi il tuo problema")
    context.close()


@pytest.mark.parametrize("language", ["en", "it"])
def test_nothing_found_offers_only_the_hand_over(browser: Browser, live_server, community, axe, language):
    context = context_for(browser, live_server, language, 320)
    page = context.new_page()
    page.goto(f"{live_server}/help")
    page.locator("#text").fill("What's the weather in Rome tomorrow?")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".assistant-answer, .assistant-related, .assistant-feedback")).to_have_count(0)
    expect(page.locator(".assistant-next a.button")).to_be_visible()
    fits_and_passes(page, axe, 320)
    context.close()
