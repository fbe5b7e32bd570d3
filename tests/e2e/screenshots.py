"""Screenshots of every kind of page of the demo community, to look at before a release.

    python tests/e2e/screenshots.py OUT_DIR [--pages home,question,...] [--schemes light]

Each page at 320 px (the narrowest phone held to), 390 px and 1366 px, in English and Italian, in the light and
the dark theme, plus the printed question and FAQ pages; the brand team's pages as the demo moderator, a member's
(settings, notifications, tokens, their own reputation) and the question page as a demo member too. Nothing here
is checked: axe-core, tests/e2e/test_phone_layout.py and the journeys check; this is for human eyes (the files
are not kept in the repository).
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, DEMO_PASSWORD  # noqa: E402
from tests.e2e.lighthouse import demo_server  # noqa: E402

PUBLIC = {"home": "/", "search": "/search?q=descaling", "faq": "/faq", "faq-product": "/faq/aurora-one",
          "tag": "/tags/aurora-one", "products": "/tags", "badges": "/badges", "badge": "/badges/supporter",
          "members": "/users", "profile": "/users/1", "profile-reputation": "/users/1?tab=reputation",
          "profile-badges": "/users/1?tab=badges", "privileges": "/help/privileges", "api": "/api",
          "login": "/login", "register": "/register", "forgot": "/password/forgot", "not-found": "/questions/999999"}
MEMBER = {"settings": "/settings", "notifications": "/notifications",
          "notification-settings": "/settings/notifications", "api-tokens": "/settings/api-tokens",
          "own-profile-reputation": "/users/1?tab=reputation"}
MODERATOR = {"ask": "/questions/ask", "queue": "/moderation", "flags": "/moderation?tab=flags",
             "metrics": "/moderation/metrics", "log": "/moderation/log", "tag-edit": "/tags/aurora-one/edit"}
# The narrowest phone the layout is held to, a common one, and a laptop.
WIDTHS = {"320": 320, "390": 390, "desktop": 1366}
# Tall pages are cut: the top of a page is what shows whether the layout holds.
MAX_HEIGHT = 2400


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", help="comma-separated page names (default: all)")
    parser.add_argument("--schemes", default="light,dark", help="colour schemes (default: light,dark)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="sportello-shots-") as tmp, demo_server(Path(tmp)) as (base, pages):
        public = {**PUBLIC, "question": pages["question"]}
        signed_in = {  # votes, tools and forms per post: the brand team's, and a member's (kept per reader class)
            "aurora.care": {**MODERATOR, "question-team": pages["question"]},
            "giulia.rinaldi": {**MEMBER, "question-member": pages["question"]},
        }
        wanted = set(args.pages.split(",")) if args.pages else None
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for language in ("en", "it"):
                for device, width in WIDTHS.items():
                    for scheme in args.schemes.split(","):
                        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
                        context.add_cookies([{"name": "lang", "value": language, "url": base}])
                        page = context.new_page()
                        for name, path in public.items():
                            if not wanted or name in wanted:
                                shoot(page, base + path, args.out / f"{name}-{language}-{device}-{scheme}.png")
                        for username, shots in signed_in.items():
                            if wanted and not wanted & shots.keys():
                                continue
                            context.clear_cookies()
                            context.add_cookies([{"name": "lang", "value": language, "url": base}])
                            log_in(page, base, username)
                            for name, path in shots.items():
                                if not wanted or name in wanted:
                                    shoot(page, base + path, args.out / f"{name}-{language}-{device}-{scheme}.png")
                        context.close()
                page = browser.new_page(viewport={"width": 800, "height": 1100})
                page.context.add_cookies([{"name": "lang", "value": language, "url": base}])
                for name in ("question", "faq"):
                    if not wanted or name in wanted:
                        page.goto(base + public[name])
                        page.emulate_media(media="print")
                        shoot(page, None, args.out / f"{name}-{language}-print.png")
                page.close()
            browser.close()
    print(f"Screenshots in {args.out}")
    return 0


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login")
    page.locator("#login").fill(username)
    page.locator("#password").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".account-nav .me", state="attached")  # in the menu on a phone


def shoot(page, url: str | None, path: Path) -> None:
    if url:
        page.goto(url)
    height = min(page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT)
    width = page.viewport_size["width"]
    page.screenshot(path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height})
    print(path)


if __name__ == "__main__":
    sys.exit(main())
