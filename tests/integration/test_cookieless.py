"""A request without cookies skips building Flask's session signer and Flask-Login's look-up (app/cookieless.py).
These tests fail when a Flask or Flask-Login upgrade changes what those shortcuts stand in for, so they are
revisited, not silently wrong: the session a cookie-less request gets is the one Flask's own interface gives, a
session cookie still opens its session, and Flask-Login still takes the request's user from where the shortcut puts
it, before the session."""

from flask import g, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user

from app import cookieless


def test_a_request_without_the_cookie_gets_the_session_flask_would_give(app):
    ours, flasks = cookieless.CookieSessions(), SecureCookieSessionInterface()
    with app.test_request_context("/"):
        from flask import request

        mine, theirs = ours.open_session(app, request), flasks.open_session(app, request)
    assert type(mine) is type(theirs)
    assert dict(mine) == dict(theirs) == {}
    assert (mine.new, mine.modified, mine.accessed) == (theirs.new, theirs.modified, theirs.accessed)


def test_a_session_cookie_still_opens_its_session(app, client):
    with client.session_transaction() as saved:
        saved["kept"] = "yes"
    with client:
        client.get("/questions")
        assert session.get("kept") == "yes"


def test_flask_login_takes_the_user_the_shortcut_names_before_the_session(app):
    with app.test_request_context("/", headers={"Cookie": "session=anything"}):
        g._login_user = marker = object()
        assert current_user._get_current_object() is marker


def test_a_member_is_still_recognised_and_a_visitor_without_cookies_is_anonymous(app, client, auth, make_user):
    with client:
        client.get("/questions")
        assert not current_user.is_authenticated
    auth.login(make_user("giulia"))
    with client:
        assert "Log out" in client.get("/questions").get_data(as_text=True)
        assert current_user.is_authenticated and current_user.username == "giulia"
