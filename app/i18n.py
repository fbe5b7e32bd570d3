"""Language choice and locale-aware formatting for templates."""

from datetime import datetime

from flask import current_app, has_request_context, request
from flask_babel import format_datetime, format_decimal, format_timedelta, get_locale
from flask_login import current_user

from app import clock

LANGUAGE_COOKIE = "lang"
LANGUAGE_NAMES = {"en": "English", "it": "Italiano"}


def select_locale() -> str:
    """The user's setting, else the footer switcher's cookie, else Accept-Language, else English."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and background jobs
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def relative_time(moment: datetime) -> str:
    """'3 hours ago' / '3 ore fa'."""
    return format_timedelta(moment - clock.now(), add_direction=True)


def full_time(moment: datetime) -> str:
    return format_datetime(moment, "medium")


def current_language() -> str:
    return str(get_locale() or "en")


def init_app(app) -> None:
    app.jinja_env.filters["reltime"] = relative_time
    app.jinja_env.filters["fulltime"] = full_time
    app.jinja_env.filters["number"] = format_decimal
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["LANGUAGE_NAMES"] = LANGUAGE_NAMES
