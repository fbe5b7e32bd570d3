"""The JSON API (/api/v1, described by /api/v1/openapi.json), its human page (/api) and the page where
members create and revoke their personal API tokens (/settings/api-tokens)."""

from flask import Flask

from app.api import assistant, auth, care, reads, views, writes  # noqa: F401 - they add their routes to the blueprint
from app.api.blueprint import bp
from app.extensions import csrf

DEFAULTS = {
    # Per client address, for every read endpoint (search has its own, SEARCH_RATE_LIMIT, as on the site).
    "API_READ_RATE_LIMIT": "300/minute;5000/hour",
    # Creating and revoking tokens on the settings page, per client address.
    "API_TOKEN_RATE_LIMIT": "10/hour",
    "API_TOKENS_PER_USER": 20,
    "API_MAX_PER_PAGE": 100,
    "API_MAX_BODY_BYTES": 256 * 1024,
}


def init_app(app: Flask) -> None:
    # No cookie authorises an API call, only the bearer token: a forged cross-site request carries no token,
    # so there is nothing for a CSRF token to protect (and scripts have none to send).
    csrf.exempt(bp)
    app.register_blueprint(bp)
    app.register_blueprint(views.bp)
    auth.init_app(app)
