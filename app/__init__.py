"""Sportello: a community Q&A forum for brand customer care.

`create_app` sets up the core (configuration, extensions, error pages, forms, the session hooks and the
after-commit dispatcher), then registers each feature package from one list: every package brings its own
settings (`DEFAULTS`) and registers its blueprints, commands, template globals and listeners (`init_app`).
"""

from pathlib import Path

from flask import Flask, current_app, request
from sqlalchemy import event
from werkzeug.exceptions import BadRequest
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.sansio.utils import host_is_trusted

from app import (
    accounts,
    admin,
    api,
    assistant,
    backup,
    badges,
    bench,
    care,
    clock,
    config,
    cookieless,
    demo,
    dispatch,
    errors,
    faq,
    forms,
    i18n,
    importers,
    inbound,
    mail,
    moderation,
    notifications,
    oidc,
    pagination,
    permissions,
    questions,
    replies,
    reputation,
    satisfaction,
    search,
    seo,
    session_hooks,
    sessions,
    sign_in,
    two_factor,
    uploads,
    urls,
    votes,
    webhooks,
)
from app.extensions import babel, csrf, db, limiter, login_manager, migrate
from app.parameters import IdConverter, TextRequest, with_query
from app.questions import feedback
from app.seo import assets, compression
from app.two_factor import gate
from app.uploads import forms as image_forms

ROOT = Path(__file__).resolve().parent.parent

# The feature packages. Their order is the order their listeners hear an event in (the care queue's signals are
# raised before the help desk is told about a question), and the order of nothing else.
PACKAGES = (accounts, questions, votes, reputation, badges, moderation, replies, faq, admin, search, assistant,
            importers, mail, inbound, notifications, satisfaction, care, uploads, api, webhooks, bench, demo, sessions,
            oidc, two_factor, sign_in, seo)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    config.configure(app, overrides)
    app.config.setdefault("CONTENT_SECURITY_POLICY", CONTENT_SECURITY_POLICY)  # features may widen form-action
    config.add_defaults(app, dispatch.DEFAULTS)
    for package in PACKAGES:  # every setting's default, before any package reads one
        config.add_defaults(app, package.DEFAULTS)
    app.request_class = TextRequest  # no NUL characters in form fields and query strings
    app.session_interface = cookieless.CookieSessions()
    app.url_map.converters["int"] = IdConverter  # an id no row can have is a 404, never a database error
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    _init_core(app)
    for package in PACKAGES:
        package.init_app(app)
    # What every request goes through first, in order: a view that takes images raises the body's limits before
    # anything reads the body (first of all, before even the CSRF check the core registered, which reads the
    # form), a request without cookies is known as a visitor's before anything asks who reads, the signed-in
    # session is recognised (its last-seen time committed alone), then the brand team's second factor is asked for.
    app.before_request_funcs.setdefault(None, [])[:0] = [image_forms.raise_limits_for_images,
                                                         cookieless.visitor_without_cookies]
    for hook in (sessions.recognise_the_session_first, gate.require_staff_second_factor):
        app.before_request(hook)
    # What every response goes through, in the order it runs (Flask runs after_request hooks last registered
    # first): the reader's place for messages, security headers, the static files' caching, then compression,
    # which must see the final body and headers.
    for hook in reversed((feedback.remember_place, _security_headers, assets.cache_fingerprinted,
                          compression.compress)):
        app.after_request(hook)
    _wrap_wsgi(app)
    return app


def _init_core(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale,
                   default_translation_directories=str(ROOT / "translations"))
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = "basic"
    _init_sqlite(app)
    session_hooks.install(db.session)
    errors.init_app(app)
    forms.init_app(app)
    i18n.init_app(app)
    backup.init_app(app)
    app.jinja_env.globals.update(
        page_url=pagination.page_url, with_query=with_query, now=clock.now, permissions=permissions,
        post_url=urls.post_url, user_url=urls.user_url)


def _init_sqlite(app: Flask) -> None:
    """WAL for concurrent readers, foreign keys on, and a busy timeout instead of 'database is locked'."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()


def _wrap_wsgi(app: Flask) -> None:
    # Replacing `wsgi_app` is Flask's documented way to add WSGI middleware (a method to a type checker).
    if app.config.get("TRUSTED_HOSTS"):
        app.wsgi_app = _answer_only_trusted_hosts(  # type: ignore[method-assign]
            app.wsgi_app, app.config["TRUSTED_HOSTS"], app.logger)
    if hops := int(app.config.get("PROXY_HOPS") or 0):
        # Behind that many reverse proxies: trust their X-Forwarded-* so per-address limits see the visitor.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]


def _answer_only_trusted_hosts(wsgi_app, trusted: list[str], logger):
    """A request for another host is refused before the app sees it. Flask checks TRUSTED_HOSTS too, but only
    once the request is under way: its hooks and the error page then find no URL adapter and fail with a 500.
    Inside ProxyFix (applied after this), so the host checked is the one the visitor asked the proxy for."""

    def app_for_trusted_hosts(environ, start_response):
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        if host_is_trusted(host, trusted):
            return wsgi_app(environ, start_response)
        logger.info("refused a request for host %r, not in TRUSTED_HOSTS", host[:200])
        return BadRequest("This site does not answer to that host name.")(environ, start_response)

    return app_for_trusted_hosts


def _security_headers(response):
    response.headers.setdefault("Content-Security-Policy", current_app.config["CONTENT_SECURITY_POLICY"])
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if request.endpoint != "static" and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "private, no-cache"
        response.vary.add("Cookie")
    return response
