"""Security keys and passkeys as a second factor, through the rendered pages with a software key made here: adding
one (named, listed, removed, audit-logged), signing in with it instead of a code, and every answer that must be
refused, each with its own message: another origin, another RP id, a tampered or expired challenge, a replayed
answer, a counter going backwards, another member's key; wrong answers limited like wrong codes."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import ModerationAction
from app.models.sign_in import SecurityKey, WebAuthnChallenge
from tests.conftest import PASSWORD
from tests.integration.forms.browser import Browser
from tests.integration.security_key import SoftKey, b64url, fetch_options, fill_answer
from tests.integration.two_factor.test_two_factor import log_in, set_up

REGISTER, SIGN_IN = "data-security-key-register", "data-security-key-sign-in"
USE_KEY = "Use a security key"


@pytest.fixture
def person(app):
    return Browser(app, "person")


def add_key(person, key: SoftKey, name: str = "Blue key", **answer):
    page = person.get("/settings/two-factor")
    options = fetch_options(page, REGISTER)
    form = page.form("two_factor.add_security_key POST").type("name", name)
    return fill_answer(form, key.create(options, **answer)).submit()


def with_two_factor(person, make_user, username="giulia"):
    make_user(username)
    log_in(person, username)
    set_up(person)


def to_the_key_step(app, username="giulia"):
    """Another browser, with the password typed: the second step's page."""
    browser = Browser(app, "laptop")
    page = log_in(browser, username)
    assert page.url == "/login/two-factor"
    return page


def use_key(page, key: SoftKey, **answer):
    options = fetch_options(page, SIGN_IN)
    return fill_answer(page.form("two_factor.verify POST"), key.get(options, **answer)).submit(USE_KEY)


def signed_in(page) -> bool:
    return "giulia" in " ".join(page.texts(".account-nav"))


def test_a_member_adds_a_key_and_signs_in_with_it_instead_of_a_code(app, person, make_user):
    with_two_factor(person, make_user)
    key = SoftKey()
    page = add_key(person, key)
    assert "The security key “Blue key” is added." in " ".join(page.flashes)
    assert page.texts(".security-keys .key-name") == ["Blue key"]
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "security_key_added"))
    assert entry.reason == "Blue key" and entry.moderator.username == "giulia"
    options = fetch_options(person.get("/settings/two-factor"), REGISTER)
    assert [c["id"] for c in options["publicKey"]["excludeCredentials"]] == [b64url(key.credential_id)], \
        "the browser is told which keys are added already"
    assert options["publicKey"]["authenticatorSelection"]["userVerification"] == "discouraged"

    page = to_the_key_step(app)
    assert USE_KEY in page.html and "Code" in page.text, "the code stays on the same page"
    page = use_key(page, key)
    assert page.url == "/questions" and signed_in(page)
    stored = db.session.scalar(select(SecurityKey))
    assert stored.sign_count == 1 and stored.last_used_at is not None
    assert db.session.scalars(select(WebAuthnChallenge.purpose)).all() == ["register"], \
        "the sign-in's challenge is used up (only the one asked for and never answered is left, until it expires)"


def test_without_javascript_the_page_says_so_and_keeps_the_name(app, person, make_user):
    with_two_factor(person, make_user)
    page = person.get("/settings/two-factor").form("two_factor.add_security_key POST").type("name", "Blue key") \
        .submit()
    assert page.status == 400 and "needs JavaScript" in " ".join(page.errors)
    assert page.form("two_factor.add_security_key POST")["name"] == "Blue key", "nothing typed is lost"
    page = add_key(person, SoftKey(), name="  ")
    assert page.status == 400 and "Name this key" in " ".join(page.errors)
    assert db.session.scalar(select(SecurityKey.id)) is None


@pytest.mark.parametrize("answer, message", [
    ({"origin": "https://community.example.net"}, "answered for another site's address"),
    ({"rp_id": "example.net"}, "answered for another site's address"),
    ({"challenge": b64url(b"a challenge the site never sent")}, "has expired or was used already"),
])
def test_a_wrong_registration_is_refused(app, person, make_user, answer, message):
    with_two_factor(person, make_user)
    page = add_key(person, SoftKey(), **answer)
    assert page.status == 400 and message in " ".join(page.errors)
    assert page.form("two_factor.add_security_key POST")["name"] == "Blue key"
    assert db.session.scalar(select(SecurityKey.id)) is None


def test_a_registration_answer_counts_once(app, person, make_user):
    with_two_factor(person, make_user)
    key = SoftKey()
    page = person.get("/settings/two-factor")
    answer = key.create(fetch_options(page, REGISTER))
    fill_answer(page.form("two_factor.add_security_key POST").type("name", "Blue key"), answer).submit()
    page = fill_answer(person.get("/settings/two-factor").form("two_factor.add_security_key POST")
                       .type("name", "Blue key again"), answer).submit()
    assert page.status == 400 and "has expired or was used already" in " ".join(page.errors)
    page = add_key(person, key, name="Blue key again")
    assert page.status == 400 and "This security key is added already." in " ".join(page.errors)
    assert db.session.scalar(select(SecurityKey.name)) == "Blue key"


@pytest.mark.parametrize("answer, message", [
    ({"origin": "https://community.example.net"}, "answered for another site's address"),
    ({"rp_id": "example.net"}, "answered for another site's address"),
    ({"challenge": b64url(b"a challenge the site never sent")}, "has expired or was used already"),
])
def test_a_wrong_sign_in_answer_is_refused(app, person, make_user, answer, message):
    with_two_factor(person, make_user)
    key = SoftKey()
    add_key(person, key)
    page = use_key(to_the_key_step(app), key, **answer)
    assert page.status == 400 and page.url == "/login/two-factor" and message in " ".join(page.errors)
    assert not signed_in(page) and page.form("two_factor.verify POST")["code"] == ""
    assert use_key(page, key).url == "/questions", "the same key answering rightly still signs in"


def test_a_replayed_answer_is_refused(app, person, make_user):
    with_two_factor(person, make_user)
    key = SoftKey()
    add_key(person, key)
    page = to_the_key_step(app)
    answer = key.get(fetch_options(page, SIGN_IN))
    assert fill_answer(page.form("two_factor.verify POST"), answer).submit(USE_KEY).url == "/questions"
    again = to_the_key_step(app)
    page = fill_answer(again.form("two_factor.verify POST"), answer).submit(USE_KEY)
    assert page.status == 400 and "has expired or was used already" in " ".join(page.errors)
    fetch_options(again, SIGN_IN)  # a new challenge for this session: the old answer signed another
    page = fill_answer(again.form("two_factor.verify POST"), answer).submit(USE_KEY)
    assert page.status == 400 and "has expired or was used already" in " ".join(page.errors)
    assert not signed_in(page)


def test_a_challenge_expires(app, person, make_user):
    with_two_factor(person, make_user)
    key = SoftKey()
    add_key(person, key)
    page = to_the_key_step(app)
    options = fetch_options(page, SIGN_IN)
    with clock.frozen(clock.now() + timedelta(minutes=6)):
        page = fill_answer(page.form("two_factor.verify POST"), key.get(options)).submit(USE_KEY)
    assert page.status == 400 and "has expired or was used already" in " ".join(page.errors)


def test_a_counter_going_backwards_is_refused_as_a_copied_key(app, person, make_user):
    with_two_factor(person, make_user)
    key = SoftKey()
    add_key(person, key)
    assert use_key(to_the_key_step(app), key, counter=7).url == "/questions"
    page = use_key(to_the_key_step(app), key, counter=7)
    assert page.status == 400 and "counter went backwards: it may have been copied" in " ".join(page.errors)
    page = use_key(page, key, counter=3)
    assert page.status == 400 and "it may have been copied" in " ".join(page.errors)
    assert db.session.scalar(select(SecurityKey.sign_count)) == 7
    assert use_key(page, key, counter=8).url == "/questions"


def test_a_key_that_keeps_no_counter_signs_in_every_time(app, person, make_user):
    with_two_factor(person, make_user)
    key = SoftKey()
    add_key(person, key)
    for _ in range(2):  # many passkeys synced between devices always say 0
        assert use_key(to_the_key_step(app), key, counter=0).url == "/questions"


def test_another_members_key_is_refused(app, person, make_user):
    with_two_factor(person, make_user)
    add_key(person, SoftKey())
    other = Browser(app, "other")
    with_two_factor(other, make_user, "marco")
    marcos_key = SoftKey()
    add_key(other, marcos_key)
    page = use_key(to_the_key_step(app), marcos_key)
    assert page.status == 400 and "not one of those added to this account" in " ".join(page.errors)
    assert not signed_in(page)


@pytest.mark.parametrize("app_config", [{"ABUSE_LIMITS_ENABLED": True}])
def test_wrong_answers_are_limited_like_wrong_codes(app, person, make_user):
    with_two_factor(person, make_user)
    key = SoftKey()
    add_key(person, key)
    page = to_the_key_step(app)
    for _ in range(5):
        page = use_key(page, key, origin="https://community.example.net")
        assert page.status == 400
    page = use_key(page, key)
    assert page.status == 429 and "Too many wrong codes" in " ".join(page.errors)


def test_keys_are_removed_one_by_one_and_with_the_second_factor(app, person, make_user):
    with_two_factor(person, make_user)
    add_key(person, SoftKey(), "Blue key")
    page = add_key(person, SoftKey(), "Work laptop")
    assert page.texts(".security-keys .key-name") == ["Blue key", "Work laptop"]
    page = page.form("two_factor.remove_security_key POST", key_id=1).submit()
    assert "The security key “Blue key” is removed." in " ".join(page.flashes)
    assert page.texts(".security-keys .key-name") == ["Work laptop"]
    assert "Two-factor sign-in is on" in page.text, "the authenticator app stays"
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "security_key_removed"))
    assert entry.reason == "Blue key" and entry.before == {"security_key": "Blue key"}
    make_user("marco")
    other = Browser(app, "other")
    other.log_in("marco", PASSWORD)
    assert other.request("POST", "/settings/two-factor/security-keys/2/remove").status == 404, \
        "another member's key is not theirs to know of"
    assert db.session.scalar(select(SecurityKey.name)) == "Work laptop"


def test_an_administrators_reset_removes_the_keys_too(app, person, make_user):
    make_user("ada", role="admin")
    with_two_factor(person, make_user)
    add_key(person, SoftKey())
    admin = Browser(app, "admin")
    log_in(admin, "ada")
    admin.get("/admin/users?q=giulia").form("two_factor.admin_reset POST").submit()
    assert db.session.scalar(select(SecurityKey.id)) is None
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "two_factor_reset"))
    assert entry.before == {"two_factor": True, "security_keys": 1}
    page = Browser(app, "laptop").get("/login").form("sign_in.login POST").type("login", "giulia") \
        .type("password", PASSWORD).submit()
    assert page.url == "/questions", "the password alone, until she sets it up again"


def test_keys_come_only_on_top_of_an_authenticator_app(app, person, make_user):
    make_user("giulia")
    log_in(person, "giulia")
    page = person.get("/settings/two-factor")
    assert "Security keys" not in page.text and not page.forms_for("two_factor.add_security_key POST")
    response = person.client.post("/settings/two-factor/security-keys/options", headers={"Accept": "application/json"})
    assert response.status_code == 409 and "Turn on two-factor sign-in" in response.get_json()["error"]["message"]


def test_a_keys_name_is_shown_as_typed_never_as_markup(app, person, make_user):
    with_two_factor(person, make_user)
    typed = '<img src=x onerror="alert(1)"> Key'
    page = add_key(person, SoftKey(), name=typed)
    assert f"The security key “{typed}” is added." in " ".join(page.flashes)
    assert page.texts(".security-keys .key-name") == [typed]
    assert "<img src=x" not in page.html
    page = page.form("two_factor.remove_security_key POST").submit()
    assert f"The security key “{typed}” is removed." in " ".join(page.flashes) and "<img src=x" not in page.html
