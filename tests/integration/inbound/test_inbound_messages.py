"""The fixture messages of tests/data/mail/ (real-looking mail from Gmail, Outlook, Apple Mail and Thunderbird
in English and Italian, HTML-only, forwarded, automatic, bounced, malformed, mislabelled, forged, expired),
each received through the stdin command's operation and checked for what it became: the post and its text,
the held draft, or the refusal and what the sender was told."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.inbound import receiving
from app.mail import reply_addresses
from app.models import Comment, InboundMessage, Question, User
from tests.integration import mail_world
from tests.integration.mail_world import SUPPORT, fixture_bytes, outbox


@pytest.fixture
def app_config():
    return dict(mail_world.CONFIG)


@pytest.fixture
def world(app, make_user, make_question, make_answer):
    return mail_world.build(make_user, make_question, make_answer)


def deliver(name: str, reply_address: str = "") -> InboundMessage:
    message = receiving.deliver(fixture_bytes(name, reply_address))
    db.session.expire_all()
    return db.session.get(InboundMessage, message.id)


def comments_of(post_id: int) -> list[str]:
    return list(db.session.scalars(select(Comment.body_markdown).where(Comment.post_id == post_id)
                                   .order_by(Comment.id)))


REPLIES = {
    "gmail_reply_en.eml": "Thanks Hugo, running the descaling cycle twice fixed the E04 error. "
                          "The pump is quiet again.",
    "gmail_reply_it.eml": "Grazie Hugo, ho ripetuto la decalcificazione due volte e l'errore E04 è sparito. "
                          "La pompa non fa più rumore.",
    "outlook_reply_en.eml": "I tried holding the power button for 5 seconds but the light still blinks three times.",
    "outlook_reply_it.eml": "Ho provato a tenere premuto il tasto per 5 secondi ma la spia lampeggia ancora tre "
                            "volte. Cos'altro posso fare?",
    "apple_reply_en.eml": "That worked, thank you! The machine runs fine since this morning.",
    "apple_reply_it.eml": "Funziona, grazie mille! La macchina va benissimo da stamattina.",
    "thunderbird_reply_en.eml": "Fixed it by cleaning the filter basket as well: it was full of scale.",
    "thunderbird_reply_it.eml": "Ho risolto pulendo anche il filtro: era pieno di calcare.",
}


@pytest.mark.parametrize("name", sorted(REPLIES))
def test_a_reply_from_each_client_becomes_a_comment_with_only_the_new_words(world, name):
    message = deliver(name, world.reply_to)
    assert (message.status, message.reason, message.purpose) == ("posted", None, "comment"), message.detail
    assert comments_of(world.answer.id) == [REPLIES[name]]
    comment = db.session.get(Comment, message.comment_id)
    assert comment.author_id == world.grace.id
    assert outbox("grace@example.com") == []  # posted where it belongs: nothing to tell


# New messages to the support address: an unknown sender is staged and the question held for a moderator,
# with the draft a moderator will see (title, Markdown body, tags, language) and a note to the sender.
QUESTIONS = {
    "gmail_question_en.eml": ("alan@example.net", "Steam wand on my Aurora One only sputters", "aurora-one", "en",
                              ["since yesterday the steam wand on my Aurora One only sputters"], ["Thanks,"]),
    "gmail_question_it.eml": ("mario.rossi@example.it", "La lancia vapore della mia Aurora One non scalda più",
                              "aurora-one", "it", ["Ho già pulito il beccuccio con un ago."], ["Inviato da iPhone"]),
    "html_only_question.eml": ("ada@example.org", "Which descaling product for the Aurora One?",
                               "aurora-one descaling", "en",
                               ["which **descaling** product", "[this descaler](https://shop.example/descaler)",
                                "- Is it safe for the boiler?\n- How often should I use it?"],
                               ["alert", "steal", "logo", "font-family", "Kind regards"]),
    "forwarded_question.eml": ("alan@example.net", "Grinder on the Aurora One makes a clicking noise", "aurora-one",
                               "en", ["My partner wrote this down for me, can you help?",
                                      "> The grinder of the Aurora One clicks loudly"],
                               ["joan@example.net", "Forwarded message", "Subject:"]),
    "malformed_mime.eml": ("alan@example.net", "Broken message: the boundary never closes", "aurora-one", "en",
                           ["My Aurora One leaks water under the drip tray every morning. Is the gasket worn?"], []),
    "charset_utf8_labelled_latin1.eml": ("mario.rossi@example.it", "Perche' il caffe' dell'Aurora One e' acido?",
                                         "aurora-one", "it", ["Perché il caffè della mia Aurora One è così acido"],
                                         ["Ã"]),
    "charset_windows1252_unlabelled.eml": ("mario.rossi@example.it", "Perché la crema dell'Aurora One è così chiara?",
                                           "aurora-one", "it", ["La crema dell’Aurora One è chiarissima", "però…"],
                                           ["\ufffd"]),
    "charset_unknown.eml": ("mario.rossi@example.it", "Aurora One non si accende più", "aurora-one", "it",
                            ["Da stamattina la mia Aurora One non si accende più"], ["\ufffd"]),
    "question_with_photo.eml": ("alan@example.net", "Water under the Aurora One every morning (photo attached)",
                                "aurora-one", "en", ["Every morning there is a puddle of water"], ["base64"]),
}


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_a_new_message_from_an_unknown_sender_is_held_as_a_question_draft(world, name):
    sender, title, tags, language, present, absent = QUESTIONS[name]
    message = deliver(name)
    assert (message.status, message.reason, message.purpose) == ("held", "unknown_sender", "question")
    draft = message.draft
    assert (draft["title"], draft["tags"], draft["language"]) == (title, tags, language)
    for text in present:
        assert text in draft["body"], (text, draft["body"])
    for text in absent:
        assert text not in draft["body"], (text, draft["body"])
    staged = db.session.get(User, message.user_id)
    assert staged.email == sender and staged.is_staged and staged.password_hash is None
    assert db.session.scalar(select(func.count()).select_from(Question)) == 1  # only the world's question
    [note] = outbox(sender)
    assert note.headers["Auto-Submitted"] == "auto-replied" and note.headers["Reply-To"] == SUPPORT
    expected = "checks it" if language == "en" else "lo controlla"
    assert expected in note.text_body, note.text_body


def test_an_attachment_that_is_no_picture_is_left_out_with_a_note_to_the_sender(world):
    message = deliver("question_with_photo.eml")  # its puddle.jpg has a JPEG's first bytes and nothing more
    assert message.draft["pictures"] == []
    [note] = outbox("alan@example.net")
    assert "This picture could not be added:\n- puddle.jpg: Choose a photo or picture in JPEG" in note.text_body


def test_charset_mix_ups_are_decoded_and_noted_for_the_administrators(world):
    assert "read as utf-8" in deliver("charset_utf8_labelled_latin1.eml").detail
    assert "read as windows-1252" in deliver("charset_windows1252_unlabelled.eml").detail
    assert "unknown charset" in deliver("charset_unknown.eml").detail


@pytest.mark.parametrize("name, reason", [("auto_reply_out_of_office.eml", "auto_submitted"),
                                          ("auto_reply_precedence.eml", "bulk"),
                                          ("mailing_list.eml", "mailing_list"), ("bounce.eml", "auto_submitted")])
def test_automatic_mail_is_recorded_and_dropped_without_an_answer(world, name, reason):
    message = deliver(name, world.reply_to)
    assert (message.status, message.reason) == ("dropped", reason)
    assert outbox() == [] and comments_of(world.answer.id) == []
    assert message.raw and message.subject  # kept, for the administrators


def test_a_bounce_with_a_null_sender_is_dropped_even_without_auto_submitted(world):
    raw = fixture_bytes("bounce.eml").replace(b"Auto-Submitted: auto-replied\n", b"")
    message = receiving.deliver(raw, "", [SUPPORT])
    assert (message.status, message.reason) == ("dropped", "bounce") and outbox() == []


def test_a_reply_from_another_address_is_held_never_posted_as_the_member(world):
    message = deliver("forged_from_reply.eml", world.reply_to)
    assert (message.status, message.reason) == ("held", "forged_from")
    assert comments_of(world.answer.id) == []
    assert db.session.scalar(select(User).where(User.email == "mallory@example.org")) is None
    [note] = outbox("mallory@example.org")
    assert "other than the one our e-mail was sent to" in note.text_body
    assert "grace" not in note.text_body.lower()  # nothing about the member is told to the other address


@pytest.mark.parametrize("name, reason, told", [
    ("expired_token_reply.eml", "expired_token", "too old to take replies (after 90 days)"),
    ("unknown_token_reply.eml", "unknown_token", "we could not tell which post your reply is for"),
    ("digest_reply.eml", "no_post", "not about one post"),
])
def test_a_reply_to_an_address_that_cannot_take_it_is_refused_with_the_text_given_back(world, name, reason, told):
    addresses = {
        "expired_token_reply.eml": "reply+" + reply_addresses.make_token(
            "comment", world.grace.id, world.answer.id, clock.now().date() - timedelta(days=91)) + "@aurora.example",
        "unknown_token_reply.eml": "reply+" + "a" * 34 + "@aurora.example",
        "digest_reply.eml": reply_addresses.reply_address("none", world.grace.id),
    }
    message = deliver(name, addresses[name])
    assert (message.status, message.reason) == ("refused", reason)
    assert comments_of(world.answer.id) == []
    [refusal] = outbox("grace@example.com")
    assert told in refusal.text_body
    body = fixture_bytes(name).split(b"\n\n", 1)[1].decode().strip().split("\n")[0]
    assert f"> {body}" in refusal.text_body  # nothing typed is lost
    if reason == "expired_token":
        assert "https://community.aurora.example/questions/" in refusal.text_body


def test_a_token_expires_after_the_configured_days(world, app):
    token = reply_addresses.read_token(reply_addresses.token_in(world.reply_to))
    assert (token.purpose, token.user_id, token.post_id) == ("comment", world.grace.id, world.answer.id)
    assert not token.expired(clock.now().date() + timedelta(days=90))
    assert token.expired(clock.now().date() + timedelta(days=91))
    app.config["MAIL_REPLY_TOKEN_DAYS"] = 120
    assert not token.expired(clock.now().date() + timedelta(days=91))


def test_a_moderator_may_publish_a_reply_from_another_address_as_the_member(world):
    from app.inbound import operations

    message = deliver("forged_from_reply.eml", world.reply_to)
    draft = message.draft
    operations.approve(world.moderator, message, "", "I solved it by descaling twice.", draft["tags"])
    db.session.commit()
    assert comments_of(world.answer.id) == ["I solved it by descaling twice."]
    assert db.session.get(Comment, message.comment_id).author_id == world.grace.id
    [published] = outbox("mallory@example.org", kind="inbound.approved")
    assert "grace" not in published.text_body.lower()


def test_reply_tokens_refuse_tampering_and_survive_a_change_of_case(world):
    token = reply_addresses.token_in(world.reply_to)
    assert reply_addresses.read_token(token.upper()) == reply_addresses.read_token(token)
    flipped = token[:-1] + ("a" if token[-1] != "a" else "b")
    assert reply_addresses.read_token(flipped) is None
    other_post = reply_addresses.make_token("comment", world.grace.id, world.question.id)
    assert other_post[-16:] != token[-16:]  # the signature covers the post
    assert len(world.reply_to.partition("@")[0]) <= 64
