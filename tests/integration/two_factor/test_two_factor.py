"""Two-factor sign-in through the rendered pages, with a frozen clock: set-up (QR code and key), the code step of a
log-in, a code refused the second time within its window, wrong codes limited from database rows, recovery codes
used once, remembered browsers, an administrator's reset (audit log and e-mail), and the brand team sent to set it
up before any staff action when STAFF_2FA is "required"."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import Answer, ModerationAction, OutgoingMail
from app.models.sign_in import RecoveryCode, TwoFactorSecret
from app.two_factor import totp
from tests.conftest import PASSWORD
from tests.integration.forms.browser import Browser

T0 = datetime(2026, 12, 7, 9, 0, 0, tzinfo=UTC)
STEP = timedelta(seconds=30)


@pytest.fixture
def person(app):
    return Browser(app, "person")


def log_in(person, username):
    return person.get("/login").form("sign_in.login POST").type("login", username).type("password", PASSWORD) \
        .submit()


def set_up(person, moment=T0) -> tuple[str, list[str]]:
    """Through the settings page: returns the key the page shows and the recovery codes."""
    page = person.get("/settings")
    if page.url != "/settings/two-factor":  # the brand team is sent there already
        page = page.click("Two-factor sign-in")
    page = page.form("two_factor.settings POST").submit()
    qr = page.tree.css_first("img.qr-code").attributes["src"]
    assert qr.startswith("data:image/svg+xml"), "the QR code is drawn here, as an inline image"
    secret = page.tree.css_first(".secret-key").text().strip()
    form = page.form("two_factor.settings POST which=confirm")
    with clock.frozen(moment):
        refused = form.type("confirm-code", "000000" if totp.code_at(secret, moment) != "000000" else "111111") \
            .submit()
        assert refused.status == 400 and "This code is not right" in " ".join(refused.errors)
        page = refused.form("two_factor.settings POST which=confirm") \
            .type("confirm-code", totp.code_at(secret, moment)).submit()
    codes = [node.text() for node in page.tree.css(".recovery-codes code")]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "Two-factor sign-in is on" in page.text
    return secret, codes


def test_set_up_then_every_log_in_asks_for_a_code(app, person, make_user):
    make_user("giulia")
    log_in(person, "giulia")
    secret, _ = set_up(person)
    row = db.session.get(TwoFactorSecret, 1)
    assert secret not in row.secret_encrypted, "the key is stored encrypted"
    assert db.session.scalar(select(RecoveryCode.code_hash)) not in secret
    person.get("/settings").form("sign_in.logout POST").submit()
    page = log_in(person, "giulia")
    assert page.url == "/login/two-factor" and "Two-factor sign-in" in page.title
    assert person.get("/settings").url.startswith("/login"), "nobody is logged in before the code"
    page = person.get("/login/two-factor")
    with clock.frozen(T0 + 10 * STEP):
        refused = page.form("two_factor.verify POST").type("code", "12345").submit()
        assert refused.status == 400 and refused.form("two_factor.verify POST")["code"] == ""
        page = refused.form("two_factor.verify POST").type("code", totp.code_at(secret, T0 + 10 * STEP)).submit()
    assert page.url == "/questions" and "giulia" in " ".join(page.texts(".account-nav"))


def test_a_code_is_refused_the_second_time_within_its_window(app, person, make_user):
    make_user("giulia")
    log_in(person, "giulia")
    secret, _ = set_up(person)
    code = totp.code_at(secret, T0 + 20 * STEP)
    with clock.frozen(T0 + 20 * STEP):
        person.get("/settings").form("sign_in.logout POST").submit()
        page = log_in(person, "giulia").form("two_factor.verify POST").type("code", code).submit()
        assert page.url == "/questions"
        person.get("/settings").form("sign_in.logout POST").submit()
        # The same code seen over a shoulder, a moment later, within its 90 seconds of validity: refused.
        page = log_in(person, "giulia").form("two_factor.verify POST").type("code", code).submit()
        assert page.status == 400 and "has been used already" in " ".join(page.errors)
    # So is the code of the step before (still inside the window), while the next step's works.
    with clock.frozen(T0 + 21 * STEP):
        form = person.get("/login/two-factor").form("two_factor.verify POST")
        page = form.type("code", totp.code_at(secret, T0 + 19 * STEP)).submit()
        assert page.status == 400
        page = page.form("two_factor.verify POST").type("code", totp.code_at(secret, T0 + 21 * STEP)).submit()
        assert page.url == "/questions"


@pytest.mark.parametrize("app_config", [{"ABUSE_LIMITS_ENABLED": True}])
def test_wrong_codes_are_limited_from_database_rows(app, person, make_user):
    make_user("giulia")
    log_in(person, "giulia")
    secret, _ = set_up(person)
    person.get("/settings").form("sign_in.logout POST").submit()
    page = log_in(person, "giulia")
    moment = T0 + 40 * STEP
    wrong = next(c for c in ("000000", "111111", "222222") if c != totp.code_at(secret, moment))
    with clock.frozen(moment):
        for _ in range(5):
            page = page.form("two_factor.verify POST").type("code", wrong).submit()
            assert page.status == 400
        page = page.form("two_factor.verify POST").type("code", totp.code_at(secret, moment)).submit()
        assert page.status == 429 and "Too many wrong codes" in " ".join(page.errors)
        # Another browser on another address is counted against the same account.
        other = Browser(app, "elsewhere")
        other.client.environ_base["REMOTE_ADDR"] = "203.0.113.9"
        page = log_in(other, "giulia").form("two_factor.verify POST").type("code", totp.code_at(secret, moment)) \
            .submit()
        assert page.status == 429


def test_recovery_codes_work_once(app, person, make_user):
    make_user("giulia")
    log_in(person, "giulia")
    _, codes = set_up(person)
    person.get("/settings").form("sign_in.logout POST").submit()
    typed = codes[3].upper().replace("-", " ")  # read from paper: any case, any spacing
    page = log_in(person, "giulia").form("two_factor.verify POST").type("code", typed).submit()
    assert page.url == "/questions" and "9 are left" in " ".join(page.flashes)
    person.get("/settings").form("sign_in.logout POST").submit()
    page = log_in(person, "giulia").form("two_factor.verify POST").type("code", codes[3]).submit()
    assert page.status == 400, "used once already"
    page = page.form("two_factor.verify POST").type("code", codes[4]).submit()
    assert page.url == "/questions" and "8 are left" in " ".join(page.flashes)
    assert "8 recovery codes are left." in person.get("/settings/two-factor").text


def test_new_recovery_codes_replace_the_old_ones(app, person, make_user):
    make_user("giulia")
    log_in(person, "giulia")
    secret, old = set_up(person)
    page = person.get("/settings/two-factor")
    with clock.frozen(T0 + 50 * STEP):
        page = page.form("two_factor.settings POST which=codes").type("codes-code", totp.code_at(
            secret, T0 + 50 * STEP)).submit()
    new = [node.text() for node in page.tree.css(".recovery-codes code")]
    assert len(new) == 10 and not set(new) & set(old)
    person.get("/settings").form("sign_in.logout POST").submit()
    assert log_in(person, "giulia").form("two_factor.verify POST").type("code", old[0]).submit().status == 400


def test_a_remembered_browser_is_not_asked_until_the_key_changes(app, person, make_user):
    user = make_user("giulia")
    log_in(person, "giulia")
    secret, codes = set_up(person)
    person.get("/settings").form("sign_in.logout POST").submit()
    with clock.frozen(T0 + 60 * STEP):
        page = log_in(person, "giulia").form("two_factor.verify POST") \
            .type("code", totp.code_at(secret, T0 + 60 * STEP)).check("remember_device").submit()
    assert page.url == "/questions"
    person.get("/settings").form("sign_in.logout POST").submit()
    assert log_in(person, "giulia").url == "/questions", "remembered: no code asked"
    other = Browser(app, "another browser")
    assert log_in(other, "giulia").url == "/login/two-factor", "only on that person"
    # A new key (after a reset) forgets every remembered person.
    from app.two_factor import operations

    operations._remove(user)
    db.session.commit()
    person.get("/settings").form("sign_in.logout POST").submit()
    log_in(person, "giulia")
    secret = set_up(person, T0 + 70 * STEP)[0]
    person.get("/settings").form("sign_in.logout POST").submit()
    assert log_in(person, "giulia").url == "/login/two-factor"


def test_turning_it_on_logs_out_the_other_sessions(app, person, make_user):
    make_user("giulia")
    elsewhere = Browser(app, "laptop")
    log_in(elsewhere, "giulia")
    log_in(person, "giulia")
    set_up(person)
    assert elsewhere.get("/settings").url.startswith("/login"), "opened without the second factor: ended"
    assert person.get("/settings").status == 200, "this one stays"


def test_turning_it_off_takes_a_code(app, person, make_user):
    make_user("giulia")
    log_in(person, "giulia")
    secret, _ = set_up(person)
    page = person.get("/settings/two-factor")
    with clock.frozen(T0 + 80 * STEP):
        refused = page.form("two_factor.settings POST which=off").type("off-code", "999999" if totp.code_at(
            secret, T0 + 80 * STEP) != "999999" else "888888").submit()
        assert refused.status == 400
        page = refused.form("two_factor.settings POST which=off").type("off-code", totp.code_at(
            secret, T0 + 80 * STEP)).submit()
    assert "Two-factor sign-in is off." in page.flashes
    person.get("/settings").form("sign_in.logout POST").submit()
    assert log_in(person, "giulia").url == "/questions"


def test_an_administrator_reset_is_logged_and_the_member_told(app, person, make_user):
    make_user("ada", role="admin")
    member = make_user("giulia")
    log_in(person, "giulia")
    set_up(person)
    member.locale = "it"  # she reads the site, and her e-mail, in Italian
    db.session.commit()
    admin = Browser(app, "admin")
    log_in(admin, "ada")
    page = admin.get("/admin/users?q=giulia")
    page = page.form("two_factor.admin_reset POST", user_id=member.id).submit()
    assert "The two-factor sign-in of giulia is reset" in " ".join(page.flashes)
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "two_factor_reset"))
    assert entry.target_id == member.id and entry.moderator.username == "ada"
    mail = db.session.scalar(select(OutgoingMail).where(OutgoingMail.kind == "two_factor_reset"))
    assert mail.to_address == "giulia@example.com" and "reimpostato" in mail.subject, "in her language"
    assert not admin.get("/admin/users?q=giulia").forms_for("two_factor.admin_reset POST")
    person.get("/settings").form("sign_in.logout POST").submit()
    assert log_in(person, "giulia").url == "/questions", "the password alone, until she sets it up again"


@pytest.mark.parametrize("app_config", [{"STAFF_2FA": "required"}])
def test_the_brand_team_sets_it_up_before_any_staff_action(app, person, make_user, make_question, make_answer):
    moderator = make_user("marta", role="moderator")
    answer = make_answer(make_user("hugo"), make_question(make_user("olivia")))
    page = log_in(person, "marta")
    assert page.url == "/settings/two-factor" and "The brand team signs in with a second factor" in \
        " ".join(page.flashes)
    for url in (f"/questions/{answer.question_id}", "/moderation", "/settings"):
        assert person.get(url).url == "/settings/two-factor", url
    response = person.client.post(f"/answers/{answer.id}/official", data={"note": "Checked"})
    assert response.status_code == 302 and response.location == "/settings/two-factor"
    assert db.session.get(Answer, answer.id).official_at is None
    assert person.client.post(f"/answers/{answer.id}/official", headers={"Accept": "application/json"}) \
        .status_code == 403
    secret, _ = set_up(person)
    assert "The brand team must use two-factor sign-in" in person.get("/settings/two-factor").text
    assert not person.get("/settings/two-factor").forms_for("two_factor.settings POST which=off")
    # Now she passes the code at every log-in, and then acts.
    person.get("/settings").form("sign_in.logout POST").submit()
    assert log_in(person, "marta").url == "/login/two-factor"
    with clock.frozen(T0 + 90 * STEP):
        person.get("/login/two-factor").form("two_factor.verify POST").type(
            "code", totp.code_at(secret, T0 + 90 * STEP)).submit()
    page = person.get(f"/questions/{answer.question_id}")
    page.form("moderation.official POST").submit()
    assert db.session.get(Answer, answer.id).official_by_id == moderator.id


@pytest.mark.parametrize("app_config", [{"STAFF_2FA": "required"}])
def test_members_are_not_asked(app, person, make_user):
    make_user("giulia")
    assert log_in(person, "giulia").url == "/questions"
    assert person.get("/settings").status == 200


def test_a_staff_api_token_waits_for_the_second_factor(app, make_user, make_question, make_answer):
    from app.api import operations as api

    app.config["STAFF_2FA"] = "required"
    moderator = make_user("marta", role="moderator")
    answer = make_answer(make_user("hugo"), make_question(make_user("olivia")))
    _, secret = api.create_token(moderator, "desk")
    db.session.commit()
    response = app.test_client().post(f"/api/v1/answers/{answer.id}/official", json={},
                                      headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 403 and "second factor" in response.json["error"]["message"]


def test_the_verify_step_needs_a_password_first(person):
    page = person.get("/login/two-factor")
    assert page.url == "/login" and "Please log in again" in " ".join(page.flashes)


def test_the_pending_step_expires(app, person, make_user):
    make_user("giulia")
    log_in(person, "giulia")
    secret, _ = set_up(person)
    person.get("/settings").form("sign_in.logout POST").submit()
    log_in(person, "giulia")
    with person.client.session_transaction() as session:
        pending = session["sign_in_pending"]
        pending["t"] -= 601
        session["sign_in_pending"] = pending
    assert person.get("/login/two-factor").url == "/login"


def test_codes_are_compared_over_the_window_only(app):
    secret = totp.new_secret()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    current = totp.code_at(secret, T0)
    assert totp.matching_step(secret, current, T0) is not None
    assert totp.matching_step(secret, f" {current[:3]} {current[3:]} ", T0) is not None, "spaces are ignored"
    assert totp.matching_step(secret, totp.code_at(secret, T0 - 2 * STEP), T0) is None
    assert totp.matching_step(secret, "abcdef", T0) is None
