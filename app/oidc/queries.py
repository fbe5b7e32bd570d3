"""Reads about a member's ways to sign in."""

from flask import current_app

from app.models import User
from app.oidc import providers


def ways_to_sign_in(user: User) -> int:
    """The password (when passwords are on) and each linked provider that is still configured."""
    configured = {provider.name for provider in providers.all_providers()}
    password = 1 if user.password_hash and current_app.config["AUTH_PASSWORD"] else 0
    return password + sum(1 for identity in user.linked_identities if identity.provider in configured)
