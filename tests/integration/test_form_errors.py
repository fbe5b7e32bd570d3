"""A refused form, submitted as the page renders it: every problem at once, summed up at the top (focused,
announced, each linked to its field) and beside each field, with everything typed still there."""

import re

import pytest

from app.extensions import db
from app.models import User
from tests.conftest import PASSWORD
from tests.integration.rendered_forms import rendered_form, rendered_forms


def summary(html: str) -> str:
    found = re.search(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S)
    assert found, "no error summary on the refused page"
    return found.group(0)


def summary_links(html: str) -> list[str]:
    return re.findall(r'<a href="#([^"]+)"', summary(html))


def assert_opens_at_the_summary(html: str) -> None:
    """The summary is announced (an alert), takes the focus when the page opens, and comes before every field."""
    opening = re.search(r'<div class="error-summary"[^>]*>', html).group(0)
    assert 'role="alert"' in opening and 'tabindex="-1"' in opening and "autofocus" in opening
    main = html[html.index("<main"):]
    first_field = re.search(r"<(input|textarea|select)\b[^>]*\bid=", main)
    assert main.index('class="error-summary"') < first_field.start()
    assert len(re.findall(r"\bautofocus\b", html)) == 1, "only the summary may take the focus"


@pytest.mark.parametrize(("username", "email", "password", "messages"), [
    ("ab", "not-an-email", "short", ["Use 3 to 30", "valid e-mail", "at least 8"]),
    ("anna", "ANNA@example.com", "password123", ["username is taken", "already exists", "too common"]),
], ids=["malformed", "taken"])
def test_registration_reports_every_problem_at_once(client, make_user, username, email, password, messages):
    make_user("anna")
    page = client.get("/register?next=/faq")
    form = rendered_form(page.get_data(as_text=True))
    typed = {"username": username, "email": email, "password": password}
    response = form.submit(client, "/register?next=/faq", typed)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for field, message in zip(("username", "email", "password"), messages, strict=True):
        error = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', html)
        assert error and message in error.group(1), f"{field}: {message!r} not beside the field"
        assert re.search(rf'<input[^>]*aria-invalid="true"[^>]*id="{field}"'
                         rf'|<input[^>]*id="{field}"[^>]*aria-invalid="true"', html)
    assert summary_links(html) == ["username", "email", "password"]
    assert_opens_at_the_summary(html)
    # Nothing typed is lost but the password, which no page ever sends back; fixing what was refused is enough.
    refused = rendered_form(html)
    assert {k: refused.fields[k] for k in ("username", "email")} == {k: typed[k] for k in ("username", "email")}
    assert refused.fields["password"] == ""
    fixed = refused.submit(client, "/register?next=/faq", {"username": "bruno", "email": "bruno@example.com",
                                                          "password": PASSWORD})
    assert fixed.status_code == 302 and fixed.location == "/faq"
    assert db.session.query(User).filter_by(username="bruno").one()


def test_a_refused_question_opens_at_its_problems_and_keeps_the_text(client, make_user, auth, tags):
    auth.login(make_user("giulia"))
    form = rendered_form(client.get("/questions/ask").get_data(as_text=True))
    typed = {"title": "Short", "body": "Help", "tags": "no-such-product"}
    response = form.submit(client, "/questions/ask", typed)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert summary_links(html) == ["title", "body", "tags"]
    assert "Title: " in summary(html)  # which field, in the field's own words
    assert_opens_at_the_summary(html)
    assert {k: rendered_form(html).fields[k] for k in typed} == typed


def test_the_personal_data_warning_comes_before_its_box(client, make_user, auth, tags):
    auth.login(make_user("giulia"))
    form = rendered_form(client.get("/questions/ask").get_data(as_text=True))
    html = form.submit(client, "/questions/ask", {
        "title": "The steam wand drips after every use", "tags": "aurora-one",
        "body": "Call me on +39 333 123 4567 if you know how to fix it, it drips all day."}).get_data(as_text=True)
    warning = html.index('id="allow_personal_data-error"')
    assert warning < html.index('type="checkbox"', html.index('class="personal-data-check"'))
    assert summary_links(html) == ["allow_personal_data"]
    assert "Post anyway: " not in summary(html)  # the message alone: the box's label answers it


def test_forms_with_their_own_field_ids_link_to_them(client, make_user, make_question, make_answer, auth):
    """The answer and comment forms on a question page name their fields apart from other posts' forms."""
    question = make_question(make_user("giulia"))
    answer = make_answer(make_user("marco"), question)
    auth.login(make_user("sara", reputation=100))
    url = f"/questions/{question.id}/{question.slug}"
    page = client.get(url).get_data(as_text=True)
    refused = rendered_form(page, "/answers").submit(client, url, {"body": "Yes"})
    assert refused.status_code == 400 and summary_links(refused.get_data(as_text=True)) == ["answer-body"]
    comment = rendered_form(page, f"/posts/{answer.id}/comments").submit(client, url, {"body": "?"})
    html = comment.get_data(as_text=True)
    assert comment.status_code == 400 and summary_links(html) == [f"comment-body-{answer.id}"]
    assert f'id="comment-body-{answer.id}"' in html


def test_settings_and_log_in_sum_up_their_refusals(client, make_user, auth):
    user = make_user("giulia")
    response = rendered_form(client.get("/login").get_data(as_text=True)).submit(
        client, "/login", {"login": "giulia", "password": "not the password"})
    assert response.status_code == 400 and summary_links(response.get_data(as_text=True)) == ["login"]
    auth.login(user)
    page = client.get("/settings").get_data(as_text=True)
    profile = next(f for f in rendered_forms(page) if "profile-display_name" in f.fields)
    html = profile.submit(client, "/settings", {"profile-display_name": ""}).get_data(as_text=True)
    assert summary_links(html) == ["profile-display_name"]
