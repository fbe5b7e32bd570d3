"""The templates' fast path in app.i18n reads where Flask-Babel keeps a request's locale and translates without
Flask-Babel's template callables. These tests fail when a Flask-Babel upgrade moves the locale, changes how a forced
locale is kept, or changes what its own `_()` and `ngettext()` render, so the fast path is revisited, not silently
wrong or silently slow."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import Flask, g, render_template_string
from flask_babel import Babel, force_locale, get_locale, get_translations

from app import i18n

CATALOGUE = Path(__file__).resolve().parents[2] / "translations" / "it" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])")
VALUE = "<b>&</b>"  # in a template, every value put into a message is escaped


def _messages() -> list[tuple[str, str | None, dict]]:
    """Every catalogue entry a template could show, as (singular, plural or None, values for its placeholders)."""
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po)
    found = []
    for message in catalogue:
        if not message.id:
            continue
        singular, plural = (message.id, message.id[1]) if isinstance(message.id, tuple) else (message.id, None)
        if isinstance(singular, tuple):
            singular = singular[0]
        text = singular + (plural or "")
        if "%" in PLACEHOLDER.sub("", text).replace("%%", ""):
            continue  # a bare "%": a message for Python code, which a template's new-style `_()` cannot format
        names = dict(PLACEHOLDER.findall(text))
        found.append((singular, plural, {name: VALUE if kind == "s" else 3 for name, kind in names.items()
                                         if not (plural and name == "num")}))  # ngettext's own
    return found


TEMPLATE = """{% for singular, plural, values in messages %}<p>{% if plural %}
{{ ngettext(singular, plural, 2, **values) }}
{{ ngettext(singular, plural, 1, **values) }}{% else %}{{ _(singular, **values) }}{% endif %}</p>
{% endfor %}"""


def _flask_babels_own(app) -> Flask:
    """A bare app on the same catalogues, with Flask-Babel's template callables as it installs them."""
    reference = Flask("reference", root_path=app.root_path)
    Babel(reference, locale_selector=lambda: g.language,
          default_translation_directories=str(CATALOGUE.parents[2]))
    return reference


@pytest.mark.parametrize("language", ["en", "it"])
def test_templates_translate_as_flask_babels_own_callables(app, language):
    messages = _messages()
    assert len(messages) > 500  # the whole catalogue, plurals and placeholders included
    rendered = {}
    for name, flask_app in (("ours", app), ("Flask-Babel's", _flask_babels_own(app))):
        with flask_app.test_request_context(headers={"Accept-Language": language}):
            g.language = language
            with force_locale(language):
                rendered[name] = render_template_string(TEMPLATE, messages=messages)
    assert rendered["ours"] == rendered["Flask-Babel's"]
    assert ("<p>Domande</p>" in rendered["ours"]) == (language == "it")
    assert VALUE not in rendered["ours"] and "&lt;b&gt;&amp;&lt;/b&gt;" in rendered["ours"]


def test_the_locale_is_read_where_flask_babel_keeps_it(app):
    """The fast read finds the locale itself; were it kept elsewhere, the fast path would fall back to the slow
    look-up on every string without a test failing."""
    with app.test_request_context(headers={"Accept-Language": "it"}):
        chosen = get_locale()
        assert str(chosen) == "it"
        assert g._flask_babel.babel_locale is chosen  # where app.i18n._locale reads it
        assert i18n._locale() is chosen
        assert get_locale() is chosen  # one object for the request: the catalogue is kept by its identity


def test_a_forced_locale_is_read_and_then_given_back(app):
    """E-mails and replies are written in their reader's language inside another request: the fast path must see
    the forced locale and its catalogue, then the request's own again."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert str(i18n._locale()) == "en"
        english = render_template_string("{{ _('Questions') }}|{{ current_language() }}")
        with force_locale("it"):
            assert i18n._locale() is get_locale() and str(get_locale()) == "it"
            assert i18n._catalogue() is get_translations()
            italian = render_template_string("{{ _('Questions') }}|{{ current_language() }}")
        assert render_template_string("{{ _('Questions') }}|{{ current_language() }}") == english
    assert english == "Questions|en" and italian.endswith("|it") and italian != "Questions|it"


def test_outside_a_request_the_default_language(app):
    assert i18n._locale() is None or str(i18n._locale()) == "en"
    assert i18n.current_language() == "en"
