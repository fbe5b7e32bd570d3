"""Phones first, in Chromium: at 320 px no page scrolls sideways, in English and Italian, for a visitor, a member
and the brand team — every kind of page the app serves, found from its routes (a new page joins the list or
fails the test), with long unbroken words where members can type them; the header keeps "Ask a question" in
view and folds the sections and the account into a menu that opens without JavaScript."""

import shutil
import threading
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from werkzeug.serving import make_server

from tests.e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e

PHONE, SMALL_PHONES = 320, (320, 390)
# Words no line can break between spaces: a title, a name, a link, a search, as members type them.
LONG_WORD = "Supercalifragilisticexpialidocious" * 2
LONG_LINK = "https://support.example.com/" + "a" * 120 + "?ref=" + "b" * 60

# Routes that answer with something other than an HTML page (JSON, files, redirects).
NOT_PAGES = ("api.", "seo.", "static", "search.suggest", "care.export_csv", "moderation.log_csv", "questions.post_link",
             "inbound.raw", "notifications.open_one", "oidc.callback", "uploads.serve", "inbound.held_picture")
# Pages that exist only in the middle of a sign-in (a provider's answer, a password's second step): measured at a
# phone's width by tests/e2e/test_sign_in_journey.py, which runs the OpenID provider they need.
MEASURED_IN_SIGN_IN = ("oidc.choose_username", "two_factor.verify")

# Each page kind: (who sees it, path; names in braces are the site's ids). Visitors' pages are also seen by
# members and the brand team with their own header: the question and home pages are checked for each.
PAGES = {
    "questions.index": [("visitor", "/"), ("member", "/"), ("moderator", "/"),
                        ("visitor", "/questions?tab=unanswered&page=2")],
    "questions.show": [("visitor", "{question}"), ("member", "{question}"), ("moderator", "{question}"),
                       ("visitor", "{long_question}"), ("member", "{long_question}")],
    "questions.tags": [("visitor", "/tags")],
    "questions.tagged": [("visitor", "/tags/aurora-one")],
    "questions.revisions": [("visitor", "/posts/{edited_post}/revisions")],
    "questions.ask": [("member", "/questions/ask")],
    "assistant.help_page": [("visitor", "/help"), ("member", "/help")],
    "assistant.handover": [("member", "/help/{assistant_session}/question?token={assistant_token}")],
    "questions.edit": [("member", "/posts/{own_answer}/edit"), ("moderator", "/posts/{question_id}/edit")],
    "search.index": [("visitor", "/search?q=descaling"), ("visitor", "/search?q=" + LONG_WORD),
                     ("visitor", "/search")],
    "faq.index": [("visitor", "/faq")],
    "faq.product": [("visitor", "/faq/aurora-one")],
    "faq.edit": [("moderator", "/questions/{question_id}/faq")],
    "accounts.profile": [("visitor", "{profile}"), ("visitor", "{profile}?tab=answers"),
                         ("visitor", "{profile}?tab=reputation"), ("visitor", "{profile}?tab=badges"),
                         ("member", "{profile}?tab=reputation"), ("visitor", "{long_profile}")],
    "sign_in.login": [("visitor", "/login")],
    "sign_in.register": [("visitor", "/register")],
    "sign_in.forgot_password": [("visitor", "/password/forgot")],
    "sign_in.reset_password": [("visitor", "/password/reset/{reset_token}")],
    "accounts.settings": [("member", "/settings")],
    "reputation.members": [("visitor", "/users"), ("visitor", "/users?q=" + LONG_WORD[:40])],
    "reputation.privileges_help": [("visitor", "/help/privileges"), ("member", "/help/privileges")],
    "badges.index": [("visitor", "/badges")],
    "badges.show": [("visitor", "/badges/supporter")],
    "notifications.inbox": [("member", "/notifications")],
    "sessions.index": [("member", "/settings/sessions")],
    "two_factor.settings": [("member", "/settings/two-factor")],
    "oidc.settings": [("member", "/settings/sign-in")],
    "notifications.settings": [("member", "/settings/notifications")],
    "notifications.unsubscribe": [("visitor", "/unsubscribe/{unsubscribe_token}")],
    # An e-mailed survey link works once: its first opening is the survey's page, later ones say it was used.
    "satisfaction.from_link": [("visitor", "/satisfaction/{survey_token}/partly")],
    "api_pages.docs": [("visitor", "/api")],
    "api_pages.tokens": [("member", "/settings/api-tokens")],
    "moderation.queue_page": [("moderator", "/moderation"), ("moderator", "/moderation?tab=flags"),
                              ("moderator", "/moderation?tab=personal-data")],
    "moderation.log": [("moderator", "/moderation/log")],
    "moderation.bulk_confirm": [("moderator",
                                 "/moderation/bulk?action=lock&post={question_id}&post={long_question_id}")],
    "replies.index": [("moderator", "/moderation/replies")],
    "replies.new": [("moderator", "/moderation/replies/new")],
    "replies.edit": [("moderator", "/moderation/replies/{saved_reply}/edit")],
    "moderation.entry": [("moderator", "/moderation/log/{log_entry}")],
    "moderation.confirm_resolve_flags": [("moderator", "/posts/{long_answer}/flags/resolve?outcome=delete-spam")],
    "moderation.confirm_lock": [("moderator", "/questions/{question_id}/lock")],
    "care.dashboard": [("moderator", "/moderation/metrics")],
    "admin.users": [("admin", "/admin/users")],
    "admin.suspend": [("admin", "/admin/users/{member_id}/suspend")],
    "admin.set_email": [("admin", "/admin/users/{member_id}/email")],
    "admin.new_tag": [("admin", "/tags/new")],
    "admin.edit_tag": [("admin", "/tags/aurora-one/edit")],
    "webhooks.index": [("admin", "/admin/webhooks")],
    "webhooks.show": [("admin", "/admin/webhooks/{webhook}")],
    "webhooks.edit": [("admin", "/admin/webhooks/{webhook}/edit")],
    "webhooks.new": [("admin", "/admin/webhooks/new")],
    "inbound.index": [("admin", "/admin/inbound")],
    "inbound.show": [("admin", "/admin/inbound/{held_mail}"), ("admin", "/admin/inbound/{refused_mail}")],
    "inbound.held": [("moderator", "/moderation/held/{held_mail}")],
    "not found": [("visitor", "/questions/999999"), ("member", "/no/such/page")],
}
STATUS = {"not found": 404, "satisfaction.from_link": (200, 410)}  # a survey link's page once, then "used"
USERS = {"member": "giulia.rinaldi", "moderator": "aurora.care", "admin": "ada.admin"}


@dataclass
class PhoneSite:
    url: str
    ids: dict = field(default_factory=dict)

    def path(self, template: str) -> str:
        return template.format(**self.ids)


@pytest.fixture(scope="module")
def phone_site(migrated_db, tmp_path_factory):
    """The demo community plus what members can type at its widest (long words in a title, a body, a comment,
    a display name and a bio), an administrator and a webhook; every demo account follows the language cookie."""
    from app import clock, create_app
    from app.accounts import operations as accounts
    from app.accounts import password_reset
    from app.assistant import links
    from app.assistant import operations as assistant
    from app.demo.seed import seed_demo
    from app.extensions import db
    from app.inbound import receiving
    from app.models import Answer, Question, SatisfactionSurvey, SavedReply, User, Webhook
    from app.moderation import operations as moderation
    from app.notifications import emails
    from app.questions import operations as questions
    from app.reputation import privileges
    from app.satisfaction import links as survey_links
    from app.urls import post_url, user_url
    from tests.conftest import TEST_CONFIG

    folder = tmp_path_factory.mktemp("phone")
    shutil.copy(migrated_db, folder / "demo.db")
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.db'}",
                      "SEARCH_INDEX_DIR": str(folder / "search-index"), "WTF_CSRF_ENABLED": True,
                      "MAIL_INBOUND_ADDRESS": "community@aurora.example"})
    with app.app_context():
        seed_demo()
        users = {user.username: user for user in db.session.scalars(select(User))}
        for user in users.values():
            user.locale = None
        member = users["giulia.rinaldi"]
        admin = accounts.register("ada.admin", "ada@example.com", DEMO_PASSWORD)
        admin.role = "admin"
        wide = accounts.register("wide.words", "wide@example.com", DEMO_PASSWORD)
        accounts.update_profile(wide, "W" * 60, f"{LONG_WORD} {LONG_LINK}", None)
        long_question = questions.ask_question(
            wide, f"Error {LONG_WORD} after descaling", f"It says {LONG_WORD} and links {LONG_LINK}\n\n"
            f"    {'x' * 200}\n", "aurora-one", "en", allow_personal_data=True)
        answer = questions.post_answer(users["marco.bianchi"], long_question, f"Try {LONG_LINK} then {LONG_WORD}.",
                                       "en", allow_personal_data=True)
        questions.add_comment(member, answer, f"Thanks! {LONG_WORD}", allow_personal_data=True)
        questions.accept_answer(wide, answer)  # its asker is asked whether it solved it, with the long title
        # Flags with long words in the Flags tab, and a spam deletion whose log entry and undo a page shows.
        spam = questions.ask_question(wide, f"Cheap descaler {LONG_WORD}", f"Buy it at {LONG_LINK} {LONG_WORD}",
                                      "aurora-one", "en", allow_personal_data=True)
        with privileges.replaying_history():
            moderation.flag_post(member, answer, "other", f"The link is outdated: {LONG_WORD}")
            moderation.flag_post(member, spam, "spam", f"A shop: {LONG_WORD}")
        spam_deleted = moderation.resolve_flags(users["aurora.care"], spam, "delete-spam", f"Shop {LONG_WORD}")
        question = db.session.scalars(select(Question).where(Question.accepted_answer_id.is_not(None),
                                                             Question.has_official_answer,
                                                             Question.language == "en")).first()
        own_answer = db.session.scalars(select(Answer).where(Answer.author_id == member.id)).first()
        edited = db.session.scalars(select(Answer.id).where(Answer.last_edited_at.is_not(None))).first()
        webhook = Webhook(url="http://127.0.0.1:9/hook", secret="s" * 32, events=["question.created"],
                          is_active=False, created_at=clock.now(), updated_at=clock.now())
        db.session.add(webhook)
        saved_reply = SavedReply(title=f"Descaling {LONG_WORD}", language="en",
                                 body=f"Hello {{asker}}, the {{product}} shows {LONG_WORD}: see {LONG_LINK}")
        db.session.add(saved_reply)
        db.session.commit()
        # A first message from a stranger waits for a moderator; one too short to be a question is refused.
        held = receiving.deliver(_mail(f"My Aurora One shows {LONG_WORD} after descaling",
                                       f"Since yesterday it shows {LONG_WORD} and links {LONG_LINK}."))
        refused = receiving.deliver(_mail("Help", "Broken?"))
        with app.test_request_context():
            # What a visitor asked the assistant, for the hand-over form it leads to.
            _reply, session, key = assistant.ask(None, "help", f"La lancia vapore della Duo gocciola {LONG_WORD}",
                                                 "it")
            db.session.commit()
            ids = {"assistant_session": session.id, "assistant_token": links.handover_token(session.id, key),
                   "question": post_url(question), "question_id": question.id, "long_question": post_url(long_question),
                   "profile": user_url(member), "long_profile": user_url(wide), "own_answer": own_answer.id,
                   "saved_reply": saved_reply.id, "long_question_id": long_question.id,
                   "edited_post": edited or own_answer.id, "member_id": member.id, "webhook": webhook.id,
                   "reset_token": password_reset.make_token(member),
                   "unsubscribe_token": emails.unsubscribe_token(member.id, "digest"),
                   "held_mail": held.id, "refused_mail": refused.id, "log_entry": spam_deleted.id,
                   "long_answer": answer.id,
                   "survey_token": survey_links.token(db.session.scalar(select(SatisfactionSurvey).where(
                       SatisfactionSurvey.question_id == long_question.id)))}
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield PhoneSite(f"http://127.0.0.1:{server.server_port}", ids)
    server.shutdown()
    thread.join(timeout=5)
    with app.app_context():
        db.engine.dispose()


def _mail(subject: str, body: str) -> bytes:
    return (f"From: Carla Neri <carla@example.org>\nTo: community@aurora.example\nSubject: {subject}\n"
            f"Message-ID: <{abs(hash(subject))}@example.org>\n\n{body}\n").encode()


def test_every_page_kind_is_measured(app):
    """A page added later must be given a case here (or be named as not a page)."""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    missing = sorted(e for e in endpoints
                     if not e.startswith(NOT_PAGES) and e not in PAGES and e not in MEASURED_IN_SIGN_IN)
    assert not missing, f"add these pages to PAGES in {__file__} (who sees them, and a path): {missing}"


# Elements wider than the screen that no scrolling box of their own contains: what makes the page scroll.
OFFENDERS = """() => {
  const width = document.documentElement.clientWidth;
  // An absolutely placed element (a visually hidden label) is inside the box it is placed in, not its parent.
  const scrolls = el => {
    const first = getComputedStyle(el).position === 'absolute' ? el.offsetParent : el.parentElement;
    for (let p = first; p && p !== document.body; p = p.parentElement) {
    const s = getComputedStyle(p).overflowX; if (s === 'auto' || s === 'scroll' || s === 'hidden') return true; }
    return false; };
  return Array.from(document.body.querySelectorAll('*')).filter(el => {
    const box = el.getBoundingClientRect();  // the box, or the text running out of it
    const right = Math.max(box.right, box.left + (getComputedStyle(el).overflowX === 'visible' ? el.scrollWidth : 0));
    return box.width && right > width + 0.5 && !scrolls(el) && getComputedStyle(el).position !== 'fixed';
  }).slice(0, 5).map(el => el.tagName.toLowerCase()
                        + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
                        + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
}"""


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.locator("#login").fill(username)
    page.locator("#password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".account-nav .me")).to_be_attached()


def measure(page: Page, url: str, status: int | tuple = 200) -> tuple[int, list[str]]:
    """The page's width and what overflows it; the page must be the one meant (not an error page instead)."""
    assert page.goto(url).status in (status if isinstance(status, tuple) else (status,)), url
    return page.evaluate("document.documentElement.scrollWidth"), page.evaluate(OFFENDERS)


@pytest.mark.parametrize("language", ["en", "it"])
def test_no_page_is_wider_than_a_320px_phone(browser: Browser, phone_site, language):
    wide = {}
    for role in ("visitor", "member", "moderator", "admin"):
        context = browser.new_context(viewport={"width": PHONE, "height": 700}, locale=language)
        context.add_cookies([{"name": "lang", "value": language, "url": phone_site.url}])
        page = context.new_page()
        try:
            if role != "visitor":
                log_in(page, phone_site.url, USERS[role])
            for kind, cases in PAGES.items():
                for who, template in cases:
                    if who == role:
                        path = phone_site.path(template)
                        width, offenders = measure(page, phone_site.url + path, STATUS.get(kind, 200))
                        if width > PHONE:
                            wide[f"{kind} {path} as {role}"] = (width, offenders)
            if role == "member":  # refused forms: messages beside the fields, the personal-data warning
                wide.update(refused_forms(page, phone_site))
        finally:
            context.close()
    assert not wide, "\n".join(f"{name}: {width}px wide ({', '.join(offenders)})"
                               for name, (width, offenders) in wide.items())


def refused_forms(page: Page, site: PhoneSite) -> dict:
    wide = {}
    page.goto(site.url + "/questions/ask")
    page.locator("#title").fill(f"Short {LONG_WORD}")
    page.locator("#body").fill(f"Call me at +39 333 123 4567 or write to me@example.com {LONG_LINK}")
    page.locator("#tags").fill(f"aurora-one {LONG_WORD}")
    page.locator("main form button[type=submit]").first.click()  # "Post your question"
    expect(page.locator(".error-summary")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE:
        wide["ask, refused"] = (width, page.evaluate(OFFENDERS))
    return wide


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
@pytest.mark.parametrize("width", SMALL_PHONES)
def test_the_header_keeps_ask_in_view_and_the_rest_in_a_menu(browser: Browser, phone_site, width, javascript):
    context = browser.new_context(viewport={"width": width, "height": 640}, java_script_enabled=javascript)
    page = context.new_page()
    try:
        for role in ("visitor", "moderator"):  # the longest header: the care queue, notifications, admin links
            if role != "visitor":
                log_in(page, phone_site.url, USERS[role])
            page.goto(phone_site.url + phone_site.path("{question}"))
            header = page.locator(".site-header").bounding_box()
            assert header["height"] <= 130, f"the header takes {header['height']}px as {role} at {width}px"
            ask = page.locator(".site-header").get_by_role("link", name="Ask a question")
            expect(ask).to_be_in_viewport(ratio=1)
            menu = page.get_by_role("button", name="Menu")
            for name in ("Questions", "Products", "FAQ", "Members", "Badges"):
                expect(page.get_by_role("navigation", name="Main").get_by_role("link", name=name)).to_be_hidden()
            menu.click()
            for name in ("Questions", "Products", "FAQ", "Members", "Badges"):
                link = page.get_by_role("navigation", name="Main").get_by_role("link", name=name)
                expect(link).to_be_in_viewport(ratio=1)
            account = page.get_by_role("button", name="Log out") if role != "visitor" else \
                page.get_by_role("link", name="Sign up", exact=True)
            account.scroll_into_view_if_needed()
            expect(account).to_be_visible()
            page.get_by_role("navigation", name="Main").get_by_role("link", name="Badges").click()
            expect(page.get_by_role("heading", level=1)).to_contain_text("Badges")
    finally:
        context.close()


def test_on_a_wide_screen_the_sections_and_account_are_in_the_header(browser: Browser, phone_site):
    page = browser.new_page(viewport={"width": 1366, "height": 800})
    try:
        log_in(page, phone_site.url, USERS["member"])
        expect(page.get_by_role("button", name="Menu")).to_be_hidden()
        for name in ("Questions", "Products", "FAQ", "Members", "Badges"):
            expect(page.get_by_role("navigation", name="Main").get_by_role("link", name=name)).to_be_visible()
        expect(page.get_by_role("button", name="Log out")).to_be_visible()
        expect(page.get_by_role("link", name="Ask a question").first).to_be_visible()
    finally:
        page.close()


@pytest.mark.parametrize(("language", "scheme"), [("en", "light"), ("it", "dark")])
def test_the_open_menu_and_a_votes_explanation_pass_axe(browser: Browser, phone_site, language, scheme):
    """What opens on a tap is checked like the pages (which axe sees with it closed)."""
    from tests.e2e.conftest import AXE
    from tests.e2e.test_accessibility import violations

    context = browser.new_context(viewport={"width": 375, "height": 800}, locale=language, color_scheme=scheme)
    context.add_cookies([{"name": "lang", "value": language, "url": phone_site.url}])
    page = context.new_page()
    try:
        found = []
        for role in ("visitor", "member"):
            if role == "member":
                log_in(page, phone_site.url, USERS[role])
            page.goto(phone_site.url + phone_site.path("{question}"))
            page.locator(".menu-button").click()
            expect(page.locator(".site-menu")).to_be_visible()
            found += [f"menu as {role}: {p}" for p in violations(page, AXE.read_text())]
            page.keyboard.press("Escape")
            expect(page.locator(".site-menu")).to_be_hidden()
            if role == "visitor":  # every vote explains itself to a visitor
                page.locator(".answer .vote-down").first.click()
                expect(page.locator(".vote-why:popover-open")).to_be_visible()
                found += [f"vote explanation as {role}: {p}" for p in violations(page, AXE.read_text())]
        assert not found, "\n".join(found)
    finally:
        context.close()
