"""Brand moderation: authorisation, official answers, flags, close/lock, the audit log, tags, admin."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import Answer, Flag, ModerationAction, Question, Tag, User

MODERATOR_ROUTES = [
    ("get", "/moderation"), ("get", "/moderation/log"), ("post", "/answers/{a}/official"),
    ("post", "/posts/{q}/flags/resolve"), ("post", "/questions/{q}/close"), ("post", "/questions/{q}/reopen"),
    ("post", "/questions/{q}/lock"), ("post", "/posts/{q}/undelete"), ("post", "/posts/{q}/redact"),
    ("get", "/questions/{q}/faq"), ("post", "/questions/{q}/faq"), ("get", "/tags/new"),
    ("get", "/tags/aurora-one/edit"), ("post", "/tags/aurora-one/edit"),
]
ADMIN_ROUTES = [("get", "/admin/users"), ("post", "/admin/users/{u}/role"), ("get", "/admin/users/{u}/suspend"),
                ("post", "/admin/users/{u}/unsuspend")]


@pytest.fixture
def thread(make_user, make_question, make_answer):
    asker, helper = make_user("asker"), make_user("helper")
    question = make_question(asker)
    answer = make_answer(helper, question)
    return question, answer


def _urls(routes, thread, user_id):
    question, answer = thread
    return [(m, path.format(q=question.id, a=answer.id, u=user_id)) for m, path in routes]


def test_members_get_403_and_anonymous_the_login(client, thread, make_user, auth):
    member = make_user("member", reputation=10_000)
    for method, url in _urls(MODERATOR_ROUTES + ADMIN_ROUTES, thread, member.id):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/login" in response.location, url
    auth.login("member")
    for method, url in _urls(MODERATOR_ROUTES + ADMIN_ROUTES, thread, member.id):
        assert getattr(client, method)(url).status_code == 403, url
    assert db.session.scalar(select(ModerationAction.id)) is None


def test_moderators_are_not_admins(client, thread, make_user, auth):
    moderator = make_user("marta", role="moderator")
    auth.login("marta")
    for method, url in _urls(ADMIN_ROUTES, thread, moderator.id):
        assert getattr(client, method)(url).status_code == 403, url


def test_mark_official_shows_label_orders_first_pays_and_logs(client, thread, make_user, make_answer, auth):
    question, answer = thread
    better_scored = make_answer(make_user("other"), question, body="Another way: reset the machine to factory.")
    from app.votes.operations import cast_vote

    cast_vote(make_user("voter", reputation=100), better_scored, 1)
    db.session.commit()
    make_user("marta", role="moderator")
    auth.login("marta")
    response = client.post(f"/answers/{answer.id}/official", data={"note": "Confirmed for firmware 2.3"})
    assert response.status_code == 302
    html = client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
    assert "Official answer" in html and "Confirmed for firmware 2.3" in html
    assert html.index(f'id="answer-{answer.id}"') < html.index(f'id="answer-{better_scored.id}"')
    assert db.session.get(User, answer.author_id).reputation == 21
    assert db.session.get(Question, question.id).has_official_answer
    assert "Official answer" in client.get("/questions").get_data(as_text=True)
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "mark_official"))
    assert entry.target_id == answer.id and entry.reason == "Confirmed for firmware 2.3"
    client.post(f"/answers/{answer.id}/official", data={"action": "unmark"})
    assert db.session.get(User, answer.author_id).reputation == 1
    assert not db.session.get(Question, question.id).has_official_answer


def test_moderator_answers_directly_as_official_members_cannot(client, thread, make_user, auth):
    question, _ = thread
    make_user("marta", role="moderator")
    make_user("member", reputation=100)
    auth.login("member")
    client.post(f"/questions/{question.id}/answers", data={"body": "Descale it twice, member here.", "official": "y"})
    assert db.session.scalar(select(Answer).where(Answer.body_markdown.like("%member here%"))).official_at is None
    auth.logout()
    auth.login("marta")
    client.post(f"/questions/{question.id}/answers", data={"body": "Official: replace the gasket.", "official": "y"})
    assert db.session.scalar(select(Answer).where(Answer.body_markdown.like("Official%"))).official_at is not None


def test_official_review_due_after_twelve_months_then_reconfirm(client, thread, make_user, auth):
    question, answer = thread
    make_user("marta", role="moderator")
    auth.login("marta")
    client.post(f"/answers/{answer.id}/official", data={})
    assert "Nothing is due for review" in client.get("/moderation?tab=review").get_data(as_text=True)
    with clock.frozen(datetime.now(UTC) + timedelta(days=370)):
        html = client.get("/moderation?tab=review").get_data(as_text=True)
        assert question.title in html
        client.post(f"/answers/{answer.id}/official", data={"action": "mark"})
        assert "Nothing is due for review" in client.get("/moderation?tab=review").get_data(as_text=True)
    assert db.session.scalar(select(ModerationAction.action).order_by(ModerationAction.id.desc())) == \
        "reconfirm_official"


def test_flag_once_and_three_spam_flags_hide_until_resolved(client, app, thread, make_user, auth):
    question, answer = thread
    for n in range(3):
        make_user(f"flagger{n}", reputation=15)
    make_user("newbie")
    auth.login("newbie")
    assert client.post(f"/posts/{answer.id}/flags", data={"reason": "spam"}).status_code == 403
    auth.logout()
    for n in range(3):
        auth.login(f"flagger{n}")
        assert client.post(f"/posts/{answer.id}/flags", data={"reason": "spam"}).status_code == 302
        if n == 0:
            assert client.post(f"/posts/{answer.id}/flags", data={"reason": "spam"}).status_code == 409
        auth.logout()
    assert db.session.get(Answer, answer.id).hidden_at is not None
    assert f'id="answer-{answer.id}"' not in client.get(f"/questions/{question.id}/{question.slug}").get_data(
        as_text=True)
    make_user("marta", role="moderator")
    auth.login("marta")
    assert question.title in client.get("/moderation?tab=flags").get_data(as_text=True)
    client.post(f"/posts/{answer.id}/flags/resolve", data={"outcome": "dismiss"})
    assert db.session.get(Answer, answer.id).hidden_at is None
    assert {f.status for f in db.session.scalars(select(Flag))} == {"dismissed"}


def test_flag_needs_a_known_reason_and_text_for_other(client, thread, make_user, auth):
    _, answer = thread
    make_user("flagger", reputation=15)
    auth.login("flagger")
    assert client.post(f"/posts/{answer.id}/flags", data={"reason": "bogus"}).status_code == 400
    assert client.post(f"/posts/{answer.id}/flags", data={"reason": "other", "text": "meh"}).status_code == 400


def test_acting_on_spam_flags_deletes_with_the_penalty(client, thread, make_user, auth):
    _, answer = thread
    make_user("flagger", reputation=15)
    auth.login("flagger")
    client.post(f"/posts/{answer.id}/flags", data={"reason": "spam"})
    auth.logout()
    make_user("marta", role="moderator")
    auth.login("marta")
    client.post(f"/posts/{answer.id}/flags/resolve", data={"outcome": "delete-spam"})
    assert db.session.get(Answer, answer.id).deletion_reason == "spam"
    # One act, one entry: the deletion names the flags it handled (an undo opens them again).
    entries = db.session.scalars(select(ModerationAction)).all()
    assert [e.action for e in entries] == ["delete_spam"]
    assert entries[0].before["open_flags"] == [db.session.scalar(select(Flag.id))]


def test_close_as_duplicate_links_the_original_and_reopen(client, thread, make_user, make_question, auth):
    question, _ = thread
    original = make_question(make_user("first"), title="The very first question about error E04")
    make_user("marta", role="moderator")
    auth.login("marta")
    response = client.post(f"/questions/{question.id}/close", data={"reason": "duplicate", "duplicate_of": "x"})
    assert response.status_code == 400
    client.post(f"/questions/{question.id}/close",
                data={"reason": "duplicate", "duplicate_of": f"http://localhost/questions/{original.id}/x"})
    html = client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
    assert "already has an answer here" in html and original.title in html
    assert "it no longer takes answers" in html
    client.post(f"/questions/{question.id}/reopen")
    assert db.session.get(Question, question.id).closed_reason is None


def test_lock_stops_answers_and_comments(client, thread, make_user, auth):
    question, _ = thread
    make_user("marta", role="moderator")
    auth.login("marta")
    client.post(f"/questions/{question.id}/lock")
    auth.logout()
    make_user("member", reputation=100)
    auth.login("member")
    assert client.post(f"/questions/{question.id}/answers", data={"body": "x" * 30}).status_code == 403
    assert client.post(f"/posts/{question.id}/comments", data={"body": "hello"}).status_code == 403


def test_moderator_edit_keeps_revision_named_and_logged(client, thread, make_user, auth):
    _, answer = thread
    original = answer.body_markdown
    make_user("marta", role="moderator")
    auth.login("marta")
    client.post(f"/posts/{answer.id}/edit", data={"body": original + " (clarified)", "summary": "typo"})
    history = client.get(f"/posts/{answer.id}/revisions").get_data(as_text=True)
    assert "marta" in history and "typo" in history
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "edit"))
    assert entry.before["body"] == original and entry.after["body"] == original + " (clarified)"


def test_delete_and_undelete_are_logged_and_log_filters(client, thread, make_user, auth):
    question, answer = thread
    make_user("marta", role="moderator")
    auth.login("marta")
    client.post(f"/posts/{answer.id}/delete")
    client.post(f"/posts/{answer.id}/undelete")
    html = client.get("/moderation/log?action=undelete").get_data(as_text=True)
    assert '<td class="log-action">Restored</td>' in html and '<td class="log-action">Deleted</td>' not in html
    assert '<td class="log-action">Deleted</td>' in client.get("/moderation/log").get_data(as_text=True)
    assert "No actions match" in client.get("/moderation/log?since=2999-01-01").get_data(as_text=True)


def test_tags_create_rename_redirect_merge(client, thread, make_user, auth):
    make_user("marta", role="moderator")
    auth.login("marta")
    assert client.post("/tags/new", data={"name": "Bad Name!", "description": ""}).status_code == 400
    client.post("/tags/new", data={"name": "lattea-pro", "description": "The new frother"})
    client.post("/tags/aurora-one/edit", data={"which": "tag", "name": "aurora-uno", "description": "Entry model"})
    response = client.get("/tags/aurora-one")
    assert response.status_code == 301 and response.location == "/tags/aurora-uno"
    client.post("/tags/descaling/edit", data={"which": "merge", "merge_into": "aurora-uno"})
    assert client.get("/tags/descaling").location == "/tags/aurora-uno"
    assert db.session.scalar(select(Tag).where(Tag.name == "descaling")) is None
    assert db.session.scalar(select(Tag.question_count).where(Tag.name == "aurora-uno")) == 1
    assert {"tag_create", "tag_update", "tag_merge"} <= set(db.session.scalars(select(ModerationAction.action)))


def test_admin_changes_roles_and_suspends(client, app, make_user, auth):
    make_user("boss", role="admin")
    member = make_user("member")
    auth.login("boss")
    assert "member" in client.get("/admin/users?q=mem").get_data(as_text=True)
    client.post(f"/admin/users/{member.id}/role", data={"role": "moderator"})
    assert db.session.get(User, member.id).role == "moderator"
    response = client.post(f"/admin/users/{member.id}/suspend", data={"until": "2000-01-01", "reason": "x"})
    assert response.status_code == 400 and "future" in response.get_data(as_text=True)
    until = (datetime.now(UTC) + timedelta(days=7)).date().isoformat()
    client.post(f"/admin/users/{member.id}/suspend", data={"until": until, "reason": "Spamming links"})
    other = app.test_client()
    response = other.post("/login", data={"login": "member", "password": "correct horse battery"})
    assert response.status_code == 400 and "suspended until" in response.get_data(as_text=True)
    assert "Spamming links" in response.get_data(as_text=True)
    client.post(f"/admin/users/{member.id}/unsuspend")
    assert other.post("/login", data={"login": "member", "password": "correct horse battery"}).status_code == 302


def test_brand_team_label_next_to_moderator_names(client, make_user, make_question, app):
    make_question(make_user("marta", role="moderator"))
    assert "Brand team" in client.get("/questions").get_data(as_text=True)
    app.config["BRAND_TEAM_LABEL"] = "Aurora Care"
    assert "Aurora Care" in client.get("/questions").get_data(as_text=True)
