"""Two-factor sign-in (TOTP with recovery codes): asked at log-in when on, required of the brand team when
STAFF_2FA is "required" (production's default), remembered per browser for TWO_FACTOR_REMEMBER_DAYS."""

from flask import Flask

from app.two_factor import views

DEFAULTS = {
    "TWO_FACTOR_REMEMBER_DAYS": 30,
    "TWO_FACTOR_RATE_LIMIT": "20/minute",
}


def init_app(app: Flask) -> None:
    """Its blueprint and settings; the gate (`gate.require_staff_second_factor`) is a before-request hook that
    create_app lists in run order."""
    # Required in production; optional in development, tests and the demo (`make run` says so).
    app.config.setdefault("STAFF_2FA", "optional" if app.debug or app.testing else "required")
    if app.config["STAFF_2FA"] not in ("required", "optional"):
        raise RuntimeError("FLASK_STAFF_2FA is 'required' or 'optional'.")
    app.register_blueprint(views.bp)
