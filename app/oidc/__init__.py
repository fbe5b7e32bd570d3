"""Signing in with the brand's account (OpenID Connect): providers from the configuration, each a button on the
log-in and registration pages; accounts linked by the provider's subject."""

from flask import Flask

from app.oidc import providers, views

DEFAULTS: dict[str, object] = {
    # One provider from plain settings (the brand's own, named "brand")...
    "OIDC_ISSUER": None,
    "OIDC_CLIENT_ID": None,
    "OIDC_CLIENT_SECRET": None,
    "OIDC_SCOPES": "openid email profile",
    "OIDC_LABEL": None,
    "OIDC_ICON": None,
    "OIDC_ROLE_CLAIM": None,  # e.g. "groups"
    "OIDC_ROLES": {},  # e.g. {"brand-support": "moderator"}
    # ... and any others as a dictionary of the same keys in lower case (docs/deploy.md).
    "OIDC_PROVIDERS": {},
    "OIDC_TIMEOUT": 5,  # seconds to wait for a provider
    "OIDC_RATE_LIMIT": "20/minute",
    # false: members sign in only through the providers; the password forms are gone.
    "AUTH_PASSWORD": True,
}


def init_app(app: Flask) -> None:
    providers.init_app(app)
    app.config["CONTENT_SECURITY_POLICY"] = providers.with_form_action(app.config["CONTENT_SECURITY_POLICY"],
                                                                       app.extensions["oidc_providers"].values())
    app.register_blueprint(views.bp)
