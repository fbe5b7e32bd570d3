"""User text inside translated messages: every value put into a message is escaped wherever the message is shown
(error pages, form errors, flashes), in English and Italian. The app translates only through app.i18n: Flask-Babel's
own lazy strings hand their text to templates as markup, values included."""

import ast
import importlib
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import render_template_string
from flask_babel import force_locale
from sqlalchemy import select

from app.extensions import db
from app.models import ApiToken, User
from tests.integration.security.pages import fields
from tests.integration.xss_checks import unsafe_in_page

APP = Path(__file__).resolve().parents[3] / "app"
GETTEXT_FAMILY = {"gettext", "lazy_gettext", "ngettext", "lazy_ngettext", "pgettext", "lazy_pgettext", "npgettext",
                  "lazy_npgettext", "_", "LazyString"}
MARKUP = "<svg onload=alert(1)>"
ESCAPED = "&lt;svg onload=alert(1)&gt;"


def _modules() -> list[tuple[str, ast.Module]]:
    return [(".".join(path.relative_to(APP.parent).with_suffix("").parts), ast.parse(path.read_text()))
            for path in sorted(APP.rglob("*.py"))]


def test_the_app_translates_only_through_app_i18n():
    """A message made with Flask-Babel's own functions would be markup in a template, values unescaped."""
    found = []
    for module, tree in _modules():
        if module == "app.i18n":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("flask_babel"):
                found += [f"{module}: from {node.module} import {a.name}" for a in node.names
                          if a.name in GETTEXT_FAMILY]
            elif (isinstance(node, ast.Attribute) and node.attr in GETTEXT_FAMILY
                  and isinstance(node.value, ast.Name) and node.value.id == "flask_babel"):
                found.append(f"{module}: flask_babel.{node.attr}")
    assert not found, "translate through app.i18n: " + "; ".join(found)


def _translation_functions(tree: ast.Module) -> dict:
    """The names a module imports (at its top or inside a function) and where from: (module, attribute)."""
    return {alias.asname or alias.name: (node.module, alias.name) for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module for alias in node.names}


def _messages_with_values() -> list[tuple[tuple[str, str], tuple, tuple[str, ...]]]:
    """(where the function comes from, string arguments, keyword names) of every translation call in app/ that
    puts values into its message, with the function the calling module imported under that name."""
    calls = []
    for module, tree in _modules():
        imported = _translation_functions(tree)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "_l", "gettext", "lazy_gettext", "ngettext")):
                continue
            strings = tuple(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
            if strings and any("%(" in s for s in strings):
                source = imported.get(node.func.id, (module, node.func.id))
                calls.append((source, strings, tuple(k.arg for k in node.keywords if k.arg)))
    return calls


MESSAGES = _messages_with_values()


def test_the_enumeration_finds_the_messages_the_review_named():
    texts = {strings[0] for _, strings, _ in MESSAGES}
    assert "Unknown tag: %(names)s. Choose from the existing tags." in texts
    assert "Your account is suspended until %(date)s. Reason: %(reason)s" in texts
    assert len(MESSAGES) > 40


@pytest.mark.parametrize("language", ["en", "it"])
def test_every_value_put_into_a_message_is_escaped_where_it_is_shown(app, language):
    """Each call made as its module makes it (the function that module imported), with markup for every value,
    shown in a template as an error or a flash is."""
    template = "<p>{{ message }}</p><p>{{ _('Error: %(m)s', m=message) }}</p>"
    unsafe = []
    with app.test_request_context(), force_locale(language):
        for (module, name), strings, keywords in MESSAGES:
            translate = getattr(importlib.import_module(module), name)
            values = dict.fromkeys(keywords, MARKUP)
            plural = (3,) if len(strings) == 2 else ()
            html = render_template_string(template, message=translate(*strings, *plural, **values))
            if MARKUP in html or (keywords and ESCAPED not in html):
                unsafe.append(f"{module}.{name}({strings[0]!r})")
    assert not unsafe, f"{len(unsafe)} messages show a value unescaped: " + "; ".join(unsafe)


# The review's cases, through the pages that show them

def _assert_shown_escaped(response, status: int) -> str:
    html = response.get_data(as_text=True)
    assert response.status_code == status
    assert MARKUP not in html and ESCAPED in html
    assert unsafe_in_page(html) == []
    return html


@pytest.fixture
def moderator(client, auth, make_user):
    auth.login(make_user("marta", role="moderator"))


@pytest.mark.parametrize("path", ["/moderation/metrics", "/moderation/metrics.csv"])
def test_an_unknown_tag_on_the_care_dashboard(client, moderator, path):
    _assert_shown_escaped(client.get(path, query_string={"period": "30", "tag": MARKUP}), 400)


def test_an_unknown_tag_on_the_ask_form(client, auth, make_user, tags):
    auth.login(make_user("olivia"))
    page = client.get("/questions/ask").get_data(as_text=True)
    data = fields(page, having="title", typed={"title": "The pump hums and then stops after a second",
                                               "body": "Since yesterday the pump hums and nothing comes out.",
                                               "tags": f"aurora-one {MARKUP}"})
    html = _assert_shown_escaped(client.post("/questions/ask", data=data), 400)
    assert "Unknown tag" in html


def test_the_suspension_reason_on_the_members_log_in_page(app, client, auth, make_user):
    member = make_user("sam")
    auth.login(make_user("ada", role="admin"))
    page = client.get(f"/admin/users/{member.id}/suspend").get_data(as_text=True)
    until = (date.today() + timedelta(days=30)).isoformat()
    data = fields(page, having="reason", typed={"until": until, "reason": f"Spam links {MARKUP}"})
    assert client.post(f"/admin/users/{member.id}/suspend", data=data).status_code == 302
    auth.logout()
    page = client.get("/login").get_data(as_text=True)
    data = fields(page, having="password", typed={"login": "sam", "password": "correct horse battery"})
    html = _assert_shown_escaped(client.post("/login", data=data), 400)
    assert "Your account is suspended until" in html


def test_a_display_name_in_the_admins_flash(client, auth, make_user):
    member = make_user("sam", display_name=f"Sam {MARKUP}")
    auth.login(make_user("ada", role="admin"))
    page = client.get(f"/admin/users/{member.id}/suspend").get_data(as_text=True)
    data = fields(page, having="reason", typed={"until": (date.today() + timedelta(days=9)).isoformat(),
                                                "reason": "Spam links in every answer"})
    response = client.post(f"/admin/users/{member.id}/suspend", data=data, follow_redirects=True)
    assert "is suspended." in _assert_shown_escaped(response, 200)


def test_a_token_name_in_the_revocation_flash(client, auth, make_user):
    auth.login(make_user("olivia"))
    page = client.get("/settings/api-tokens").get_data(as_text=True)
    client.post("/settings/api-tokens", data=fields(page, "", {"name": f"desk {MARKUP}"}, having="name"))
    token = db.session.scalar(select(ApiToken))
    assert token is not None and MARKUP in token.name
    page = client.get("/settings/api-tokens").get_data(as_text=True)
    revoke = f"/settings/api-tokens/{token.id}/revoke"
    response = client.post(revoke, data=fields(page, revoke), follow_redirects=True)
    assert "is revoked" in _assert_shown_escaped(response, 200)


def test_italian_messages_escape_too(client, auth, make_user, tags):
    auth.login(make_user("olivia", locale="it"))
    page = client.get("/questions/ask").get_data(as_text=True)
    data = fields(page, having="title", typed={"title": "La pompa ronza e poi si ferma subito", "tags": MARKUP,
                                               "body": "Da ieri la pompa ronza e non esce niente dal gruppo."})
    html = _assert_shown_escaped(client.post("/questions/ask", data=data), 400)
    assert '<html lang="it"' in html
    assert db.session.scalar(select(User.locale).where(User.username == "olivia")) == "it"
