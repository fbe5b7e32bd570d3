"""Log-out at the provider too (RP-initiated log-out), when the member signed in through one that supports it."""

from flask import current_app, url_for

from app.oidc import providers
from app.urls import absolute_url

SESSION_KEY = "oidc_logout"


def kept_for_logout(provider_name: str, id_token: str | None) -> dict:
    """What the new session keeps so that log-out can end the provider's session as well."""
    return {SESSION_KEY: {"p": provider_name, "h": id_token}} if id_token else {}


def end_session_url(saved) -> str | None:
    """The provider's end-session address for this browser's sign-in, or None (no provider, none supported, the
    provider cannot be reached: the log-out here stands on its own)."""
    if not isinstance(saved, dict) or not isinstance(saved.get("h"), str):
        return None
    provider = providers.get(saved.get("p") or "")
    if provider is None:
        return None
    client = providers.client(provider)
    try:
        metadata = client.load_server_metadata()
        if not metadata.get("end_session_endpoint"):
            return None
        return client.create_logout_url(post_logout_redirect_uri=absolute_url(url_for("questions.index")),
                                        id_token_hint=saved["h"], client_id=provider.client_id)["url"]
    except Exception:  # noqa: BLE001 - the provider is unreachable or odd: log out here alone
        current_app.logger.warning("could not end the session at %s", provider.name, exc_info=True)
        return None
