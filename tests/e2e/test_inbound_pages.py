"""The pages of received e-mail in Chromium (the care queue's Held tab, a held message, the administrators'
list and one message), in English and Italian at a phone's and a desktop's width: no axe-core violation, no
sideways scrolling, a refused rejection's error tied to its field."""

import pytest
from playwright.sync_api import Browser, expect

from app.extensions import db
from app.inbound import receiving
from tests.conftest import PASSWORD
from tests.e2e.test_accessibility import violations
from tests.integration import mail_world
from tests.integration.mail_world import fixture_bytes, with_pictures
from tests.pictures import phone_jpeg, png

pytestmark = pytest.mark.e2e


@pytest.fixture
def app_config():
    return {**mail_world.CONFIG, "WTF_CSRF_ENABLED": True}


@pytest.fixture
def axe_source():
    from tests.e2e.conftest import AXE

    return AXE.read_text()


@pytest.fixture
def mailbox(app, tags, make_user):
    make_user("root", role="admin")
    held = [receiving.deliver(fixture_bytes(name)).id for name in ("gmail_question_it.eml", "html_only_question.eml")]
    receiving.deliver(fixture_bytes("auto_reply_precedence.eml"))
    held.append(receiving.deliver(with_pictures(
        "ada@example.org", "Water under my Aurora One every morning",
        "Every morning there is a puddle of water under my Aurora One. The drip tray is empty.",
        attachments=[("IMG_2041.JPG", phone_jpeg(1600, 1200), "image/jpeg"),
                     ("water under the tray.png", png(), "image/png")])).id)
    db.session.commit()
    return held


@pytest.mark.parametrize("language, width", [("en", 375), ("it", 1280), ("it", 375), ("en", 1280)])
def test_received_mail_pages_read_well_and_pass_axe(browser: Browser, live_server, mailbox, axe_source, language,
                                                   width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=language)
    context.add_cookies([{"name": "lang", "value": language, "url": live_server}])
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.locator("#login").fill("root")
    page.locator("#password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".account-nav .me")).to_be_attached()  # in the menu on phones
    found = {}
    photos = f"/moderation/held/{mailbox[2]}"  # a held message's photos, shown to the moderator
    for path in ("/moderation?tab=held", f"/moderation/held/{mailbox[0]}", photos, "/admin/inbound",
                 f"/admin/inbound/{mailbox[1]}"):
        assert page.goto(live_server + path).status == 200, path
        assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth"), path
        found[path] = violations(page, axe_source)
        if path == photos:
            assert page.evaluate("[...document.images].filter(i => i.src.includes('/pictures/'))"
                                 ".every(i => i.complete && i.naturalWidth > 0)")
    page.goto(f"{live_server}/moderation/held/{mailbox[0]}")
    reject = "Reject and tell the sender" if language == "en" else "Rifiuta e avvisa il mittente"
    page.get_by_role("button", name=reject).click()
    reason = page.locator("#reason")
    expect(reason).to_have_attribute("aria-invalid", "true")
    assert "reason-error" in reason.get_attribute("aria-describedby")
    found["refused rejection"] = violations(page, axe_source)
    context.close()
    assert not any(found.values()), found
