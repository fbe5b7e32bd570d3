"""The nastiest XSS vectors in a real browser: pages that show them run none of them.

Every vector's payload is the canary `window.__xss=1`. Each page is loaded, then every element gets the
events inline handlers listen to (mouse, pointer, focus, toggle, animation), and every link that is not
http(s) or mailto is clicked; afterwards `window.__xss` must be undefined, no dialog may have opened and
the Content-Security-Policy must have had nothing to refuse.

Twice: as served (with the CSP), and with the CSP bypassed, so that escaping and sanitising are tested on
their own and the CSP is only the second line of defence. A control page with an unsafe element shows that
the canary fires when script does run (CSP bypassed), and that the CSP alone stops it (as served).
"""

import pytest
from playwright.sync_api import Browser

from app import CONTENT_SECURITY_POLICY
from app.admin import operations as admin
from app.extensions import db
from app.faq import operations as faq
from app.moderation import operations as moderation
from app.questions import official_answers
from app.questions import operations as posts
from app.questions.tag_terms import TagNames
from tests.conftest import PASSWORD
from tests.integration.xss_checks import NASTIEST

pytestmark = pytest.mark.e2e

CANARY = [vector.replace("\x00", "") for vector in NASTIEST]  # the request layer drops NUL characters
TRIGGER = """() => {
  const events = ["mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "pointerover", "pointerenter",
                  "pointerdown", "focus", "focusin", "blur", "toggle", "animationstart", "transitionend", "load",
                  "error", "input", "change", "wheel", "dragstart", "copy", "beforecopy"];
  for (const element of document.querySelectorAll("*")) {
    for (const type of events) {
      try { element.dispatchEvent(new Event(type, {bubbles: false})); } catch (e) {}
    }
  }
  for (const link of document.querySelectorAll("a[href], area[href]")) {
    if (!["http:", "https:", "mailto:"].includes(link.protocol)) { link.click(); }
  }
  for (const element of document.querySelectorAll("[formaction], [action]")) {
    const target = element.getAttribute("formaction") || element.getAttribute("action");
    if (/^\\s*(javascript|data|vbscript):/i.test(target)) {
      window.__xss = "a javascript: form action";
    }
  }
}"""
WATCH = ("document.addEventListener('securitypolicyviolation', e => "
         "console.log('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.sample));")


def fit(text: str, low: int, high: int) -> str:
    text = text.strip()
    return (text if len(text) >= low else f"XSS vector: {text}")[:high].strip()


@pytest.fixture
def canary_site(app, make_user, make_question, make_answer, tags):
    """Every canary vector as a question title and official note, an FAQ title, a tag description, a member's
    name and about text, an answer, a comment and a flag; and all of them together in one question's body."""
    moderator = make_user("marta", role="moderator")
    asker = make_user("giulia", reputation=20)  # images in posts need the image privilege
    hub = posts.ask_question(asker, "Every vector in one question", "\n\n".join(CANARY), "aurora-one", "en", True)
    titled = []
    for n, vector in enumerate(CANARY):
        member = make_user(f"member{n}", reputation=20, display_name=fit(vector, 1, 60), about=fit(vector, 0, 500))
        posts.post_answer(member, hub, f"An answer that carries a vector:\n\n{vector}", "en", True)
        posts.add_comment(asker, hub, fit(vector, 2, 600), True)
        moderation.flag_post(member, hub, "other", fit(vector, 10, 500))
        question = posts.ask_question(asker, fit(vector, 15, 150), f"A question about:\n\n{vector}", "aurora-one",
                                      "en", True)
        answer = posts.post_answer(member, question, f"Vouched for by the brand:\n\n{vector}", "en", True)
        official_answers.mark_official(moderator, answer, vector)
        faq.save_entry(moderator, question, fit(vector, 10, 150), answer, tags[0], None)
        shown_name = fit(vector, 0, 60)  # a tag's names are shown on every page that lists it
        admin.create_tag(moderator, f"xss-{n}", TagNames({"en": shown_name, "it": shown_name},
                                                         {"en": vector, "it": vector}, ""))
        titled.append(question)
    db.session.commit()
    return hub, titled


def pages_for(hub, titled) -> tuple[list[str], list[str]]:
    """The pages a visitor opens, and those only the brand team sees."""
    visitor = [f"/questions/{hub.id}/{hub.slug}", "/questions", "/faq", "/faq/aurora-one", "/tags", "/tags/xss-0",
               "/users", f"/questions/{titled[0].id}/{titled[0].slug}", f"/questions/{titled[-1].id}/{titled[-1].slug}",
               "/search?q=script", "/search?q=vector+question"]
    visitor += ["/search?q=" + vector.replace("%", "%25").replace("&", "%26").replace("#", "%23").replace("+", "%2B")
                for vector in CANARY[::6]]
    staff = ["/moderation?tab=flags", f"/questions/{hub.id}/{hub.slug}", f"/posts/{hub.id}/edit",
             f"/questions/{titled[0].id}/faq", "/tags/xss-1/edit"]
    return visitor, staff


def visit(context, live_server, paths: list[str], login: str | None = None) -> list[str]:
    """Opens each page, triggers whatever could run, and returns what ran (empty when nothing did)."""
    page = context.new_page()
    ran = []
    page.on("dialog", lambda dialog: (ran.append(f"a dialog: {dialog.message!r}"), dialog.dismiss()))
    page.on("console", lambda message: ran.append(message.text) if "Content Security Policy" in message.text else None)
    page.add_init_script(WATCH)
    if login:
        page.goto(f"{live_server}/login")
        page.get_by_label("Username or e-mail").fill(login)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda url: "/login" not in url)
    for path in paths:
        response = page.goto(live_server + path)
        assert response.status in (200, 400), f"{path}: {response.status}"
        page.evaluate(TRIGGER)
        page.wait_for_timeout(50)
        # A click left the page only if something unsafe was there.
        canary = page.evaluate("window.__xss") if page.url.startswith(live_server) else f"navigated to {page.url}"
        if canary is not None:
            ran.append(f"{path}: window.__xss = {canary!r}")
    page.close()
    return ran


@pytest.mark.parametrize("csp", ["as served", "bypassed"])
def test_no_vector_runs_in_chromium(browser: Browser, live_server, canary_site, csp):
    hub, titled = canary_site
    visitor_pages, staff_pages = pages_for(hub, titled)
    for login, paths in ((None, visitor_pages), ("marta", staff_pages), ("giulia", [f"/posts/{hub.id}/edit"])):
        context = browser.new_context(bypass_csp=csp == "bypassed")
        try:
            ran = visit(context, live_server, paths, login)
        finally:
            context.close()
        assert ran == [], f"as {login or 'a visitor'}, with the CSP {csp}: {ran}"


CONTROL = ("<!doctype html><title>control</title><p>A page with an unsafe element.</p>"
           "<img src=x onerror=window.__xss=1><a id=j href='javascript:window.confirm(1)'>j</a>")


@pytest.mark.parametrize("csp", ["as served", "bypassed"])
def test_the_canary_sees_script_that_runs_and_the_csp_stops_it(browser: Browser, live_server, csp):
    context = browser.new_context(bypass_csp=csp == "bypassed")
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route(f"{live_server}/control", lambda route: route.fulfill(
        status=200, body=CONTROL, headers={"Content-Type": "text/html; charset=utf-8",
                                           "Content-Security-Policy": CONTENT_SECURITY_POLICY}))
    page.goto(f"{live_server}/control")
    page.wait_for_load_state("load")
    page.evaluate(TRIGGER)
    page.wait_for_timeout(50)
    ran = page.evaluate("window.__xss")
    context.close()
    if csp == "bypassed":
        assert ran == 1 and dialogs == ["1"], "the canary must see script that runs"
    else:
        assert ran is None and dialogs == [], "the Content-Security-Policy must stop inline script"
