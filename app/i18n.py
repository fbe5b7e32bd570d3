"""Language choice, translated messages and locale-aware formatting for templates.

The app translates through this module only (a test refuses Flask-Babel's gettext functions elsewhere): in a
template, a lazy message's values are escaped like those of the templates' own `_()`.

It alone knows Flask-Babel's internals: the templates' fast path below reads where Flask-Babel 4.0 keeps a
request's locale, so flask-babel stays pinned (docs/decisions.md) and tests/integration/test_i18n_fast_path.py
fails if an upgrade moves the locale or changes what templates' `_()` and `ngettext()` render.
"""

import functools
import unicodedata
from datetime import datetime

import flask_babel
from babel import numbers
from flask import current_app, has_request_context, request
from flask.globals import _cv_app
from flask.json.provider import DefaultJSONProvider
from flask_babel import format_datetime, format_timedelta, get_locale, get_timezone, get_translations
from flask_babel.speaklater import LazyString
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup

from app import clock

LANGUAGE_COOKIE = "lang"
LANGUAGE_NAMES = {"en": "English", "it": "Italiano"}
# A link to a question's translation, written in the language it leads to (whatever the interface's).
THIS_QUESTION_IN = {"en": "This question in English", "it": "Questa domanda in italiano"}


class LazyText(LazyString):
    """A message translated when it is shown, in the language of that moment. Flask-Babel's LazyString hands its
    text to templates as markup, values included (`__html__` returns the formatted string), so a tag typed in a
    form or a suspension reason reached the page as HTML. Here, as in the templates' own `_()`, the catalogue's
    text is markup and every value put into it is escaped."""

    def __init__(self, string: str, /, **variables):
        super().__init__(flask_babel.gettext, string, **variables)

    def __html__(self) -> Markup:
        text = Markup(flask_babel.gettext(self._args[0]))  # nosec B704 # our own catalogue's text, no values
        return text % self._kwargs if self._kwargs else text  # Markup's % escapes each value


def lazy_gettext(string: str, /, **variables) -> LazyText:
    return LazyText(string, **variables)


def gettext(string: str, /, **variables) -> str:
    return flask_babel.gettext(string, **variables)  # a plain str: templates escape it


def ngettext(singular: str, plural: str, num: int, /, **variables) -> str:
    return flask_babel.ngettext(singular, plural, num, **variables)


def select_locale() -> str:
    """The user's setting, else the footer switcher's cookie, else Accept-Language, else English."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and background jobs
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return browser_locale()


def browser_locale() -> str:
    """The footer switcher's cookie, else Accept-Language, else English: what the request alone says, without
    the database (the page that says the database cannot be reached is in this language)."""
    languages = current_app.config["LANGUAGES"]
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen is not None and chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def collation_key(text: str) -> tuple[str, str]:
    """Sorts names as a reader of either language expects: letters with accents among the plain ones ("Élite"
    beside "Elite", "Università" before "Uovo"), case ignored, then the exact text to keep the order stable.
    Italian and English share the Latin alphabet's order, so folding is all a full collation would add here."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)), text


def in_browser_locale():
    """Translate in `browser_locale()` for the block, whoever is signed in (without looking them up)."""
    return flask_babel.force_locale(browser_locale())


def relative_time(moment: datetime) -> str:
    """'3 hours ago' / '3 ore fa'."""
    return format_timedelta(moment - clock.now(), add_direction=True)


def full_time(moment: datetime) -> str:
    return _full_time(moment, str(_locale()), str(get_timezone()))


# A page names dozens of reputations and dates, each costing Babel ~50 µs; the same ones come back on
# every page, so their formatted forms are kept, keyed by everything the result depends on.
@functools.lru_cache(maxsize=16384)
def _full_time(moment: datetime, locale: str, timezone: str) -> str:
    return format_datetime(moment, "medium")  # in the request's locale and time zone: the key's last two


def number(value) -> str:
    """'12,345' / '12.345'."""
    return _number(value, str(_locale()))


@functools.lru_cache(maxsize=16384)
def _number(value, locale: str) -> str:
    return numbers.format_decimal(value, locale=locale)


# -- the templates' fast path --------------------------------------------------------------------------------
# Measured by bench/i18n_fast_path.py at 10,000 questions: with Flask-Babel's own callables a fresh question or
# search page costs 2.1-2.5 ms more CPU (9-16 %); of that, reading the locale where Flask-Babel keeps it saves
# 0.5-0.9 ms, the rest is the templates' `_()` below.
#
# Flask-Babel finds the locale, the domain and then the catalogue through the request context for every
# string, and a page translates hundreds. Templates keep the last catalogue with the locale object it was
# found for: a request parses its locale once, so the rest of its strings compare one identity (a
# forced locale, as for e-mails, is another object and finds its own catalogue).
_last_found: tuple = (None, None)


def _locale():
    """get_locale(), from where Flask-Babel keeps it once chosen (`g._flask_babel.babel_locale`, also where
    `force_locale` puts a forced one): its own look-up goes through the context proxies three times, and a
    page asks hundreds of times. If Flask-Babel keeps it elsewhere this still answers, through get_locale()."""
    context = _cv_app.get(None)
    state = context.g.__dict__.get("_flask_babel") if context is not None else None
    locale = getattr(state, "babel_locale", None)
    return locale if locale is not None else get_locale()


def _catalogue():
    global _last_found
    locale = _locale()
    found_for, catalogue = _last_found
    if locale is None or locale is not found_for:
        catalogue = get_translations()
        if locale is not None:
            _last_found = (locale, catalogue)
    return catalogue


def current_language() -> str:
    return str(_locale() or "en")


class JSONProvider(DefaultJSONProvider):
    """JSON takes a lazy message as its text; Flask's provider would take its escaped HTML form."""

    @staticmethod
    def default(o):
        return str(o) if isinstance(o, LazyString) else DefaultJSONProvider.default(o)


def init_app(app) -> None:
    app.json = JSONProvider(app)
    app.jinja_env.filters["reltime"] = relative_time
    app.jinja_env.filters["fulltime"] = full_time
    app.jinja_env.filters["number"] = number
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
    app.jinja_env.globals["THIS_QUESTION_IN"] = THIS_QUESTION_IN
    # In place of Flask-Babel's new-style `_()`, `gettext()` and `ngettext()`, a page's most frequent calls:
    # the same result without the i18n extension's two indirections (it resolves "gettext" by name, then
    # calls Flask-Babel's function through the context) and over `_catalogue`.
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext)


@pass_context
def _template_gettext(context, string: str, /, **variables):  # positional: "num" or "string" may be variables
    translated = _catalogue().ugettext(string)
    if context.eval_ctx.autoescape:
        translated = Markup(translated)  # nosec B704 # our own catalogue's text, as Jinja's gettext marks it
    return translated % variables  # always formatted, as Jinja's new-style gettext does ("%%" is "%")


@pass_context
def _template_ngettext(context, singular: str, plural: str, n: int, /, **variables):
    variables.setdefault("num", n)
    translated = _catalogue().ungettext(singular, plural, n)
    if context.eval_ctx.autoescape:
        translated = Markup(translated)  # nosec B704 # our own catalogue's text, as Jinja's gettext marks it
    return translated % variables
