"""The pages a refusal brings back, in Chromium with axe-core: an edit saved from a stale form (409, the text
kept beside a diff), a refused flag (the reason and details kept) and a refused close (the reason and the original
as typed), in English and Italian, phone and desktop."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import AXE
from tests.e2e.test_accessibility import untied_errors, violations

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"
VIEWS = [("en", 375), ("it", 1280)]


@pytest.fixture(scope="module")
def axe() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run `npm ci` in {AXE.parents[2]} (make test does)")
    return AXE.read_text()


def logged_in(browser: Browser, base: str, username: str, language: str, width: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=language)
    context.add_cookies([{"name": "lang", "value": language, "url": base}])
    page = context.new_page()
    page.goto(f"{base}/login")
    page.locator("#login").fill(username)
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".account-nav .me")).to_be_attached()  # in the menu on phones
    return page


@pytest.mark.parametrize(("language", "width"), VIEWS, ids=[f"{lang}-{w}px" for lang, w in VIEWS])
def test_refusal_pages(browser: Browser, live_server, make_user, make_question, axe, language, width):
    question = make_question(make_user("olivia"), body="The red light blinks three times and the pump stops.")
    make_user("vera", reputation=100_000)
    asker = logged_in(browser, live_server, "olivia", language, width)
    editor = logged_in(browser, live_server, "vera", language, width)
    for page in (asker, editor):
        page.goto(f"{live_server}/posts/{question.id}/edit")
    asker.locator("#body").fill("The red light blinks four times and the pump stops.")
    asker.locator("main form button[type=submit]:not([name=preview])").click()
    editor.locator("#body").fill("The red light blinks five times and the pump stops.")
    editor.locator("main form button[type=submit]:not([name=preview])").click()
    expect(editor.locator(".edit-conflict del")).to_have_text("four")
    expect(editor.locator("#body")).to_have_value("The red light blinks five times and the pump stops.")
    assert editor.evaluate("document.documentElement.scrollWidth") <= width
    assert violations(editor, axe) == []

    editor.goto(f"{live_server}/questions/{question.id}")
    flag = editor.locator(f"#question-{question.id} details.inline-tool").filter(
        has=editor.locator("form[action$='/flags']"))
    flag.locator("summary").click()
    flag.locator("input[value=other]").check()
    flag.locator("textarea").fill("Wrong")
    flag.locator("button[type=submit]").click()
    expect(editor.locator("#flag-text")).to_have_value("Wrong")
    expect(editor.locator("input[value=other]")).to_be_checked()
    assert untied_errors(editor) == []
    assert editor.evaluate("document.documentElement.scrollWidth") <= width
    assert violations(editor, axe) == []

    make_user("mona", role="moderator")
    moderator = logged_in(browser, live_server, "mona", language, width)
    moderator.goto(f"{live_server}/questions/{question.id}")
    close = moderator.locator(f"#question-{question.id} details.inline-tool").filter(
        has=moderator.locator("form[action$='/close']"))
    close.locator("summary").click()
    close.locator("select[name=reason]").select_option("duplicate")
    close.locator("input[name=duplicate_of]").fill("https://elsewhere.example/questions/1")
    close.locator("button[type=submit]:not([formaction])").click()  # not "Link as translation instead"
    expect(moderator.locator("#duplicate-of")).to_have_value("https://elsewhere.example/questions/1")
    expect(moderator.locator("#close-reason")).to_have_value("duplicate")
    assert untied_errors(moderator) == []
    assert moderator.evaluate("document.documentElement.scrollWidth") <= width
    assert violations(moderator, axe) == []
