"""Sportello: a community Q&A forum for brand customer care."""

from pathlib import Path

from flask import Flask, current_app, request

from app import config, errors, i18n, pagination, seo
from app.extensions import babel, csrf, db, limiter, login_manager, migrate
from app.parameters import IdConverter, TextRequest, with_query

ROOT = Path(__file__).resolve().parent.parent

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
    app.request_class = TextRequest  # no NUL characters in form fields and query strings
    app.url_map.converters["int"] = IdConverter  # an id no row can have is a 404, never a database error
    app.add_template_global(pagination.page_url)
    app.add_template_global(with_query)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale,
                   default_translation_directories=str(ROOT / "translations"))
    limiter.init_app(app)
    _init_login(app)
    _init_sqlite(app)
    errors.init_app(app)
    i18n.init_app(app)

    from app.accounts.views import bp as accounts_bp
    from app.admin.views import bp as admin_bp
    from app.badges.views import bp as badges_bp
    from app.faq.views import bp as faq_bp
    from app.moderation.views import bp as moderation_bp
    from app.questions.views import bp as questions_bp
    from app.reputation.views import bp as reputation_bp
    from app.votes.views import bp as votes_bp

    for blueprint in (accounts_bp, questions_bp, votes_bp, reputation_bp, badges_bp, moderation_bp, faq_bp, admin_bp):
        app.register_blueprint(blueprint)

    from app import cli
    from app.reputation import cli as reputation_cli

    cli.init_app(app)
    reputation_cli.init_app(app)

    from app import search

    search.init_app(app)  # its blueprint, the `flask search` commands and the after-commit indexing hook
    from app import assistant

    assistant.init_app(app)  # its index (kept after commit) and the `flask assistant` commands
    from app import importers

    importers.init_app(app)  # `flask import`, and the attribution on imported questions
    from app import api, bench, care, inbound, mail, notifications, uploads, webhooks

    mail.init_app(app)  # the outbox and `flask mail`
    inbound.init_app(app)  # receiving e-mail: `flask mail receive|serve-lmtp|inbound`, /admin/inbound
    notifications.init_app(app)  # the inbox, e-mail preferences, follows and reminders
    care.init_app(app)  # the care dashboard and `flask care report`
    uploads.init_app(app)  # images in posts: upload, serve, `flask uploads`
    api.init_app(app)  # /api/v1 and its OpenAPI document
    webhooks.init_app(app)  # deliveries to the brand's help desk
    bench.init_app(app)  # `flask bench seed`
    from app import oidc, sessions, two_factor

    sessions.init_app(app)  # the sessions page: where a member is logged in, "log out elsewhere"
    oidc.init_app(app)  # signing in with the brand's account (OpenID Connect)
    two_factor.init_app(app)  # TOTP at sign-in, required of the brand team in production
    if app.config.get("TRUSTED_HOSTS"):
        app.wsgi_app = _answer_only_trusted_hosts(app.wsgi_app, app.config["TRUSTED_HOSTS"], app.logger)
    if hops := int(app.config.get("PROXY_HOPS") or 0):
        # Behind that many reverse proxies: trust their X-Forwarded-* so per-address limits see the visitor.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    seo.init_app(app)  # sitemaps, robots.txt, page metadata, shared caching, gzip, fingerprinted static files
    app.after_request(_security_headers)
    return app


def _init_login(app: Flask) -> None:
    from app.accounts.operations import load_session_user
    from app.i18n import lazy_gettext as _l

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_session_user)

    @login_manager.unauthorized_handler
    def unauthorized():
        from flask import redirect, url_for

        if errors.wants_json():
            return errors.json_error(401, "unauthorized", errors.ERROR_MESSAGES[401])
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def _init_sqlite(app: Flask) -> None:
    """WAL for concurrent readers, foreign keys on, and a busy timeout instead of 'database is locked'."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    from sqlalchemy import event

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


def _answer_only_trusted_hosts(wsgi_app, trusted: list[str], logger):
    """A request for another host is refused before the app sees it. Flask checks TRUSTED_HOSTS too, but only
    once the request is under way: its hooks and the error page then find no URL adapter and fail with a 500.
    Inside ProxyFix (applied after this), so the host checked is the one the visitor asked the proxy for."""
    from werkzeug.exceptions import BadRequest
    from werkzeug.sansio.utils import host_is_trusted

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
