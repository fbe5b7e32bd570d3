"""Two-factor sign-in (TOTP with recovery codes, and security keys or passkeys on top): asked at log-in when on,
required of the brand team when STAFF_2FA is "required" (production's default), remembered per browser for
TWO_FACTOR_REMEMBER_DAYS."""

from flask import Flask

from app.two_factor import views

DEFAULTS = {
    "TWO_FACTOR_REMEMBER_DAYS": 30,
    "TWO_FACTOR_RATE_LIMIT": "20/minute",
    # Security keys are bound to this domain: by default the host name of SITE_URL. A parent domain
    # ("example.com" for community.example.com) keeps them working if the site moves to another subdomain.
    "WEBAUTHN_RP_ID": None,
}


def init_app(app: Flask) -> None:
    """Its blueprint and settings; the gate (`gate.require_staff_second_factor`) is a before-request hook that
    create_app lists in run order."""
    # Required in production; optional in development, tests and the demo (`make run` says so).
    app.config.setdefault("STAFF_2FA", "optional" if app.debug or app.testing else "required")
    if app.config["STAFF_2FA"] not in ("required", "optional"):
        raise RuntimeError("FLASK_STAFF_2FA is 'required' or 'optional'.")
    app.register_blueprint(views.bp)
