"""Configuration: the core's defaults here, each package's own in its `DEFAULTS` (applied by `add_defaults`), then
the environment (DATABASE_URL, SECRET_KEY, FLASK_<KEY>) and the overrides given to `create_app`, which win."""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

DEFAULTS = {
    "SITE_NAME": "Sportello",
    "BRAND_NAME": "Aurora Caffè",
    "LANGUAGES": ["en", "it"],
    "BABEL_DEFAULT_LOCALE": "en",
    "BABEL_DEFAULT_TIMEZONE": "UTC",
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session: no expired forms after lunch
    # Where rate limits are counted: memory:// counts in each worker; several app servers share one Redis
    # (redis://host:6379/0, docs/deploy.md). When that storage cannot be reached, each worker counts in its own
    # memory until it is back (limits as loose as memory:// gives), and a request never fails for it.
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    "RATELIMIT_SWALLOW_ERRORS": True,
    "RATELIMIT_HEADERS_ENABLED": True,
    # scrypt with explicit cost parameters (N=2^15, r=8, p=1), about 50 ms per hash on one core.
    "PASSWORD_HASH_METHOD": "scrypt:32768:8:1",
    # How long a customer may wait for a first answer (app/escalation.py).
    "RESPONSE_TARGET_HOURS": 24,
    # A request's body, and Flask's count of form parts: views that take images raise both (app/uploads/forms.py).
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    "MAX_FORM_PARTS": 200,
}


def sqlite_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "sportello.db")


def load_secret_key(instance_path: str) -> str:
    """Generate the key once into instance/ so a dev start works and sessions survive restarts."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key)
    return key


def add_defaults(app, defaults: dict) -> None:
    """A package's settings, where neither the environment nor the overrides set them. Each setting has its
    default in one place: a second package naming the same key is refused."""
    owned = app.extensions.setdefault("config_defaults", {})
    for key, value in defaults.items():
        if key in owned and owned[key] is not defaults:
            raise RuntimeError(f"the setting {key} has a default in two places")
        owned[key] = defaults
        app.config.setdefault(key, value)


def configure(app, overrides: dict | None = None) -> None:
    app.config.update(DEFAULTS)
    app.extensions["config_defaults"] = dict.fromkeys(DEFAULTS, DEFAULTS)
    app.config.from_prefixed_env("FLASK")
    database_url = os.environ.get("DATABASE_URL") or app.config.get("DATABASE_URL")
    if database_url and database_url.startswith("postgres://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgres://") :]
    elif database_url and database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url[len("postgresql://") :]
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url or sqlite_url(app.instance_path)
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if overrides:
        app.config.update(overrides)
    sqlite = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
    if sqlite and app.config["SQLALCHEMY_ENGINE_OPTIONS"] is DEFAULTS["SQLALCHEMY_ENGINE_OPTIONS"]:
        # A file cannot drop a connection: no test query before every request's first statement.
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**DEFAULTS["SQLALCHEMY_ENGINE_OPTIONS"], "pool_pre_ping": False}
    # Served over HTTPS (FLASK_SESSION_COOKIE_SECURE=true): the remember-me cookie, a year-long log-in, is Secure
    # too unless set on its own (FLASK_REMEMBER_COOKIE_SECURE); the language cookie follows the session's.
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(app.instance_path)
    _configure_site_url(app)


def _configure_site_url(app) -> None:
    """Links in e-mails, webhooks, sitemaps and kept pages name SITE_URL: taken from the request, they would name
    whatever host a visitor sent (a password reset link on someone else's site). Production (neither debug nor
    testing) must set it, and then answers only to its host unless TRUSTED_HOSTS lists others (an internal name a
    health check uses); development without it names the host each request came to."""
    site_url = (app.config.get("SITE_URL") or "").strip().rstrip("/")
    parts = urlsplit(site_url)
    if site_url and (parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment):
        raise RuntimeError(f"FLASK_SITE_URL must be the site's public address, like https://community.example.com "
                           f"(got {site_url!r}).")
    development = app.debug or app.testing
    if not site_url and not development:
        raise RuntimeError("Set FLASK_SITE_URL to the site's public address (e.g. https://community.example.com): "
                           "links in e-mails and pages are built on it. For development on this machine, set "
                           "FLASK_DEBUG=1 instead.")
    app.config["SITE_URL"] = site_url or None
    if site_url and not development and app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = [parts.hostname]
