"""Signing in with an OpenID provider, against a real, certified one (oidc-provider on loopback): every sign-in
goes through the provider's own log-in and consent pages and back through Sportello's callback.

Cases: a first sign-in creates a member; a verified address links the account that has it, an unverified one is
refused; a taken username is asked for; roles follow the provider's groups and leave with them; state, nonce and
PKCE tampering, an expired and a replayed code, an ID token for another client, signed by another key or not signed
at all are refused; the provider down; OIDC-only mode; RP-initiated log-out; linking and unlinking in the settings.
"""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from sqlalchemy import select

from app.extensions import db
from app.models import ModerationAction, User
from app.models.sign_in import LinkedIdentity
from tests.conftest import PASSWORD
from tests.integration.forms.browser import Browser
from tests.oidc_provider import Person, Provider, free_port, path_of
from tests.oidc_provider.tampering import TamperingProxy, signed_by_another_key, unsigned

SITE = "http://localhost"
SECRET = "a client secret for the tests"
ACCOUNTS = {
    "alice": {"email": "alice@example.com", "email_verified": True, "name": "Alice Rossi",
              "preferred_username": "alice.rossi"},
    "bruno": {"email": "giulia@example.com", "email_verified": True, "name": "Giulia at the brand",
              "preferred_username": "giulia.b"},
    "mallory": {"email": "giulia@example.com", "email_verified": False, "name": "Not Giulia",
                "preferred_username": "mallory"},
    "carla": {"email": "carla@example.com", "email_verified": True, "name": "Carla", "preferred_username": "ad"},
    "sofia": {"email": "sofia@example.com", "email_verified": True, "name": "Sofia", "preferred_username": "sofia",
              "groups": ["customers", "brand-support"]},
}


def client_for(client_id: str, name: str, **extra) -> dict:
    return {"client_id": client_id, "client_secret": SECRET, "redirect_uris": [f"{SITE}/login/oidc/{name}/callback"],
            "post_logout_redirect_uris": [f"{SITE}/questions"], **extra}


@pytest.fixture(scope="module")
def provider():
    running = Provider([client_for("sportello", "brand"), client_for("no-pkce-sportello", "nopkce"),
                        client_for("short-lived", "short", short_lived_codes=True),
                        {"client_id": "no-pkce-other-app", "client_secret": SECRET,
                         "redirect_uris": ["http://other.example/callback"]}], ACCOUNTS)
    yield running
    running.stop()


def settings_for(issuer: str, client_id: str, **extra) -> dict:
    return {"issuer": issuer, "client_id": client_id, "client_secret": SECRET, "label": "Aurora ID",
            "scopes": "openid email profile groups", **extra}


@pytest.fixture
def app_config(provider):
    return {"OIDC_PROVIDERS": {
        "brand": settings_for(provider.issuer, "sportello", role_claim="groups",
                              roles={"brand-support": "moderator", "brand-admins": "admin"}),
        "nopkce": settings_for(provider.issuer, "no-pkce-sportello", pkce=False),
        "short": settings_for(provider.issuer, "short-lived"),
    }}


@pytest.fixture(autouse=True)
def fresh_accounts(provider):
    provider.set_accounts(ACCOUNTS)


def start(client, name: str = "brand", next_url: str = "/questions"):
    response = client.post(f"/login/oidc/{name}", data={"next": next_url})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response.location


def returned(provider, authorize_url: str, login: str, name: str = "brand", person: Person | None = None) -> str:
    """The callback address the provider sends the browser back to, after its own log-in and consent pages."""
    return path_of((person or Person(provider)).sign_in(authorize_url, login, f"{SITE}/login/oidc/{name}/callback"))


def sign_in(client, provider, login: str, name: str = "brand", person: Person | None = None):
    return client.get(returned(provider, start(client, name), login, name, person))


def username(client) -> str | None:
    response = client.get("/settings")
    if response.status_code != 200:
        return None
    with client.session_transaction() as session:
        user_id = int(session["_user_id"].split(":")[0])
    return db.session.get(User, user_id).username


def flashes(client, response) -> str:
    page = client.get(path_of(response.location)) if response.status_code == 302 else response
    return page.get_data(as_text=True)


def test_first_sign_in_creates_a_member_from_the_verified_claims(client, provider):
    response = sign_in(client, provider, "alice")
    assert response.status_code == 302 and response.location == "/questions"
    assert username(client) == "alice.rossi"
    user = db.session.scalar(select(User).where(User.username == "alice.rossi"))
    assert (user.email, user.display_name, user.password_hash, user.role) == \
        ("alice@example.com", "Alice Rossi", None, "member")
    identity = db.session.scalar(select(LinkedIdentity).where(LinkedIdentity.user_id == user.id))
    assert (identity.provider, identity.subject) == ("brand", "alice")
    assert not user.is_staged, "a member the provider vouches for is not an account waiting to be claimed"
    # The second time, the same member: linked by the provider's subject.
    client.post("/logout")
    sign_in(client, provider, "alice")
    assert username(client) == "alice.rossi"
    assert db.session.scalar(select(db.func.count()).select_from(User).where(User.email == "alice@example.com")) == 1


def test_a_verified_address_links_the_account_that_has_it(client, provider, make_user):
    giulia = make_user("giulia")
    sign_in(client, provider, "bruno")
    assert username(client) == "giulia"
    assert db.session.scalar(select(LinkedIdentity.subject).where(LinkedIdentity.user_id == giulia.id)) == "bruno"


def test_an_unverified_address_never_links(client, provider, make_user):
    giulia = make_user("giulia")
    response = sign_in(client, provider, "mallory")
    assert username(client) is None, "not logged in"
    text = flashes(client, response)
    assert "has not confirmed that it is yours" in text and "link Aurora ID in your settings" in text
    assert db.session.scalar(select(LinkedIdentity.id).where(LinkedIdentity.user_id == giulia.id)) is None
    assert db.session.scalar(select(db.func.count()).select_from(User)) == 1, "no account made either"


def test_an_unverified_address_is_not_kept_for_a_new_member(client, provider):
    provider.set_accounts({**ACCOUNTS, "alice": {**ACCOUNTS["alice"], "email_verified": False}})
    sign_in(client, provider, "alice")
    user = db.session.scalar(select(User).where(User.username == "alice.rossi"))
    assert user is not None and user.email is None


def test_a_taken_username_is_asked_for_and_nothing_else(client, provider, make_user):
    make_user("ada")  # the provider's "ad" is too short to be a username here
    response = sign_in(client, provider, "carla")
    assert response.status_code == 302 and response.location == "/login/oidc/username"
    page = Browser(client.application)
    page.client = client
    form = page.get("/login/oidc/username").form("oidc.choose_username POST")
    assert "username" in form and "email" not in form and "password" not in form
    refused = form.type("username", "ada").submit()
    assert refused.status == 400 and "This username is taken." in refused.text
    done = refused.form("oidc.choose_username POST").type("username", "carla.b").submit()
    assert "Welcome to the community, carla.b!" in done.flashes
    user = db.session.scalar(select(User).where(User.username == "carla.b"))
    assert user.email == "carla@example.com" and user.linked_identities[0].subject == "carla"


def test_the_page_asking_for_a_username_says_why_the_providers_cannot_be_used(client, provider, make_user):
    make_user("alice.rossi")  # another member, with another address
    assert sign_in(client, provider, "alice").location == "/login/oidc/username"
    page = Browser(client.application)
    page.client = client
    page = page.get("/login/oidc/username")
    assert page.status == 200 and page.form("oidc.choose_username POST")["username"] == "alice.rossi"
    assert "The username alice.rossi cannot be used here. This username is taken." in page.text


def test_roles_follow_the_groups_and_leave_with_them(client, provider, make_user):
    sign_in(client, provider, "sofia")
    sofia = db.session.scalar(select(User).where(User.username == "sofia"))
    assert sofia.role == "moderator"
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.target_id == sofia.id))
    assert (entry.action, entry.before, entry.after, entry.moderator_id) == \
        ("set_role", {"role": "member"}, {"role": "moderator"}, None)
    assert "groups at Aurora ID" in entry.reason
    client.post("/logout")
    provider.set_accounts({**ACCOUNTS, "sofia": {**ACCOUNTS["sofia"], "groups": ["customers"]}})
    sign_in(client, provider, "sofia")
    db.session.refresh(sofia)
    assert sofia.role == "member", "the group is gone: so is the role it gave"
    assert db.session.scalar(select(db.func.count()).select_from(ModerationAction)
                             .where(ModerationAction.target_id == sofia.id)) == 2


def test_a_role_given_by_hand_is_not_taken_by_a_provider(client, provider, make_user):
    admin = make_user("sofia.admin", email="sofia@example.com", role="admin")
    sign_in(client, provider, "sofia")  # her groups say moderator: she stays an administrator
    db.session.refresh(admin)
    assert admin.role == "admin"
    client.post("/logout")
    provider.set_accounts({**ACCOUNTS, "sofia": {**ACCOUNTS["sofia"], "groups": []}})
    sign_in(client, provider, "sofia")
    db.session.refresh(admin)
    assert admin.role == "admin"


def _state_key(authorize_url: str, name: str = "brand") -> str:
    state = parse_qs(urlsplit(authorize_url).query)["state"][0]
    return f"_state_{name}_{state}"


@pytest.fixture
def refusals(app, monkeypatch):
    """Why each sign-in was refused, as the app logs it: each case must be refused for its own change."""
    seen = []
    monkeypatch.setattr(app.logger, "warning", lambda message, *args, **kwargs: seen.append(message % args))
    return seen


def _refused(client, response, refusals=None, reason=""):
    assert response.status_code == 302 and urlsplit(response.location).path == "/login", response.location
    if refusals is not None:
        assert len(refusals) == 1 and reason in refusals[0], refusals
    assert username(client) is None
    assert "could not be completed, so you are not logged in" in flashes(client, response)
    assert db.session.scalar(select(db.func.count()).select_from(LinkedIdentity)) == 0


def test_a_changed_state_is_refused(client, provider, refusals):
    callback = returned(provider, start(client), "alice")
    _refused(client, client.get(callback.replace("state=", "state=x")), refusals, "mismatching_state")


def test_a_callback_from_another_browser_is_refused(client, provider, app, refusals):
    """Login CSRF: someone else's code and state, delivered to this browser, match no state it started."""
    other = app.test_client()
    callback = returned(provider, start(other), "alice")
    _refused(client, client.get(callback), refusals, "mismatching_state")


def test_a_changed_nonce_is_refused(client, provider, refusals):
    authorize_url = start(client, "nopkce")  # no PKCE: the nonce alone must catch it
    callback = returned(provider, authorize_url, "alice", "nopkce")
    with client.session_transaction() as session:
        kept = session[_state_key(authorize_url, "nopkce")]
        kept["data"]["nonce"] = "a nonce from another request"
        session[_state_key(authorize_url, "nopkce")] = kept
    _refused(client, client.get(callback), refusals, "Invalid claim: 'nonce'")


@pytest.mark.parametrize("verifier", ["a-verifier-that-did-not-make-the-challenge-0123456789abcdef", None])
def test_a_changed_or_missing_pkce_verifier_is_refused(client, provider, verifier, refusals):
    authorize_url = start(client)
    assert parse_qs(urlsplit(authorize_url).query)["code_challenge_method"] == ["S256"]
    callback = returned(provider, authorize_url, "alice")
    with client.session_transaction() as session:
        kept = session[_state_key(authorize_url)]
        if verifier:
            kept["data"]["code_verifier"] = verifier
        else:
            del kept["data"]["code_verifier"]
        session[_state_key(authorize_url)] = kept
    _refused(client, client.get(callback), refusals, "invalid_grant")  # the provider refuses the code


def test_an_expired_code_is_refused(client, provider, refusals):
    callback = returned(provider, start(client, "short"), "alice", "short")
    time.sleep(2.5)  # the short-lived client's codes last a second
    _refused(client, client.get(callback), refusals, "invalid_grant")


def test_a_replayed_code_is_refused(client, provider, refusals):
    authorize_url = start(client)
    callback = returned(provider, authorize_url, "alice")
    before = client.get_cookie("session").value  # the browser's state as the attacker copied it
    assert client.get(callback).status_code == 302 and username(client) == "alice.rossi"
    client.post("/logout")
    client.set_cookie("session", before)
    response = client.get(callback)
    assert urlsplit(response.location).path == "/login" and username(client) is None
    assert len(refusals) == 1 and "invalid_grant" in refusals[0], "the provider refuses a code used once already"


def _token_for_other_client(provider, nonce: str) -> str:
    metadata = provider.metadata()
    authorize = (f"{metadata['authorization_endpoint']}?client_id=no-pkce-other-app&response_type=code"
                 f"&scope=openid+email&redirect_uri=http://other.example/callback&nonce={nonce}&state=s")
    back = Person(provider).sign_in(authorize, "alice", "http://other.example/callback")
    code = parse_qs(urlsplit(back).query)["code"][0]
    answer = requests.post(metadata["token_endpoint"], auth=("no-pkce-other-app", SECRET), timeout=5, data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": "http://other.example/callback"})
    return answer.json()["id_token"]


@pytest.fixture
def tampered(app, provider):
    """Makes the "brand" provider read its tokens through a TamperingProxy with the given change."""
    proxies = []

    def use(tamper):
        from app.oidc import providers

        proxy = TamperingProxy(provider.issuer, tamper)
        proxies.append(proxy)
        app.config["OIDC_PROVIDERS"] = {"brand": settings_for(provider.issuer, "sportello",
                                                              discovery_url=proxy.discovery_url)}
        providers.init_app(app)

    yield use
    for proxy in proxies:
        proxy.stop()


CHANGES = {"another client's token": "azp", "signed by another key": "bad_signature",
           "not signed": "Algorithm of 'none' is not allowed"}


@pytest.mark.parametrize("change", CHANGES)
def test_an_id_token_with_a_wrong_audience_or_signature_is_refused(client, provider, tampered, change, refusals):
    holder = {}
    tampered(lambda token: holder["replacement"](token))
    authorize_url = start(client)
    nonce = parse_qs(urlsplit(authorize_url).query)["nonce"][0]
    if change == "another client's token":  # a real token of this provider, with this nonce, for another client
        other = _token_for_other_client(provider, nonce)
        holder["replacement"] = lambda token: other
    else:
        holder["replacement"] = signed_by_another_key if change == "signed by another key" else unsigned
    # Another client's token names that client as its audience: Authlib then asks for an azp naming us.
    _refused(client, client.get(returned(provider, authorize_url, "alice")), refusals, CHANGES[change])


def test_the_same_flow_through_the_proxy_untouched_signs_in(client, provider, tampered):
    """The proxy itself is no refusal: without a change, the sign-in works (so the cases above fail for their
    change alone)."""
    tampered(lambda token: token)
    sign_in(client, provider, "alice")
    assert username(client) == "alice.rossi"


def test_the_provider_down_gets_a_clear_message_and_passwords_still_work(app, client, make_user):
    from app.oidc import providers

    make_user("giulia")
    app.config["OIDC_PROVIDERS"] = {"brand": settings_for(f"http://127.0.0.1:{free_port()}", "sportello")}
    providers.init_app(app)
    response = client.post("/login/oidc/brand", data={"next": "/questions"})
    assert response.status_code == 302 and urlsplit(response.location).path == "/login"
    page = flashes(client, response)
    assert "Aurora ID cannot be reached at the moment" in page and "You can also log in with your password." in page
    assert client.post("/login", data={"login": "giulia", "password": PASSWORD}).status_code == 302
    assert username(client) == "giulia"


def test_oidc_only_mode(app, client, provider, make_user):
    giulia = make_user("giulia")
    app.config["AUTH_PASSWORD"] = False
    page = client.get("/login").get_data(as_text=True)
    assert 'name="password"' not in page and "Continue with Aurora ID" in page
    assert "Used to log in here with a password?" in page
    assert client.post("/login", data={"login": "giulia", "password": PASSWORD}).status_code == 404
    assert client.get("/password/forgot").status_code == 404
    assert 'name="password"' not in client.get("/register").get_data(as_text=True)
    sign_in(client, provider, "bruno")  # her address, verified by the provider: her account, with her posts
    assert username(client) == "giulia"
    settings = client.get("/settings").get_data(as_text=True)
    assert "Change password" not in settings
    response = client.post("/settings", data={"which": "password", "password-current_password": PASSWORD,
                                              "password-new_password": "another long passphrase"})
    assert response.status_code == 404
    db.session.refresh(giulia)
    assert giulia.linked_identities[0].subject == "bruno"


def test_log_out_ends_the_provider_session_too(client, provider):
    person = Person(provider)
    sign_in(client, provider, "alice", person=person)
    assert username(client) == "alice.rossi"
    response = client.post("/logout")
    end_session = response.location
    assert end_session.startswith(provider.metadata()["end_session_endpoint"])
    query = parse_qs(urlsplit(end_session).query)
    assert query["post_logout_redirect_uri"] == [f"{SITE}/questions"] and query["id_token_hint"]
    assert username(client) is None
    assert person.confirm_logout(end_session).startswith(f"{SITE}/questions")
    assert not person.is_signed_in_at_provider(start(client), f"{SITE}/login/oidc/brand/callback"), \
        "the provider asks for a log-in again"


def test_link_and_unlink_from_the_settings(client, provider, make_user, auth):
    giulia = make_user("giulia")
    auth.login("giulia")
    page = Browser(client.application)
    page.client = client
    settings = page.get("/settings").click("Ways to log in")
    linking = settings.form("oidc.link POST", name="brand").submit(follow=False)
    callback = returned(provider, linking.response.location, "mallory")  # an unverified address: fine when logged in
    page.get(callback)
    db.session.refresh(giulia)
    assert [(i.provider, i.subject) for i in giulia.linked_identities] == [("brand", "mallory")]
    settings = page.get("/settings/sign-in")
    assert "Aurora ID is linked" in " ".join(settings.flashes) or "Linked" in settings.text
    done = settings.form("oidc.unlink POST", name="brand").submit()
    assert "Aurora ID is unlinked." in done.flashes
    db.session.refresh(giulia)
    assert giulia.linked_identities == []


def test_the_only_way_to_log_in_is_never_unlinked(client, provider):
    sign_in(client, provider, "alice")  # no password: the provider is the only way in
    page = Browser(client.application)
    page.client = client
    settings = page.get("/settings/sign-in")
    assert not settings.forms_for("oidc.unlink POST") and "cannot be unlinked" in settings.text
    response = client.post("/settings/sign-in/brand/unlink")
    assert "This is your only way to log in" in flashes(client, response)
    assert db.session.scalar(select(db.func.count()).select_from(LinkedIdentity)) == 1


def test_an_account_linked_elsewhere_is_not_taken_over(client, provider, make_user, auth, app):
    sign_in(app.test_client(), provider, "alice")  # alice's provider account belongs to alice.rossi
    make_user("giulia")
    auth.login("giulia")
    callback = returned(provider, client.post("/settings/sign-in/brand/link").location, "alice")
    response = client.get(callback)
    assert "already linked to another member" in flashes(client, response)
    assert username(client) == "giulia"


def test_every_page_lets_its_forms_go_on_to_the_provider(client, provider):
    """The sign-in button and the log-out button are forms answered by a redirect to the provider; browsers hold
    those redirects to the page's form-action, so every page names the providers' origins there (and no other)."""
    policy = client.get("/login").headers["Content-Security-Policy"]
    form_action = next(part.split()[1:] for part in policy.split(";") if part.split()[0] == "form-action")
    assert form_action == ["'self'", provider.issuer]
    assert client.get("/questions").headers["Content-Security-Policy"] == policy
