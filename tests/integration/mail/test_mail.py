"""The outbox: e-mails leave only with their transaction, are retried with back-off, and a failure is recorded."""

import email
import socketserver
import threading
import time
from datetime import UTC, datetime, timedelta
from email import policy

import pytest
from sqlalchemy import select

from app import clock, mail
from app.extensions import db
from app.mail import backends, outbox
from app.models import OutgoingMail

START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def read_eml(folder) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(path.read_bytes(), policy=policy.default)
            for path in sorted(folder.glob("*.eml"))]


def queue_one(**kwargs):
    message = mail.queue("giulia@example.com", "Your question has an answer", "Hugo answered: check the gasket.",
                         **kwargs)
    db.session.commit()
    return message


def test_an_email_of_a_rolled_back_change_is_never_sent(app, mail_dir):
    mail.queue("giulia@example.com", "Never", "This change failed.")
    db.session.rollback()
    assert db.session.scalar(select(OutgoingMail.id)) is None
    assert mail.send_pending() == (0, 0)
    assert not mail_dir.exists()


def test_a_queued_email_is_written_as_eml_with_its_headers_and_both_parts(app, mail_dir):
    message = queue_one(html="<p>Hugo answered: <b>check the gasket</b>.</p>",
                        headers={"List-Unsubscribe": "<https://example.com/u/abc>"}, kind="answer")
    assert mail.send_pending() == (1, 0)
    [sent] = read_eml(mail_dir)
    assert sent["To"] == "giulia@example.com"
    assert sent["Subject"] == "Your question has an answer"
    assert sent["List-Unsubscribe"] == "<https://example.com/u/abc>"
    assert "Aurora" in sent["From"]
    assert sent.get_body(("plain",)).get_content().strip() == "Hugo answered: check the gasket."
    assert "<b>check the gasket</b>" in sent.get_body(("html",)).get_content()
    db.session.refresh(message)
    assert message.sent_at is not None and message.attempts == 1
    assert mail.send_pending() == (0, 0), "a sent e-mail is not sent again"


def test_a_failing_transport_is_retried_with_back_off_then_given_up(app, monkeypatch, mail_dir):
    app.config.update(MAIL_MAX_ATTEMPTS=3, MAIL_RETRY_SECONDS=60)

    def refuse(message, config):
        raise ConnectionRefusedError("SMTP server down")

    monkeypatch.setattr(backends, "deliver", refuse)
    with clock.frozen(START):
        message = queue_one()
        assert mail.send_pending() == (0, 1)
    db.session.refresh(message)
    assert message.attempts == 1 and "SMTP server down" in message.last_error
    assert message.next_attempt_at == START + timedelta(seconds=60)
    with clock.frozen(START + timedelta(seconds=59)):
        assert mail.send_pending() == (0, 0), "not due yet"
    with clock.frozen(START + timedelta(seconds=60)):
        assert mail.send_pending() == (0, 1)
    db.session.refresh(message)
    assert message.next_attempt_at == START + timedelta(seconds=60 + 120), "the delay doubles"
    with clock.frozen(START + timedelta(seconds=180)):
        assert mail.send_pending() == (0, 1)
    db.session.refresh(message)
    assert message.failed_at is not None and message.sent_at is None
    assert outbox.counts() == {"waiting": 0, "sent": 0, "failed": 1}
    monkeypatch.undo()
    with clock.frozen(START + timedelta(days=1)):
        assert mail.send_pending() == (0, 0), "given up is final"


def test_two_senders_never_send_the_same_email(app):
    message = queue_one()
    assert outbox._claim(message.id) is not None
    assert outbox._claim(message.id) is None


def test_the_web_process_sends_right_after_commit_when_configured(app, mail_dir):
    app.config["MAIL_SEND_AFTER_COMMIT"] = True
    with app.test_request_context():
        queue_one()
    for _ in range(100):
        if list(mail_dir.glob("*.eml")):
            break
        time.sleep(0.05)
    [sent] = read_eml(mail_dir)
    assert sent["Subject"] == "Your question has an answer"


def test_flask_mail_send_reports_what_it_did(app, monkeypatch):
    queue_one()
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "Sent 1, failed this time 0; still waiting 0, given up 0." in result.output
    queue_one()
    monkeypatch.setattr(backends, "deliver", lambda message, config: 1 / 0)
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 1
    assert "Sent 0, failed this time 1; still waiting 1" in result.output


class SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to receive one message over loopback."""

    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        self.reply("220 localhost ready")
        data, in_data = [], False
        for raw in self.rfile:
            line = raw.decode().rstrip("\r\n")
            if in_data:
                if line == ".":
                    in_data = False
                    self.server.received.append("\r\n".join(data))
                    self.reply("250 OK queued")
                else:
                    data.append(line[1:] if line.startswith("..") else line)
                continue
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 localhost")
            elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                self.server.envelope.append(line)
                self.reply("250 OK")
            elif verb == "DATA":
                in_data = True
                self.reply("354 go ahead")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("502 not implemented")


@pytest.fixture
def smtp_server():
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SMTPHandler)
    server.received, server.envelope = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_with_a_mail_server_configured_emails_go_out_over_smtp(app, smtp_server, mail_dir):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.server_address[1], MAIL_USE_TLS=False,
                      MAIL_DEFAULT_SENDER="Aurora Care <care@aurora.example>")
    queue_one()
    assert mail.send_pending() == (1, 0)
    [received] = smtp_server.received
    message = email.message_from_string(received, policy=policy.default)
    assert message["Subject"] == "Your question has an answer"
    assert "FROM:<care@aurora.example>" in smtp_server.envelope[0]
    assert "TO:<giulia@example.com>" in smtp_server.envelope[1]
    assert not mail_dir.exists(), "nothing written to files when SMTP is configured"
