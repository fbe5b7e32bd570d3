"""Notifications: who hears about what (never the actor), mentions, follows, the inbox, e-mail in the
recipient's language with one-click unsubscribe, preferences, the daily summary, reminders and "still not
solved"."""

import email
import html
import re
from datetime import UTC, datetime, timedelta
from email import policy
from pathlib import Path

import pytest
from sqlalchemy import select

from app import clock, mail
from app.extensions import db
from app.models import AcceptReminder, Follow, MailPreference, Notification, OutgoingMail, Question
from app.moderation import operations as moderation
from app.moderation import queue
from app.notifications import emails
from app.questions import official_answers
from app.questions import operations as posts


@pytest.fixture
def app_config(tmp_path):
    # Mail stays in the outbox until a test sends it, into a folder of its own.
    return {"MAIL_DIR": str(tmp_path / "mail"), "MAIL_SEND_AFTER_COMMIT": False,
            "SITE_URL": "https://community.example"}


def inbox(user) -> list[tuple[str, int | None]]:
    return [(n.kind, n.actor_id) for n in db.session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id))]


def kinds_of(user) -> list[str]:
    return [kind for kind, _actor in inbox(user)]


def mails_to(user) -> list[OutgoingMail]:
    return list(db.session.scalars(select(OutgoingMail).where(OutgoingMail.user_id == user.id)
                                   .order_by(OutgoingMail.id)))


@pytest.fixture
def people(make_user):
    return {"asker": make_user("olivia"), "helper": make_user("hugo"), "other": make_user("sam"),
            "mod": make_user("marta", role="moderator")}


@pytest.fixture
def thread(people, make_question, make_answer):
    question = make_question(people["asker"])
    answer = make_answer(people["helper"], question)
    return question, answer


# Who hears about what

def test_an_answer_tells_the_asker_and_the_followers_never_the_answerer(client, auth, people, make_question):
    asker, helper, other = people["asker"], people["helper"], people["other"]
    question = make_question(asker)
    auth.login(other)
    assert client.post(f"/questions/{question.id}/follow").status_code == 302
    auth.logout()
    auth.login(helper)
    response = client.post(f"/questions/{question.id}/answers",
                           data={"body": "Hold the power button for five seconds, then descale again."})
    assert response.status_code == 302
    assert inbox(asker) == [("answer", helper.id)]
    assert inbox(other) == [("followed_answer", helper.id)]
    assert inbox(helper) == []


def test_the_asker_follows_their_question_and_is_not_told_about_their_own_answer(people, make_question,
                                                                                   make_answer):
    asker = people["asker"]
    question = make_question(asker)
    assert db.session.scalar(select(Follow.id).where(Follow.user_id == asker.id,
                                                     Follow.question_id == question.id))
    make_answer(asker, question, "I found it myself: the descaling cycle has to run twice.")
    assert inbox(asker) == []


def test_a_comment_tells_the_post_author_and_the_question_followers(client, auth, people, thread):
    question, answer = thread
    asker, helper = people["asker"], people["helper"]
    auth.login(asker)
    assert client.post(f"/posts/{answer.id}/comments", data={"body": "Which button do you mean?"}).status_code == 302
    assert inbox(helper) == [("comment", asker.id)]
    assert kinds_of(asker) == ["answer"]  # only the earlier answer: not her own comment
    auth.logout()
    auth.login(helper)
    client.post(f"/posts/{answer.id}/comments", data={"body": "The round one on the right side."})
    # The asker follows her question: a comment under an answer there reaches her.
    assert kinds_of(asker) == ["answer", "followed_comment"]
    assert kinds_of(helper) == ["comment"]


def test_accepted_official_faq_badges_and_moderator_actions(people, thread):
    question, answer = thread
    asker, helper, mod = people["asker"], people["helper"], people["mod"]
    posts.accept_answer(asker, answer)
    db.session.commit()
    assert ("accepted", asker.id) in inbox(helper)
    badges = [n.subject for n in db.session.scalars(select(Notification).where(
        Notification.user_id == helper.id, Notification.kind == "badge"))]
    assert "helper" in badges  # the Helper badge, for the accepted answer
    official_answers.mark_official(mod, answer, "Checked by the service team")
    db.session.commit()
    assert ("official", mod.id) in inbox(helper)
    from app.faq import operations as faq

    faq.save_entry(mod, question, "Error E04 after descaling", answer, question.tags[0], None)
    db.session.commit()
    assert ("faq", mod.id) in inbox(asker)
    moderation.toggle_lock(mod, question, "Solved, kept as reference")
    db.session.commit()
    locked = db.session.scalar(select(Notification).where(Notification.user_id == asker.id,
                                                          Notification.kind == "moderation"))
    assert (locked.subject, locked.detail, locked.actor_id) == ("lock", "Solved, kept as reference", mod.id)
    assert inbox(mod) == []


def test_self_acceptance_and_a_moderators_own_official_answer_tell_nobody(people, make_question, make_answer):
    asker, mod = people["asker"], people["mod"]
    question = make_question(asker)
    own = make_answer(asker, question, "Answering myself: the descaler was the wrong one.")
    posts.accept_answer(asker, own)
    db.session.commit()
    assert "accepted" not in kinds_of(asker)
    official = posts.post_answer(mod, question, "The brand team confirms: use the Aurora descaler.", "en",
                                 as_official=True)
    db.session.commit()
    assert official.official_at is not None
    assert [kind for kind in kinds_of(mod) if kind != "badge"] == []  # badges earned are news, the mark is not


def test_moderator_action_reason_is_in_the_inbox(client, auth, people, thread):
    question, answer = thread
    moderation.close_question(people["mod"], question, "off-topic", None)
    posts.delete_post(people["mod"], answer, reason="Advertising a repair shop")
    db.session.commit()
    auth.login(people["asker"])
    html = client.get("/notifications").get_data(as_text=True)
    assert "The brand team closed your question “The machine shows error E04 after descaling”." in html
    assert "descaling”. Reason: off-topic</p>" in html
    auth.logout()
    auth.login(people["helper"])
    html = client.get("/notifications").get_data(as_text=True)
    assert "was deleted by marta" in html and "Reason: Advertising a repair shop" in html


# Mentions

def test_mentions_notify_and_link_the_member(client, auth, people, thread):
    question, answer = thread
    asker, other = people["asker"], people["other"]
    auth.login(asker)
    client.post(f"/posts/{answer.id}/comments", data={"body": "@sam had the same problem, and @nobody did. @olivia"})
    assert inbox(other) == [("mention", asker.id)]
    assert kinds_of(asker) == ["answer"]  # mentioning yourself tells nobody
    html = client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
    assert re.search(rf'<a href="/users/{other.id}/sam" class="mention">@sam</a>', html)
    assert "@nobody" in html and 'class="mention">@nobody' not in html


def test_a_mention_in_code_is_not_a_mention(people, make_question):
    question = make_question(people["asker"], body="Run `curl @sam` on the machine and tell @hugo what it says.")
    assert 'class="mention">@sam' not in question.body_html
    assert kinds_of(people["other"]) == [] and kinds_of(people["helper"]) == ["mention"]


# Follows

def test_tag_followers_hear_of_new_questions(client, auth, people, make_question):
    auth.login(people["other"])
    assert client.post("/tags/descaling/follow").status_code == 302
    html = client.get("/tags/descaling").get_data(as_text=True)
    assert 'aria-pressed="true"' in html and "Following" in html
    make_question(people["asker"], title="Descaling takes forty minutes now", tag_names="descaling")
    assert inbox(people["other"]) == [("followed_question", people["asker"].id)]
    client.post("/tags/descaling/unfollow")
    make_question(people["asker"], title="Descaling light stays on after the cycle", tag_names="descaling")
    assert len(inbox(people["other"])) == 1


def test_question_follow_button_toggles(client, auth, people, thread):
    question, _answer = thread
    auth.login(people["other"])
    url = f"/questions/{question.id}/{question.slug}"
    assert "/follow" in client.get(url).get_data(as_text=True)
    client.post(f"/questions/{question.id}/follow")
    assert f"/questions/{question.id}/unfollow" in client.get(url).get_data(as_text=True)
    client.post(f"/questions/{question.id}/unfollow")
    assert db.session.scalar(select(Follow.id).where(Follow.user_id == people["other"].id)) is None


# The inbox

def test_inbox_mark_read_open_and_mark_all(client, auth, people, thread, make_question, make_answer):
    question, answer = thread
    second = make_question(people["asker"], title="The grinder makes a clicking noise")
    make_answer(people["helper"], second, "The burrs need cleaning: take out the top burr and brush it.")
    auth.login(people["asker"])
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'Notifications <span class="tab-count has-items">2</span><span class="visually-hidden"> unread',
                     html)
    first, latest = db.session.scalars(select(Notification).where(Notification.user_id == people["asker"].id)
                                       .order_by(Notification.id)).all()
    assert client.post(f"/notifications/{first.id}/read").status_code == 302
    html = client.get("/notifications?order=unread").get_data(as_text=True)
    assert html.index("The grinder makes a clicking noise") < html.index("The machine shows error E04")
    assert '<span class="tab-count has-items">1</span>' in html
    response = client.get(open_link(html, latest))
    assert response.headers["Location"].endswith(f"/questions/{second.id}/{second.slug}#answer-{latest.post_id}")
    assert "tab-count has-items" not in client.get("/").get_data(as_text=True)
    make_answer(people["other"], question, "Also check that the water tank sits firmly in its place.")
    client.post("/notifications/read-all")
    assert db.session.scalar(select(Notification.id).where(Notification.read_at.is_(None),
                                                           Notification.user_id == people["asker"].id)) is None


def open_link(inbox_page: str, notification: Notification) -> str:
    """The entry's "Open" link as the inbox renders it."""
    return html.unescape(re.search(rf'<li class="queue-row" id="notification-{notification.id}">.*?'
                                   r'<a class="button button-small" href="([^"]+)">Open<', inbox_page, re.DOTALL)
                         .group(1))


def test_someone_elses_notification_does_not_exist_for_you(client, auth, people, thread):
    notification = db.session.scalar(select(Notification).where(Notification.user_id == people["asker"].id))
    auth.login(people["asker"])
    link = open_link(client.get("/notifications").get_data(as_text=True), notification)
    auth.logout()
    auth.login(people["other"])
    assert client.post(f"/notifications/{notification.id}/read").status_code == 404
    assert client.get(link).status_code == 404
    assert db.session.get(Notification, notification.id).read_at is None


def test_an_open_link_without_its_signature_marks_nothing(client, auth, people, thread):
    """Another site cannot make a member's browser mark their inbox read: the link is signed."""
    notification = db.session.scalar(select(Notification).where(Notification.user_id == people["asker"].id))
    auth.login(people["asker"])
    link = open_link(client.get("/notifications").get_data(as_text=True), notification)
    assert client.get(link[:-3] + "abc").status_code == 404
    assert client.get(f"/notifications/{notification.id}/open/forged").status_code == 404
    assert db.session.get(Notification, notification.id).read_at is None


# Several notifications of one kind about one question are one entry

@pytest.fixture
def four_comments(people, thread):
    """Four comments on the helper's answer, by two members."""
    question, answer = thread
    for n, author in enumerate(("asker", "mod", "asker", "mod"), 1):
        posts.add_comment(people[author], answer, f"Comment number {n}: the light still blinks twice.")
        db.session.commit()
    return question, answer


def test_four_comments_are_one_inbox_entry_with_an_excerpt(client, auth, people, four_comments):
    question, answer = four_comments
    auth.login(people["helper"])
    page = client.get("/notifications").get_data(as_text=True)
    assert page.count('class="queue-row"') == 1
    assert f"4 new comments on your posts in “{question.title}”." in page
    assert '<blockquote class="notification-excerpt">Comment number 4: the light still blinks twice.</blockquote>' \
        in page
    assert re.search(r'Notifications <span class="tab-count has-items">1</span>', page)
    newest = db.session.scalars(select(Notification).where(Notification.user_id == people["helper"].id)
                                .order_by(Notification.id.desc())).first()
    response = client.get(open_link(page, newest))  # a plain link, not a form
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"#comment-{newest.comment_id}")
    assert db.session.scalar(select(Notification.id).where(Notification.user_id == people["helper"].id,
                                                           Notification.read_at.is_(None))) is None
    page = client.get("/notifications").get_data(as_text=True)
    assert "tab-count has-items" not in page and page.count('class="queue-row"') == 1


def test_marking_a_group_read_marks_all_its_notifications(client, auth, people, four_comments, make_question,
                                                         make_answer):
    other_question = make_question(people["helper"], title="The grinder makes a clicking noise")
    make_answer(people["other"], other_question, "The burrs need cleaning: take out the top burr and brush it.")
    auth.login(people["helper"])
    page = client.get("/notifications").get_data(as_text=True)
    assert page.count('class="queue-row"') == 2
    assert re.search(r'Notifications <span class="tab-count has-items">2</span>', page)
    comment_entry = re.search(r'<li class="queue-row" id="notification-(\d+)">(?:(?!</li>).)*4 new comments',
                              page, re.DOTALL).group(1)
    assert client.post(f"/notifications/{comment_entry}/read", data={"next": "/notifications"}).status_code == 302
    unread = db.session.scalars(select(Notification.kind).where(Notification.user_id == people["helper"].id,
                                                                Notification.read_at.is_(None))).all()
    assert unread == ["answer"]


def test_the_daily_summary_groups_as_the_inbox_does(app, people, four_comments):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["mail", "digest"]).exit_code == 0
    (summary,) = mails_to(people["helper"])
    question, _answer = four_comments
    assert f"4 new comments on your posts in “{question.title}”." in summary.text_body
    assert "Comment number 4: the light still blinks twice." in summary.html_body
    assert summary.text_body.count("commented on your post") == 0


def test_inbox_is_paginated(client, auth, people, app):
    asker = people["asker"]
    for n in range(app.config["NOTIFICATIONS_PER_PAGE"] + 2):
        db.session.add(Notification(user_id=asker.id, kind="badge", subject="helper",
                                    created_at=clock.now() - timedelta(minutes=n)))
    db.session.commit()
    auth.login(asker)
    html = client.get("/notifications").get_data(as_text=True)
    assert html.count('class="queue-row"') == app.config["NOTIFICATIONS_PER_PAGE"]
    assert 'rel="next"' in html
    assert client.get("/notifications?page=2").get_data(as_text=True).count('class="queue-row"') == 2


# E-mail

def sent_messages(app) -> list[email.message.EmailMessage]:
    mail.send_pending()
    return [email.message_from_bytes(path.read_bytes(), policy=policy.default)
            for path in sorted(Path(app.config["MAIL_DIR"]).glob("*.eml"))]


def test_answer_email_in_english_with_unsubscribe_headers(app, people, thread):
    question, answer = thread
    queued = mails_to(people["asker"])
    assert len(queued) == 1
    assert queued[0].subject == "hugo answered your question “The machine shows error E04 after descaling”."
    assert "Run the descaling cycle again" in queued[0].text_body
    (message,) = sent_messages(app)
    assert message["To"] == "olivia@example.com"
    link = re.fullmatch(r"<(https://community\.example/unsubscribe/[^>]+)>", message["List-Unsubscribe"]).group(1)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    assert link in text
    assert f"https://community.example/questions/{question.id}/{question.slug}#answer-{answer.id}" in text
    assert "https://community.example/settings/notifications" in text
    assert link in message.get_body(("html",)).get_content()


def test_answer_email_in_italian_for_an_italian_member(app, make_user, make_question, make_answer):
    asker = make_user("giulia", locale="it")
    question = make_question(asker)
    make_answer(make_user("hugo"), question)
    (queued,) = mails_to(asker)
    assert queued.subject == "hugo ha risposto alla tua domanda “The machine shows error E04 after descaling”."
    assert queued.text_body.startswith("Ciao giulia,")
    assert "Annulla l’iscrizione a queste e-mail" in queued.text_body


def test_unsubscribe_by_token_without_logging_in(client, app, people, thread, make_question, make_answer):
    asker = people["asker"]
    (queued,) = mails_to(asker)
    link = re.search(r"<https://community\.example(/unsubscribe/[^>]+)>", queued.headers["List-Unsubscribe"]).group(1)
    page = client.get(link)
    assert page.status_code == 200 and "Answers to your questions" in page.get_data(as_text=True)
    # What a mail client sends for a one-click unsubscribe (RFC 8058): no session, no CSRF token.
    response = client.post(link, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "Done" in response.get_data(as_text=True)
    assert db.session.get(MailPreference, (asker.id, "answer")).mode == "off"
    make_answer(people["other"], question_of(thread), "Try a different power socket, some are too weak.")
    assert len(mails_to(asker)) == 1  # no new e-mail; the inbox still has it
    assert kinds_of(asker) == ["answer", "answer"]


def question_of(thread) -> Question:
    return thread[0]


def test_a_tampered_unsubscribe_token_is_refused(client, people, thread):
    asker = people["asker"]
    token = emails.unsubscribe_token(asker.id, "answer")
    forged = emails.unsubscribe_token(asker.id, "answer")[:-2] + "xx"
    other_user = token.replace(str(asker.id), str(people["other"].id), 1)
    for bad in (forged, other_user, "nonsense"):
        assert client.get(f"/unsubscribe/{bad}").status_code == 404
        assert client.post(f"/unsubscribe/{bad}").status_code == 404
    assert db.session.scalar(select(MailPreference)) is None


def test_preferences_change_what_is_mailed(client, auth, people, thread, make_answer, make_user):
    question, answer = thread
    asker = people["asker"]
    auth.login(asker)
    page = client.get("/settings/notifications").get_data(as_text=True)
    assert 'name="answer" type="radio" value="instant" checked' in page or \
        re.search(r'<input checked[^>]*name="answer"[^>]*value="instant"', page)
    choices = {"answer": "off", "comment": "instant", "mention": "digest", "accepted": "digest",
               "official": "digest", "faq": "digest", "badge": "off", "moderation": "digest", "followed": "digest",
               "reminder": "digest"}
    assert client.post("/settings/notifications", data=choices).status_code == 302
    make_answer(people["other"], question, "Did you try switching the machine off at the wall for a minute?")
    assert len(mails_to(asker)) == 1  # only the first answer's, sent before the change
    auth.logout()
    auth.login(make_user("vera", reputation=100_000))
    client.post(f"/posts/{question.id}/comments", data={"body": "Is the red light on or blinking?"})
    assert mails_to(asker)[-1].subject.startswith("vera commented on your post")
    refused = client.post("/settings/notifications", data={**choices, "answer": "sometimes"})
    assert refused.status_code == 400


def test_comments_wait_for_the_digest_by_default(people, thread, make_answer):
    question, answer = thread
    posts.add_comment(people["asker"], answer, "Thank you, that worked on the second try.")
    db.session.commit()
    comment = db.session.scalar(select(Notification).where(Notification.kind == "comment"))
    assert comment.mail_state == "digest" and mails_to(people["helper"]) == []


def test_digest_once_a_day(app, people, thread):
    question, answer = thread
    helper = people["helper"]
    posts.add_comment(people["asker"], answer, "Thank you, that worked on the second try.")
    posts.accept_answer(people["asker"], answer)
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["mail", "digest"])
    assert result.exit_code == 0, result.output
    (summary,) = mails_to(helper)
    assert summary.subject.endswith("your daily summary, 4 notifications")  # comment, accepted, 2 badges
    assert "olivia commented on your post" in summary.text_body and "accepted your answer" in summary.text_body
    assert summary.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    posts.add_comment(people["asker"], answer, "One more thing: the light is green now.")
    db.session.commit()
    runner.invoke(args=["mail", "digest"])
    assert len(mails_to(helper)) == 1  # once a day
    with clock.frozen(clock.now() + timedelta(days=1)):
        runner.invoke(args=["mail", "digest"])
    assert len(mails_to(helper)) == 2 and "the light is green" not in mails_to(helper)[1].text_body
    assert "olivia commented" in mails_to(helper)[1].text_body


def test_digest_unsubscribe_turns_off_every_digest_kind(client, app, people, thread):
    question, answer = thread
    posts.add_comment(people["asker"], answer, "Thank you, that worked on the second try.")
    db.session.commit()
    app.test_cli_runner().invoke(args=["mail", "digest"])
    (summary,) = mails_to(people["helper"])
    link = re.search(r"<https://community\.example(/unsubscribe/[^>]+)>", summary.headers["List-Unsubscribe"]).group(1)
    client.post(link, data={"List-Unsubscribe": "One-Click"})
    modes = dict(db.session.execute(select(MailPreference.kind, MailPreference.mode)
                                    .where(MailPreference.user_id == people["helper"].id)).all())
    assert modes["comment"] == "off" and modes["badge"] == "off" and "answer" not in modes


# Reminders and "still not solved"

def test_reminder_once_after_three_days(app, people, thread, make_question):
    question, answer = thread
    solved = make_question(people["asker"], title="The grinder makes a clicking noise")
    posts.accept_answer(people["asker"], posts.post_answer(people["helper"], solved, "Clean the burrs with the brush."))
    db.session.commit()
    runner = app.test_cli_runner()
    runner.invoke(args=["mail", "digest"])
    assert "reminder" not in kinds_of(people["asker"])  # too early
    with clock.frozen(clock.now() + timedelta(days=3, minutes=1)):
        result = runner.invoke(args=["mail", "digest"])
        assert "Reminders 1" in result.output
        runner.invoke(args=["mail", "digest"])
    with clock.frozen(clock.now() + timedelta(days=5)):
        runner.invoke(args=["mail", "digest"])
    reminders = db.session.scalars(select(Notification).where(Notification.kind == "reminder")).all()
    assert [(r.user_id, r.question_id) for r in reminders] == [(people["asker"].id, question.id)]
    assert db.session.scalar(select(AcceptReminder.question_id)) == question.id
    digest = [m for m in mails_to(people["asker"]) if m.kind == "notification.digest"][-1]
    assert "Did an answer solve" in digest.text_body and "#still-unsolved" in digest.text_body


def test_still_not_solved_moves_the_question_to_unresolved(client, auth, people, thread):
    question, answer = thread
    assert question.id not in [row.question.id for row in queue.unresolved()]
    auth.login(people["other"])
    assert client.post(f"/questions/{question.id}/still-unsolved").status_code == 403
    auth.logout()
    auth.login(people["asker"])
    page = client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
    assert 'id="still-unsolved"' in page
    response = client.post(f"/questions/{question.id}/still-unsolved", data={"note": "The pump still stops."})
    assert response.status_code == 302
    assert question.id in [row.question.id for row in queue.unresolved()]
    auth.logout()
    auth.login(people["mod"])
    html = client.get("/moderation?tab=unresolved").get_data(as_text=True)
    assert "The machine shows error E04 after descaling" in html


def test_still_not_solved_needs_an_answer(client, auth, people, make_question):
    question = make_question(people["asker"])
    auth.login(people["asker"])
    assert client.post(f"/questions/{question.id}/still-unsolved").status_code == 409


# A broken mailer never costs the member's action

def test_a_raising_mailer_never_fails_the_request(client, auth, people, make_question, monkeypatch):
    question = make_question(people["asker"])

    def broken(*args, **kwargs):
        raise RuntimeError("the outbox is broken")

    monkeypatch.setattr(mail, "queue", broken)
    auth.login(people["helper"])
    response = client.post(f"/questions/{question.id}/answers",
                           data={"body": "Hold the power button for five seconds, then descale again."})
    assert response.status_code == 302
    (notification,) = db.session.scalars(select(Notification).where(Notification.user_id == people["asker"].id))
    assert notification.mail_state == "digest"  # it goes out with the daily summary instead


def test_a_failing_transport_is_recorded_not_raised(app, people, thread, monkeypatch):
    from app.mail import backends

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(backends, "deliver", refuse)
    sent, failed = mail.send_pending()
    assert (sent, failed) == (0, 1)
    (queued,) = mails_to(people["asker"])
    assert queued.sent_at is None and "smtp down" in queued.last_error


@pytest.fixture(autouse=True)
def _fixed_start():
    with clock.frozen(datetime(2026, 11, 30, 9, 0, tzinfo=UTC)):
        yield
