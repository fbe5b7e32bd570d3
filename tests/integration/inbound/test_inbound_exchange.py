"""A customer asks by e-mail and replies to the answer's notification by e-mail, in English over LMTP and in
Italian over SMTP, through real exchanges over loopback with `flask mail serve-lmtp` running as its own
process; and `flask mail receive` reading real bytes on standard input as an MTA's pipe would."""

import json
import os
import re
import smtplib
import socket
import subprocess
import sys
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Answer, Comment, InboundMessage, OutgoingMail, Question, User
from tests.conftest import PASSWORD
from tests.integration import mail_world
from tests.integration.forms.browser import Browser
from tests.integration.mail_world import SUPPORT, fixture_bytes, outbox

ROOT = Path(__file__).resolve().parents[3]
FLASK = str(Path(sys.executable).with_name("flask"))


@pytest.fixture
def app_config():
    return dict(mail_world.CONFIG)


def environment(app, tmp_path) -> dict:
    config = app.config
    env = {**os.environ, "FLASK_APP": "wsgi.py", "DATABASE_URL": config["SQLALCHEMY_DATABASE_URI"],
           "SECRET_KEY": config["SECRET_KEY"], "FLASK_MAIL_INBOUND_ADDRESS": SUPPORT,
           "FLASK_MAIL_INBOUND_TAGS": json.dumps(config["MAIL_INBOUND_TAGS"]), "FLASK_SITE_URL": config["SITE_URL"],
           "FLASK_BRAND_NAME": config["BRAND_NAME"], "FLASK_MAIL_SEND_AFTER_COMMIT": "false",
           "FLASK_SEARCH_INDEX_DIR": config["SEARCH_INDEX_DIR"], "FLASK_MAIL_DIR": str(tmp_path / "sent"),
           "FLASK_RATELIMIT_ENABLED": "false"}
    env.pop("FLASK_RUN_FROM_CLI", None)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def receiver(app, tmp_path):
    """`flask mail serve-lmtp` in a process of its own; receiver(smtp=True) speaks SMTP."""
    started = []

    def start(smtp: bool = False) -> int:
        port = free_port()
        db.session.commit()
        process = subprocess.Popen([FLASK, "mail", "serve-lmtp", "--port", str(port)] + (["--smtp"] if smtp else []),
                                   cwd=ROOT, env=environment(app, tmp_path), stderr=subprocess.PIPE, text=True)
        started.append(process)
        line = process.stderr.readline()
        assert f"on 127.0.0.1:{port}" in line, line + process.stderr.read()
        return port

    yield start
    for process in started:
        process.terminate()
        assert process.wait(timeout=10) == 0


def reply_like_a_client(notification: OutgoingMail, sender: str, text: str, language: str) -> EmailMessage:
    """What a mail client sends when its user replies above the quoted notification."""
    quoted = "\n".join(f"> {line}" for line in notification.text_body.splitlines())
    attribution = ("On Tue, 6 Jan 2026 at 10:12, Aurora Caffè Community <no-reply@localhost> wrote:"
                   if language == "en" else
                   "Il giorno mar 6 gen 2026 alle ore 10:12 Aurora Caffè Community <no-reply@localhost> ha scritto:")
    reply = EmailMessage()
    reply["From"], reply["To"] = sender, notification.headers["Reply-To"]
    reply["Subject"], reply["Message-ID"] = "Re: " + notification.subject, make_msgid(domain="example.net")
    reply.set_content(f"{text}\n\n{attribution}\n\n{quoted}\n")
    return reply


JOURNEYS = {
    "en": ("lmtp", "alan@example.net", "Steam wand on my Aurora One only sputters",
           "I will try the new gasket tonight, thank you Hugo!", "gmail_question_en.eml"),
    "it": ("smtp", "mario.rossi@example.it", "La lancia vapore della mia Aurora One non scalda più",
           "Proverò la guarnizione nuova stasera, grazie Hugo!", "gmail_question_it.eml"),
}


def send(port: int, protocol: str, sender: str, recipients: list[str], raw: bytes) -> None:
    client = smtplib.LMTP("127.0.0.1", port) if protocol == "lmtp" else smtplib.SMTP("127.0.0.1", port)
    with client:  # on the wire, lines end in CRLF
        refused = client.sendmail(sender, recipients, raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    assert refused == {}


@pytest.mark.parametrize("language", sorted(JOURNEYS))
def test_ask_by_e_mail_and_reply_to_the_answer_by_e_mail(app, make_user, make_question, receiver, language):
    protocol, customer, title, reply_text, fixture = JOURNEYS[language]
    make_user("mona", role="moderator")
    make_user("hugo", reputation=200)
    port = receiver(smtp=protocol == "smtp")

    send(port, protocol, customer, [SUPPORT], fixture_bytes(fixture))
    db.session.expire_all()
    [held] = db.session.scalars(select(InboundMessage)).all()
    assert (held.status, held.reason) == ("held", "unknown_sender")

    moderator = Browser(app, "mona")
    moderator.log_in("mona", PASSWORD)
    queue = moderator.get("/moderation?tab=held")
    page = queue.click(title).form("inbound.approve POST").submit()
    assert page.url == "/moderation?tab=held" and page.flashes == ["Published, and the sender told."], page.errors
    question = db.session.scalar(select(Question).where(Question.title == title))
    assert question.language == language and question.author.email == customer
    published = outbox(customer, kind="inbound.approved")[-1]
    assert f"/questions/{question.id}/" in published.text_body
    assert ("published" if language == "en" else "pubblicato") in published.text_body

    helper = Browser(app, "hugo")
    helper.log_in("hugo", PASSWORD)
    answer = "Replace the gasket of the steam wand: it is worn when the wand sputters."
    helper.get(f"/questions/{question.id}").form("questions.answer POST").type("body", answer).submit()
    [notification] = outbox(customer, kind="notification.answer")
    assert notification.headers["Reply-To"].startswith("reply+")

    reply = reply_like_a_client(notification, customer, reply_text, language)
    send(port, protocol, customer, [notification.headers["Reply-To"]], bytes(reply))
    db.session.expire_all()
    [comment] = db.session.scalars(select(Comment)).all()
    assert comment.body_markdown == reply_text and comment.author.email == customer
    assert db.session.get(Answer, comment.post_id).parent_id == question.id  # on the answer it replied to
    assert reply_text in helper.get(f"/questions/{question.id}").text


def test_the_receiver_refuses_addresses_that_are_not_ours_and_answers_each_lmtp_recipient(app, receiver, tags,
                                                                                         make_user):
    make_user("grace", email="grace@example.com")
    port = receiver()
    with smtplib.LMTP("127.0.0.1", port) as client:
        client.ehlo_or_helo_if_needed()
        assert client.mail("grace@example.com")[0] == 250
        assert client.rcpt("someone@elsewhere.example")[0] == 550
        assert client.rcpt(SUPPORT)[0] == 250
        assert client.rcpt("one@aurora.example")[0] == 250
        raw = (b"From: grace@example.com\r\nSubject: The grinder of my Aurora One is stuck\r\n"
               b"Message-ID: <two-recipients@example.com>\r\n\r\n"
               b"The grinder of my Aurora One turns but grinds nothing.\r\n")
        assert client.data(raw)[0] == 250
        assert client.getreply()[0] == 250  # LMTP: one reply per accepted recipient
    db.session.expire_all()
    assert db.session.scalar(select(InboundMessage.status)) == "posted"


def test_an_oversized_message_over_lmtp_is_refused_by_the_protocol(app, receiver):
    app.config["MAIL_INBOUND_MAX_BYTES"] = 10 * 1024 * 1024
    port = receiver()
    with smtplib.LMTP("127.0.0.1", port) as client:
        client.ehlo_or_helo_if_needed()
        client.mail("alan@example.net")
        client.rcpt(SUPPORT)
        code, _ = client.data(b"Subject: big\r\n\r\n" + b"x" * 76 + b"\r\n" * 1 + (b"y" * 998 + b"\r\n") * 11_000)
    assert code == 552


def run_receive(app, tmp_path, raw: bytes, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    db.session.commit()
    return subprocess.run([FLASK, "mail", "receive", *args], input=raw, cwd=ROOT, capture_output=True,
                          env=env or environment(app, tmp_path), timeout=60)


def test_the_pipe_command_reads_the_message_on_standard_input(app, tmp_path):
    done = run_receive(app, tmp_path, fixture_bytes("gmail_question_it.eml"), "--sender", "mario.rossi@example.it",
                       "--recipient", SUPPORT)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(rb"message \d+: held \(unknown_sender\)\n", done.stdout), done.stdout
    db.session.expire_all()
    staged = db.session.scalar(select(User).where(User.email == "mario.rossi@example.it"))
    assert staged.is_staged and staged.locale == "it"
    [note] = outbox("mario.rossi@example.it")
    assert "Il tuo messaggio è arrivato" in note.text_body


def test_the_pipe_command_keeps_the_beginning_of_an_oversized_message_and_refuses_it(app, tmp_path):
    raw = fixture_bytes("gmail_question_en.eml") + b"x" * (11 * 1024 * 1024)
    done = run_receive(app, tmp_path, raw, "--recipient", SUPPORT)
    assert done.returncode == 0 and b"refused (too_large)" in done.stdout, done.stderr
    db.session.expire_all()
    message = db.session.scalar(select(InboundMessage))
    assert message.truncated and message.size == len(raw) and len(message.raw) < 64 * 1024
    [refusal] = outbox("alan@example.net")
    assert "larger than 10 MB" in refusal.text_body


def test_the_pipe_command_asks_the_mta_to_try_again_when_it_cannot_store(app, tmp_path):
    env = {**environment(app, tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/missing/folder/db.sqlite"}
    done = run_receive(app, tmp_path, fixture_bytes("gmail_question_en.eml"), env=env)
    assert done.returncode == 75 and b"could not store the message" in done.stderr
