"""The JSON-LD blocks in a real browser: readable from the DOM, never run, never a CSP violation."""

import json

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.e2e


def test_json_ld_is_data_the_csp_allows(page: Page, live_server, make_user, make_question, make_answer):
    question = make_question(make_user("giulia"), title="Why does </script><script>alert(1)</script> show up?")
    make_answer(make_user("marco"), question)
    violations, dialogs = [], []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => "
                         "console.log('Content Security Policy violation: ' + e.violatedDirective));")
    page.goto(f"{live_server}/questions/{question.id}/{question.slug}")
    blocks = page.eval_on_selector_all('script[type="application/ld+json"]', "els => els.map(e => e.textContent)")
    types = [json.loads(block)["@type"] for block in blocks]
    assert types == ["QAPage", "BreadcrumbList"]
    assert json.loads(blocks[0])["mainEntity"]["name"] == question.title
    page.wait_for_load_state("networkidle")
    assert violations == [] and dialogs == []
