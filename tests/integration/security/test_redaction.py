"""Redaction leaves no personal data public (security review, finding 2).

A question whose title, body, history, comments, answer, FAQ entry, flags, audit log, notifications, e-mails
and webhook deliveries all carry personal data is redacted through the moderators' queue, form by form as
rendered; then every text column of every table is searched for the data, and every page and API read of the
site is fetched by a visitor, the asker, a moderator and an administrator.
"""

import email
import email.policy
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import JSON, String, Text, cast, func, select

from app import mail
from app.accounts import password_reset
from app.badges.catalog import BADGES
from app.extensions import db
from app.inbound import receiving
from app.models import (
    Answer,
    AssistantSession,
    Comment,
    FaqEntry,
    InboundMessage,
    ModerationAction,
    OutgoingMail,
    PostSignal,
    Question,
    Revision,
    Tag,
    User,
    Webhook,
)
from app.moderation import redaction
from app.notifications import emails
from app.replies import operations as replies
from tests.integration.security.page_forms import actions, rendered_form

EMAIL = "giulia.quercioli@example.org"
PHONE = "+39 347 918 2736"
ORDER = "ORD-2026-7731904"
SHOP_PHONE = "+39 333 846 1902"
# What must be gone: each piece of data, and the forms it takes in copies (a slug, digits run together).
GONE = ("quercioli", "918 2736", "918-2736", "9182736", "7731904", "846 1902", "846-1902", "8461902")
TITLE = f"Error E04 after descaling: call me on {PHONE}"
HANDOVER = {}  # the assistant's hand-over link the asker followed (its key is hers alone)

# Text columns that keep no post text, each with the reason; every other text column must be in
# redaction.COPIES. A table added later fails `test_every_text_column_is_a_copy_or_says_why_not` until it is
# placed in one or the other.
NOT_POST_TEXT = {
    **dict.fromkeys(("badge_holder_counts.badge", "badge_awards.badge", "badge_awards.award_key"), "badge slugs"),
    **dict.fromkeys(("import_sources.site", "import_sources.kind"), "where an import came from"),
    **dict.fromkeys(("rate_events.kind", "rate_events.subject"), "keyed hashes of limits"),
    "search_pending.token": "a transaction's token",
    "change_stamps.name": "the name of a set of tables whose changes it counts",
    **dict.fromkeys(("tags.name", "tags.name_en", "tags.name_it", "tags.description", "tags.description_it",
                     "tag_aliases.term", "tag_redirects.old_name", "revisions.tags"), "tags"),
    **dict.fromkeys(("users.username", "users.username_key", "users.email", "users.password_hash",
                     "users.display_name", "users.about", "users.role", "users.locale", "users.session_token",
                     "users.suspension_reason"), "the member's own account"),
    **dict.fromkeys(("api_tokens.name", "api_tokens.token_hash", "api_tokens.prefix"), "a member's tokens"),
    **dict.fromkeys(("mail_outbox.to_address", "mail_outbox.headers", "mail_outbox.kind", "mail_outbox.last_error"),
                    "addressing and delivery state of an e-mail"),
    **dict.fromkeys(("mail_preferences.kind", "mail_preferences.mode"), "settings"),
    **dict.fromkeys(("moderation_log.action", "moderation_log.target_type"), "names of actions"),
    **dict.fromkeys(("posts.kind", "posts.language", "posts.deletion_reason", "posts.closed_reason",
                     "faq_entries.language"), "codes"),
    **dict.fromkeys(("webhooks.url", "webhooks.secret", "webhooks.events", "webhooks.description"),
                    "an endpoint's settings, typed by an administrator"),
    **dict.fromkeys(("webhook_deliveries.event", "webhook_deliveries.status", "webhook_deliveries.last_error"),
                    "delivery state"),
    **dict.fromkeys(("flags.reason", "flags.status", "notifications.kind", "notifications.subject",
                     "notifications.mail_state", "post_signals.kind", "reputation_events.reason",
                     "reputation_events.source", "reputation_events.cause"), "codes"),
    **dict.fromkeys(("saved_replies.title", "saved_replies.body", "saved_replies.language"),
                    "the brand team's own canned answers, written by moderators, never a member's post"),
    "question_views.visitor": "a keyed hash",
    "visitor_feedback.visitor_key": "a keyed hash whose key changes every day",
    "visitor_feedback.reason": "codes",
    **dict.fromkeys(("satisfaction_surveys.comment", "satisfaction_responses.comment"),
                    "the asker's own answer to the survey, read by the brand team only (its copy in the care "
                    "queue, post_signals.detail, is redacted)"),
    **dict.fromkeys(("satisfaction_surveys.outcome", "satisfaction_surveys.link_nonce",
                     "satisfaction_responses.outcome", "satisfaction_responses.via"), "codes"),
    **dict.fromkeys(("images.sha256", "images.format", "image_files.sha256", "stored_files.key"),
                    "content hashes and formats of re-encoded pictures (their descriptions are in the post's text)"),
    **dict.fromkeys(("assistant_sessions.key_hash", "assistant_sessions.channel", "assistant_sessions.language",
                     "assistant_sessions.outcome", "assistant_sessions.feedback", "assistant_sessions.offered",
                     "assistant_handovers.outcome", "assistant_handovers.offered"),
                    "codes, ids and a keyed hash of an assistant session"),
    "assistant_sessions.tags": "tags",
    **dict.fromkeys(("linked_identities.provider", "linked_identities.subject", "linked_identities.email",
                     "linked_identities.granted_role"), "a member's accounts at OpenID providers"),
    **dict.fromkeys(("two_factor_secrets.secret_encrypted", "recovery_codes.code_hash"), "second-factor secrets"),
    **dict.fromkeys(("security_keys.name", "webauthn_challenges.purpose", "webauthn_challenges.challenge"),
                    "a member's own label for a security key, and WebAuthn challenges"),
    **dict.fromkeys(("user_sessions.key", "user_sessions.method", "user_sessions.user_agent",
                     "user_sessions.address"), "a member's signed-in browsers"),
    **dict.fromkeys(("search_documents.language", "search_documents.tags", "search_documents.author",
                     "search_documents.flags", "search_documents.stamp"), "search bookkeeping"),
    **dict.fromkeys(("assistant_passages.kind", "assistant_passages.language", "assistant_passages.stamp",
                     "assistant_pending.token", "assistant_statistics.kind"), "the assistant index's bookkeeping"),
    **dict.fromkeys(("inbound_messages.dedupe_key", "inbound_messages.message_id", "inbound_messages.envelope_from",
                     "inbound_messages.envelope_to", "inbound_messages.from_address"),
                    "addressing of a received e-mail (the sender's own address)"),
    **dict.fromkeys(("inbound_messages.purpose", "inbound_messages.reason", "inbound_messages.reply_kind",
                     "inbound_messages.status"), "codes"),
}


def _text_columns():
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, (String, JSON)):
                yield f"{table.name}.{column.name}", table, column


def test_every_text_column_is_a_copy_or_says_why_not(app):
    names = {name for name, _table, _column in _text_columns()}
    unplaced = sorted(names - set(redaction.COPIES) - set(NOT_POST_TEXT))
    assert not unplaced, f"say how redaction reaches these columns (redaction.COPIES) or why they keep no post " \
                         f"text (NOT_POST_TEXT): {unplaced}"
    assert not (set(redaction.COPIES) & set(NOT_POST_TEXT))
    assert sorted(set(redaction.COPIES) - names) == [], "redaction.COPIES names a column that does not exist"


def _holding(needle: str) -> list[str]:
    """Every text column of every table that holds `needle`, as 'table.column #id'. An e-mail already sent is
    the record of what left (it cannot be recalled): only e-mails not yet sent count."""
    found = []
    for name, table, column in _text_columns():
        key = next(iter(table.primary_key.columns))
        query = select(key).where(cast(column, Text).contains(needle, autoescape=True))
        if name.startswith("mail_outbox."):
            query = query.where(table.c.sent_at.is_(None))
        found += [f"{name} #{row_id}" for row_id in db.session.scalars(query)]
    return found


@pytest.fixture
def app_config():
    return {"MAIL_INBOUND_ADDRESS": "community@aurora.example"}


def _reply_by_email(mail_dir, to: str, text: str) -> InboundMessage:
    """The member answers the last e-mail they were sent, from their mailbox, quoting it as mail programs do."""
    sent = sorted(Path(mail_dir).glob("*.eml"), key=lambda path: path.stat().st_mtime_ns)
    notice = next(message for message in (email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
                                          for path in reversed(sent)) if to in str(message["To"]))
    reply = email.message.EmailMessage()
    reply["From"], reply["To"], reply["Subject"] = to, str(notice["Reply-To"]), f"Re: {notice['Subject']}"
    reply["Message-ID"], reply["In-Reply-To"] = "<reply-1@example.com>", str(notice["Message-ID"])
    reply.set_content(f"{text}\n\nOn Monday Sportello wrote:\n> {notice.get_body(('plain',)).get_content()[:200]}")
    return receiving.deliver(reply.as_bytes(), to, [str(notice["Reply-To"])])


@pytest.fixture
def people(make_user, tags):
    users = {"giulia": make_user("giulia"), "hugo": make_user("hugo", reputation=50),
             "vera": make_user("vera", reputation=600), "marta": make_user("marta", role="moderator"),
             "ada": make_user("ada", role="admin")}
    db.session.add(Webhook(url="https://helpdesk.example.com/hook", secret="s" * 32, created_by_id=users["ada"].id,
                           events=["question.created", "answer.official", "flag.created", "post.unhappy"]))
    db.session.commit()
    return users


def _post(client, url: str, action: str, typed: dict, page: str | None = None, status: int = 302):
    """Submit the form posting to `action` as `page` (or `url`) renders it, with what a person types; a warning
    about personal data is answered by ticking "Post anyway" on the form that comes back."""
    html = client.get(page or url).get_data(as_text=True)
    response = client.post(action, data={**rendered_form(html, action, page=page or url), **typed})
    if response.status_code == 400 and "allow_personal_data" in response.get_data(as_text=True):
        again = rendered_form(response.get_data(as_text=True), action, page=action)
        response = client.post(action, data={**again, "allow_personal_data": "y"})
    assert response.status_code == status, response.get_data(as_text=True)[-2000:]
    return response


@pytest.fixture
def exposed(client, auth, people, app, mail_dir):
    """Everything the review saw keep the data, built through the site's forms."""
    auth.login("giulia")
    # She asks the assistant first (it has nothing to offer yet) and hands her words over to the team: the
    # session she typed them into is a copy of the question's text.
    body = f"My Aurora One stops after descaling. Order {ORDER}, write to {EMAIL} please."
    found = _post(client, "/help", "/help", {"text": f"{TITLE}\n{body}"}, status=200)
    HANDOVER["link"] = BeautifulSoup(found.get_data(as_text=True), "html.parser").select_one(
        ".assistant-next a.button")["href"]
    _post(client, HANDOVER["link"], HANDOVER["link"], {"title": TITLE, "tags": "aurora-one", "body": body})
    question = db.session.scalar(select(Question))
    # The asker takes the order number out again: it stays in the history.
    _post(client, f"/posts/{question.id}/edit", f"/posts/{question.id}/edit", {
        "body": f"My Aurora One stops after descaling. Write to {EMAIL} please.", "summary": "order removed"})
    auth.logout()
    auth.login("hugo")
    page = f"/questions/{question.id}/{db.session.get(Question, question.id).slug}"
    _post(client, page, f"/questions/{question.id}/answers", {
        "body": f"Hi Giulia, I wrote to {EMAIL} with the steps: hold the power button for 5 s, then descale."})
    mail.send_pending()  # this one has left: a sent e-mail is the record of what was sent
    # Giulia answers that e-mail from her mailbox: a moderator approves it below, held for its phone number.
    replied = _reply_by_email(mail_dir, "giulia@example.com", f"Thanks Hugo! Call me at {PHONE} if you can.")
    assert replied.status == "held"
    _post(client, page, f"/posts/{question.id}/comments", {"body": f"Or call the shop: {SHOP_PHONE}."})
    _post(client, page, f"/posts/{question.id}/flags", {"reason": "personal-data",
                                                         "text": f"The title shows her phone {PHONE}"})
    auth.logout()
    answer = db.session.scalar(select(Answer))
    auth.login("marta")
    _post(client, page, f"/answers/{answer.id}/official", {"note": "Checked with the service team",
                                                            "action": "mark"})
    _post(client, f"/questions/{question.id}/faq", f"/questions/{question.id}/faq", {})
    _post(client, f"/moderation/held/{replied.id}", f"/moderation/held/{replied.id}/approve", {})
    auth.logout()
    auth.login("giulia")
    _post(client, page, f"/posts/{answer.id}/comments", {"body": f"Still not working, please call {PHONE}"})
    auth.logout()
    auth.login("vera")
    # A second answer: its e-mail to the asker waits unsent, with an excerpt that ends inside the phone number.
    filler = "Same here with my Aurora One, after the second descaling of the month. " * 4
    _post(client, page, f"/questions/{question.id}/answers", {
        "body": f"{filler[:270]} They told me to call {PHONE} and it worked."})
    edit = f"/posts/{question.id}/edit"
    _post(client, edit, edit, {"body": f"My Aurora One stops right after descaling. Write to {EMAIL} please.",
                               "summary": f"clearer; left {EMAIL} as it was"})
    auth.logout()
    db.session.expire_all()
    assert _holding("quercioli") and _holding("918 2736") and _holding("7731904") and _holding("846 1902")
    return question, answer


def _redact_everything(client, auth) -> int:
    """The moderator presses "Redact" in the personal-data tab, as rendered, until nothing is left there."""
    auth.login("marta")
    pressed = 0
    while True:
        html = client.get("/moderation?tab=personal").get_data(as_text=True)
        forms = actions(html, "/posts/")
        if not forms:
            break
        response = client.post(forms[0], data=rendered_form(html, forms[0]))
        assert response.status_code == 302 and response.headers["Location"] == "/moderation?tab=personal"
        pressed += 1
        assert pressed < 10, "the queue does not empty"
    auth.logout()
    return pressed


def test_no_table_keeps_the_redacted_data(client, auth, exposed, mail_dir):
    sent_before = set(Path(mail_dir).glob("*.eml"))
    assert _redact_everything(client, auth) == 3  # the question, then each answer
    db.session.expire_all()
    for needle in GONE:
        assert _holding(needle) == [], needle
    question, answer = exposed
    assert db.session.get(Question, question.id).title == "Error E04 after descaling: call me on [phone removed]"
    assert db.session.get(Question, question.id).slug == "error-e04-after-descaling-call-me-on-phone-removed"
    assert "[email removed]" in db.session.get(Answer, answer.id).body_html
    # What was still to send leaves without the data, even where an excerpt cut the number short.
    mail.send_pending()
    sent = set(Path(mail_dir).glob("*.eml")) - sent_before
    assert sent, "the notification of the second answer was not e-mailed"
    for message in sent:
        text = _readable(message)
        assert "+39 347" not in text and not [needle for needle in GONE if needle in text], text
    assert any("[phone removed]…" in _readable(message) for message in sent)
    assert db.session.scalar(select(func.count()).select_from(OutgoingMail).where(OutgoingMail.sent_at.is_(None))) == 0


def _readable(path: Path) -> str:
    """An .eml file's headers and decoded text parts."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    return str(message["Subject"]) + "".join(part.get_content() for part in message.walk()
                                              if part.get_content_maintype() == "text")


def test_the_history_and_the_faq_keep_the_words_without_the_data(client, auth, exposed):
    question, answer = exposed
    _redact_everything(client, auth)
    db.session.expire_all()
    history = db.session.scalars(select(Revision).where(Revision.post_id == question.id)
                                 .order_by(Revision.number)).all()
    assert "Order [number removed], write to [email removed]" in history[0].body_markdown
    assert history[0].title == "Error E04 after descaling: call me on [phone removed]"
    assert history[-1].summary in ("personal data removed", "dati personali rimossi")
    entry = db.session.scalar(select(FaqEntry))
    assert entry.title == "Error E04 after descaling: call me on [phone removed]"
    assert "I wrote to [email removed] with the steps" in entry.approved_html
    assert entry.needs_review_at is None  # the approved text, less the data: nothing new to check
    faq = client.get("/api/v1/faq").get_json()["groups"][0]["entries"][0]
    assert "[email removed]" in faq["answer_html"] and "[phone removed]" in faq["title"]


def test_each_signal_is_dismissed_only_once_its_text_is_clean(client, auth, exposed):
    question, answer = exposed
    auth.login("marta")
    html = client.get("/moderation?tab=personal").get_data(as_text=True)
    action = f"/posts/{question.id}/redact"
    assert client.post(action, data=rendered_form(html, action)).status_code == 302
    db.session.expire_all()
    still_open = db.session.scalars(select(PostSignal).where(PostSignal.kind == "personal_data",
                                                             PostSignal.dismissed_at.is_(None))).all()
    # The question's own signal and its comment's are fixed; the answers and the comment under one are not yet.
    second = db.session.scalar(select(Answer.id).where(Answer.id != answer.id))
    assert {(s.post_id, s.comment_id is not None) for s in still_open} == {
        (answer.id, False), (answer.id, True), (second, False)}
    shop = db.session.scalar(select(Comment).where(Comment.post_id == question.id))
    assert shop.body_markdown == "Or call the shop: [phone removed]." and shop.redacted_at is not None
    html = client.get("/moderation?tab=personal").get_data(as_text=True)
    assert "phone" in html and f"/posts/{answer.id}/redact" in html


def test_the_same_redaction_twice_finds_nothing(client, auth, exposed):
    question, _answer = exposed
    _redact_everything(client, auth)
    auth.login("marta")
    response = client.post(f"/posts/{question.id}/redact")
    assert response.status_code == 409


def _every_page(client, app, question, answer, people) -> list[str]:
    """Every GET route of the site, with the redacted posts, their people and products for its arguments."""
    users = list(people.values())
    arguments = {
        "question_id": [question.id], "post_id": [question.id, answer.id], "user_id": [u.id for u in users],
        "name": [tag.name for tag in db.session.scalars(select(Tag))],
        "endpoint_id": list(db.session.scalars(select(Webhook.id))),
        "message_id": list(db.session.scalars(select(InboundMessage.id))),
        "place": [1],  # a held message's first picture
        "token": [password_reset.make_token(people["giulia"])],
    }
    slugs = {"questions.show": [question.slug], "accounts.profile": None, "badges.show": [b.slug for b in BADGES],
             "api.badge": [b.slug for b in BADGES]}
    tokens = {"notifications.unsubscribe": [emails.unsubscribe_token(people["giulia"].id, "answer")]}
    queries = {"search.index": "q=descaling", "search.suggest": "q=error+after+descaling",
               "api.search": "q=descaling", "admin.users": "q=giulia",
               "assistant.handover": urlsplit(HANDOVER["link"]).query}
    arguments["session_id"] = list(db.session.scalars(select(AssistantSession.id)))
    arguments["entry_id"] = list(db.session.scalars(select(ModerationAction.id)))
    reply = replies.create_reply(people["marta"], "Descaling", "Hi {asker}, run the descaling programme.", "en")
    db.session.commit()
    arguments["reply_id"] = [reply.id]  # the brand team's own text: its pages must not show the redacted data either
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in ("static", "seo.sitemap_file", "notifications.open_one",
                                                           "satisfaction.from_link"):
            continue  # static files; the sitemaps are followed from their index below; opening a notification
            # only redirects to the post's page, which is read here; a survey's e-mailed link shows the question's
            # title as the question's page does
        choices = [{}]
        for name in sorted(rule.arguments):
            if name == "slug" and slugs.get(rule.endpoint, 0) is None:
                continue  # filled with the user's own slug below
            values = (slugs.get(rule.endpoint) if name == "slug" else tokens.get(rule.endpoint, arguments.get(name)))
            assert values, f"say how to reach {rule.rule} for the redacted question"
            choices = [{**chosen, name: value} for chosen in choices for value in values]
        for chosen in choices:
            if rule.endpoint == "accounts.profile" and "slug" in rule.arguments:
                chosen["slug"] = db.session.get(User, chosen["user_id"]).username
            path = rule.build(chosen, append_unknown=False)[1]
            urls.append(path + (f"?{queries[rule.endpoint]}" if rule.endpoint in queries else ""))
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    urls += [urlsplit(location).path for location in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    return urls


def test_no_page_or_api_read_shows_the_redacted_data(client, auth, exposed, people, app):
    question, answer = exposed
    _redact_everything(client, auth)
    db.session.expire_all()
    question = db.session.get(Question, question.id)
    urls = _every_page(client, app, question, db.session.get(Answer, answer.id), people)
    assert len(urls) > 60
    for who in (None, "giulia", "marta", "ada"):
        if who:
            auth.login(who)
        for url in urls:
            response = client.get(url)
            assert response.status_code < 500, url
            shown = response.get_data(as_text=True) + response.headers.get("Location", "")
            leaked = [needle for needle in GONE if needle in shown]
            assert not leaked, f"{url} shows {leaked} to {who or 'a visitor'}"
        if who:
            auth.logout()
    # The search index was rebuilt from the redacted rows: the data finds nothing.
    for word in ("quercioli", "7731904", "2736", "1902"):
        assert client.get(f"/api/v1/search?q={word}").get_json()["items"] == [], word
    page = client.get(f"/posts/{question.id}/revisions").get_data(as_text=True)
    assert "[number removed]" in page and '<meta name="robots" content="noindex">' in page


def test_posts_redacted_the_old_way_are_redacted_again_by_a_command(app, make_user, tags):
    """Before, a redaction rewrote the body alone and logged it whole: the history, comments and log kept it."""
    from app import audit, heuristics, markup
    from app.questions import operations as posts

    marta = make_user("marta", role="moderator")
    question = posts.ask_question(make_user("giulia"), "Error E04 after descaling, what now?",
                                  f"My Aurora One stops after descaling. Write to {EMAIL} please.", "aurora-one",
                                  "en", allow_personal_data=True)
    posts.add_comment(question.author, question, f"Or call {PHONE}.", allow_personal_data=True)
    before = question.body_markdown
    question.body_markdown = heuristics.redact(before)
    question.body_html = markup.render_post(question.body_markdown)
    audit.record(marta, "redact", "post", question.id, "email", {"body": before}, {"body": question.body_markdown})
    db.session.commit()
    assert _holding("quercioli") and _holding("918 2736")
    result = app.test_cli_runner().invoke(args=["moderation", "redact-again", "--moderator", "marta"])
    assert result.exit_code == 0 and "Redacted again: 1 of 1" in result.output
    db.session.expire_all()
    assert _holding("quercioli") == [] and _holding("918 2736") == []
    again = app.test_cli_runner().invoke(args=["moderation", "redact-again", "--moderator", "marta"])
    assert "Redacted again: 0 of 1" in again.output
