"""A request that sends no cookie at all: a visitor, most often one served a kept page. It has no session to open
and no member to look for, and the framework's general paths cost as much as the rest of such a page:

- Flask's cookie session builds the cookie's signer before it looks for the cookie (`CookieSessions` looks first);
- Flask-Login, to find nobody, hashes the address and user agent for its session protection and reads the session
  and the remember cookie (`visitor_without_cookies` says at once that the reader is anonymous, where Flask-Login
  keeps the request's user, as the API's token check does). tests/integration/test_cookieless.py fails if either library
  stops working so.
"""

from flask import g, request
from flask.sessions import SecureCookieSessionInterface

from app.extensions import login_manager


class CookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions; a request without the session cookie gets its new empty session without the
    signer being built (the same session Flask's own interface gives it)."""

    def open_session(self, app, request):
        if app.secret_key and self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)


def visitor_without_cookies() -> None:
    """Before anything asks who the reader is: with no cookie, neither a session nor a remember cookie can name a
    member, and no other loader is registered (an API token names its owner in the API's own hook)."""
    if not request.cookies:
        g._login_user = login_manager.anonymous_user()
