"""The configured OpenID providers, and an Authlib client for each (per app: tests build several apps).

Authlib runs the authorization-code flow: state and nonce kept in the session, PKCE (S256), the code exchanged
at the token endpoint, and the ID token's signature (the provider's published keys), issuer, audience, expiry
and nonce checked before any claim is read.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app

NAME_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
ROLES = ("member", "moderator", "admin")


@dataclass(frozen=True)
class Provider:
    name: str
    issuer: str
    client_id: str
    client_secret: str
    label: str
    scopes: str = "openid email profile"
    icon: str | None = None
    role_claim: str | None = None
    roles: dict = field(default_factory=dict)  # claim value -> role
    pkce: bool = True
    # Where the discovery document is read; the issuer's well-known address unless said otherwise.
    discovery_url: str | None = None

    @property
    def metadata_url(self) -> str:
        return self.discovery_url or self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def _from_settings(name: str, settings: dict) -> Provider:
    if not NAME_RE.fullmatch(name):
        raise RuntimeError(f"OpenID provider names are lower-case letters, digits and '-' (got {name!r}).")
    missing = [key for key in ("issuer", "client_id") if not settings.get(key)]
    if missing:
        raise RuntimeError(f"The OpenID provider {name!r} needs {', '.join(missing)}.")
    roles = settings.get("roles") or {}
    if not isinstance(roles, dict) or any(role not in ROLES for role in roles.values()):
        raise RuntimeError(f"The OpenID provider {name!r}: roles map claim values to one of {', '.join(ROLES)}.")
    return Provider(name=name, issuer=settings["issuer"], client_id=settings["client_id"],
                    client_secret=settings.get("client_secret") or "", label=settings.get("label") or name.title(),
                    scopes=settings.get("scopes") or "openid email profile", icon=settings.get("icon"),
                    role_claim=settings.get("role_claim"), roles=dict(roles), pkce=settings.get("pkce", True),
                    discovery_url=settings.get("discovery_url"))


def _configured(config) -> dict[str, Provider]:
    found = {}
    if config.get("OIDC_ISSUER"):
        found["brand"] = _from_settings("brand", {
            "issuer": config["OIDC_ISSUER"], "client_id": config.get("OIDC_CLIENT_ID"),
            "client_secret": config.get("OIDC_CLIENT_SECRET"), "scopes": config.get("OIDC_SCOPES"),
            "label": config.get("OIDC_LABEL") or config.get("BRAND_NAME"), "icon": config.get("OIDC_ICON"),
            "role_claim": config.get("OIDC_ROLE_CLAIM"), "roles": config.get("OIDC_ROLES")})
    for name, settings in (config.get("OIDC_PROVIDERS") or {}).items():
        found[name] = _from_settings(name, settings)
    return found


def init_app(app: Flask) -> None:
    configured = _configured(app.config)
    oauth = OAuth(app)
    for provider in configured.values():
        client_kwargs = {"scope": provider.scopes, "default_timeout": app.config["OIDC_TIMEOUT"]}
        if provider.pkce:
            client_kwargs["code_challenge_method"] = "S256"
        oauth.register(provider.name, client_id=provider.client_id, client_secret=provider.client_secret,
                       server_metadata_url=provider.metadata_url, client_kwargs=client_kwargs)
    app.extensions["oidc_providers"] = configured
    app.extensions["oidc_clients"] = oauth


def with_form_action(policy: str, configured) -> str:
    """The Content-Security-Policy with the providers' origins added to form-action: browsers hold a form's
    redirects to it too, and the sign-in button and the log-out button (to the provider's end-session address)
    are forms whose answer is a redirect to the provider. Authorization and end-session endpoints are on the
    issuer's origin at the brand's provider, Google, Microsoft Entra and Keycloak."""
    origins = sorted({_origin(url) for provider in configured for url in (provider.issuer, provider.discovery_url)
                      if url})
    if not origins:
        return policy
    return re.sub(r"form-action ([^;]*)", lambda m: f"form-action {m.group(1)} {' '.join(origins)}", policy, count=1)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def all_providers() -> list[Provider]:
    return list(current_app.extensions["oidc_providers"].values())


def get(name: str) -> Provider | None:
    return current_app.extensions["oidc_providers"].get(name)


def client(provider: Provider):
    return current_app.extensions["oidc_clients"].create_client(provider.name)
