"""Signing in with an OpenID provider, the second factor and the sessions page. The world's provider cannot be
reached (nothing listens on its port): its buttons answer with the "cannot be reached" message, which is what
these routes can be called with here; tests/integration/oidc/test_oidc.py runs them against a real provider."""

import socket

from app import clock
from app.extensions import db
from tests.conftest import PASSWORD
from tests.integration.route_calls import ADMIN, MEMBER, OWNER, PUBLIC, Call, post


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Merged into the configuration of the apps the route table and the forms harness run.
APP_CONFIG = {"OIDC_PROVIDERS": {"brand": {"issuer": f"http://127.0.0.1:{_closed_port()}", "client_id": "sportello",
                                           "client_secret": "not used", "label": "Aurora ID"}}}


def build_world(w) -> None:
    from app.models import User
    from app.models.sign_in import LinkedIdentity, SecurityKey, TwoFactorSecret, UserSession
    from app.two_factor import totp

    db.session.add(LinkedIdentity(user_id=w.member, provider="brand", subject="sam-at-aurora", created_at=clock.now()))
    from app.accounts import operations as accounts

    # A member with a second factor, of her own: the other members' log-ins stay one step.
    with_second_factor = accounts.create_user("ilaria", "ilaria@example.com", PASSWORD, "member")
    db.session.flush()
    w.with_second_factor = with_second_factor.id
    db.session.add(TwoFactorSecret(user_id=w.with_second_factor, secret_encrypted=totp.encrypt(totp.new_secret()),
                                   confirmed_at=clock.now()))
    session = UserSession(user_id=w.owner, key="an-owner-session-on-her-phone", method="password",
                          user_agent="Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile Safari/537.36",
                          address="203.0.113.20")
    db.session.add(session)
    db.session.flush()
    w.owner_session = session.id
    # Removing a key depends on nothing else of the second factor (her app's secret is not needed here).
    key = SecurityKey(user_id=w.owner, name="Blue key", credential_id=b"an-owner-key", credential=b"", sign_count=0)
    db.session.add(key)
    db.session.flush()
    w.owner_security_key = key.id
    w.provider_name = "brand"
    assert db.session.get(User, w.member).password_hash, "sam keeps his password: unlinking leaves him a way in"


ROUTES = {
    ("POST", "/login/oidc/<name>"): post(PUBLIC, {"name": "provider_name"}, lambda w: {"next": "/faq"},
                                         changes=False),
    ("GET", "/login/oidc/<name>/callback"): Call(PUBLIC, {"name": "provider_name"}, ok=302),
    ("GET", "/login/oidc/username"): Call(PUBLIC, ok=302),  # only in the middle of a sign-in; else back to log in
    ("POST", "/login/oidc/username"): post(PUBLIC, data=lambda w: {"username": "new.member"}, changes=False),
    ("GET", "/settings/sign-in"): Call(MEMBER),
    ("POST", "/settings/sign-in/<name>/link"): post(MEMBER, {"name": "provider_name"}, changes=False),
    ("POST", "/settings/sign-in/<name>/unlink"): post(MEMBER, {"name": "provider_name"}, changes=None),  # a deletion
    ("GET", "/login/two-factor"): Call(PUBLIC, ok=302),  # only after a password; else back to log in
    ("POST", "/login/two-factor"): post(PUBLIC, data=lambda w: {"code": "123456"}, changes=False),
    ("GET", "/settings/two-factor"): Call(MEMBER),
    ("POST", "/settings/two-factor"): post(MEMBER, data=lambda w: {"which": "start"}),
    # The WebAuthn options are JSON for the page's script: only half-way through a log-in (401 otherwise), and for
    # adding a key only with two-factor on (409 for the table's member, who has none; test_security_keys.py adds).
    ("POST", "/login/two-factor/security-key"): post(PUBLIC, ok=401, changes=False),
    ("POST", "/settings/two-factor/security-keys/options"): post(MEMBER, ok=409, changes=False),
    ("POST", "/settings/two-factor/security-keys"): post(MEMBER, data=lambda w: {"name": "Blue key"}, ok=409,
                                                         changes=False),
    ("POST", "/settings/two-factor/security-keys/<int:key_id>/remove"): post(
        OWNER, {"key_id": "owner_security_key"}, refused_status=404, changes=None),  # a deletion
    ("POST", "/admin/users/<int:user_id>/two-factor/reset"): post(ADMIN, {"user_id": "with_second_factor"}),
    ("GET", "/settings/sessions"): Call(MEMBER),
    ("POST", "/settings/sessions/end-others"): post(MEMBER),
    # Unlinking and ending a session delete a row, which the table's check of rows added or changed does not see:
    # the forms harness's cases, test_oidc.py and test_sessions.py check what they remove.
    ("POST", "/settings/sessions/<int:session_id>/end"): post(OWNER, {"session_id": "owner_session"},
                                                              refused_status=404, changes=None),
}
