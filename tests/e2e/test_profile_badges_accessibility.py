"""axe-core on a profile's badges tab (badge lines with their counts), in English and Italian, light and dark."""

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import AXE

pytestmark = pytest.mark.e2e

VIEWS = [("en", 375, "light"), ("it", 1280, "dark")]


@pytest.mark.parametrize(("language", "width", "scheme"), VIEWS, ids=[f"{lang}-{w}px-{s}" for lang, w, s in VIEWS])
def test_badges_tab_has_no_axe_violations(browser: Browser, demo_site, language, width, scheme):
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run `npm ci` in {AXE.parents[2]} (make test does)")
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                  reduced_motion="reduce", locale=language)
    context.add_cookies([{"name": "lang", "value": language, "url": demo_site.url}])
    page = context.new_page()
    try:
        assert page.goto(f"{demo_site.url}{demo_site.profile}?tab=badges").status == 200
        expect(page.locator(".award-list li").first).to_be_visible()
        page.evaluate(AXE.read_text())
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        problems = [f"{rule['id']} ({rule['impact']}): {rule['help']} at {node['target']}"
                    for rule in result["violations"] for node in rule["nodes"]]
    finally:
        context.close()
    assert not problems, "\n".join(problems)
