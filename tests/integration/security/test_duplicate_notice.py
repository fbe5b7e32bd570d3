"""A duplicate's notice names its original only while the original is public (security review, finding 10).

The moderator closes through the close form as rendered; the original is renamed through its edit form,
deleted through the delete button, hidden by flags. Visitors' kept pages and validators, members' kept copies
and the API follow each change.
"""

import pytest

from app.extensions import db
from app.models import Question
from tests.integration.security.page_forms import rendered_form

ORIGINAL = "Grinder makes a squeaking noise at the finest setting"
RENAMED = "Grinder squeaks at the finest setting after cleaning"


@pytest.fixture
def duplicate(make_user, make_question, client, auth):
    asker = make_user("giulia")
    make_user("marta", role="moderator")
    original = make_question(asker, title=ORIGINAL, body="Since last week the grinder squeaks when I set it to 1.")
    copy = make_question(make_user("paolo"), title="Squeaky grinder on setting one, what to do",
                         body="My grinder squeaks loudly on the finest grind. Is it broken?")
    auth.login("marta")
    page = f"/questions/{copy.id}/{copy.slug}"
    action = f"/questions/{copy.id}/close"
    form = rendered_form(client.get(page).get_data(as_text=True), action)
    closing = {**form, "reason": "duplicate", "duplicate_of": str(original.id)}
    assert client.post(action, data=closing).status_code == 302
    auth.logout()
    return original, copy


def _visit(client, question, etag: str | None = None):
    headers = {"If-None-Match": etag} if etag else {}
    return client.get(f"/questions/{question.id}/{question.slug}", headers=headers)


def _notice(html: str) -> str:
    start = html.find('class="notice')
    return html[start:html.find("</p>", start)] if start >= 0 else ""


def test_renaming_the_original_changes_the_duplicates_page(client, auth, duplicate):
    original, copy = duplicate
    first = _visit(client, copy)
    assert ORIGINAL in _notice(first.get_data(as_text=True))
    assert _visit(client, copy, first.headers["ETag"]).status_code == 304
    auth.login("giulia")
    edit = f"/posts/{original.id}/edit"
    html = client.get(edit).get_data(as_text=True)
    assert client.post(edit, data={**rendered_form(html, edit, page=edit), "title": RENAMED,
                                   "summary": "clearer title"}).status_code == 302
    auth.logout()
    renamed = _visit(client, copy, first.headers["ETag"])
    assert renamed.status_code == 200 and renamed.headers["ETag"] != first.headers["ETag"]
    notice = _notice(renamed.get_data(as_text=True))
    assert RENAMED in notice and ORIGINAL not in notice
    assert f"/questions/{original.id}/grinder-squeaks-at-the-finest-setting-after-cleaning" in notice


@pytest.mark.parametrize("gone", ["deleted", "hidden"])
def test_a_deleted_or_hidden_original_is_neither_named_nor_linked(client, auth, make_user, duplicate, gone):
    original, copy = duplicate
    kept = _visit(client, copy)
    auth.login("paolo")
    member_copy = _visit(client, copy).get_data(as_text=True)  # a member's copy is kept as well
    auth.logout()
    assert ORIGINAL in member_copy and client.get(f"/api/v1/questions/{copy.id}").get_json()["duplicate_of_id"] == \
        original.id
    if gone == "deleted":
        auth.login("marta")
        page = f"/questions/{original.id}/{original.slug}"
        action = f"/posts/{original.id}/delete"
        assert client.post(action, data=rendered_form(client.get(page).get_data(as_text=True), action)).status_code \
            == 302
        auth.logout()
    else:
        for name in ("flagger1", "flagger2", "flagger3"):
            auth.login(make_user(name, reputation=50))
            assert client.post(f"/posts/{original.id}/flags", data={"reason": "spam"}).status_code == 302
            auth.logout()
        assert db.session.get(Question, original.id).hidden_at is not None
    response = _visit(client, copy, kept.headers["ETag"])
    assert response.status_code == 200
    for html in (response.get_data(as_text=True), _member_page(client, auth, copy)):
        assert ORIGINAL not in html and f"/questions/{original.id}/" not in html
        assert "Closed: duplicate of another question." in html
    assert client.get(f"/api/v1/questions/{copy.id}").get_json()["duplicate_of_id"] is None


def _member_page(client, auth, question) -> str:
    auth.login("paolo")
    html = _visit(client, question).get_data(as_text=True)
    auth.logout()
    return html


def test_a_question_cannot_be_closed_as_a_duplicate_of_a_hidden_one(client, auth, make_user, duplicate):
    original, other = duplicate
    for name in ("flagger1", "flagger2", "flagger3"):
        auth.login(make_user(name, reputation=50))
        client.post(f"/posts/{original.id}/flags", data={"reason": "spam"})
        auth.logout()
    auth.login("marta")
    client.post(f"/questions/{other.id}/reopen")
    page = f"/questions/{other.id}/{other.slug}"
    action = f"/questions/{other.id}/close"
    form = rendered_form(client.get(page).get_data(as_text=True), action)
    response = client.post(action, data={**form, "reason": "duplicate", "duplicate_of": str(original.id)})
    assert response.status_code == 400
    assert db.session.get(Question, other.id).closed_reason is None
