"""How an e-mail leaves: SMTP in production, `.eml` files (and a log line) in development."""

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app

from app.models import OutgoingMail
from app.typed_text import single_line

log = logging.getLogger(__name__)


def sender(config) -> str:
    return config["MAIL_DEFAULT_SENDER"] or f"{config['BRAND_NAME']} Community <no-reply@localhost>"


def build(message: OutgoingMail, config) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender(config)
    email["To"] = message.to_address
    # A header is one line: a name or title with a line break in a subject made the message fail for good.
    email["Subject"] = single_line(message.subject)
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = make_msgid(idstring=f"outbox-{message.id}")
    for name, value in (message.headers or {}).items():
        email[name] = single_line(value)
    email.set_content(message.text_body)
    if message.html_body:
        email.add_alternative(message.html_body, subtype="html")
    return email


def backend_name(config) -> str:
    return config["MAIL_BACKEND"] or ("smtp" if config["MAIL_SERVER"] else "file")


def mail_dir(config) -> Path:
    return Path(config["MAIL_DIR"] or Path(current_app.instance_path) / "mail")


def deliver(message: OutgoingMail, config) -> None:
    """Send one e-mail or raise; the outbox records the outcome."""
    email = build(message, config)
    if backend_name(config) == "smtp":
        _send_smtp(email, config)
        return
    folder = mail_dir(config)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{message.created_at:%Y%m%d-%H%M%S}-{message.id}.eml"
    path.write_bytes(bytes(email))
    log.info("mail to %s: %r (written to %s)", message.to_address, message.subject, path.name)


def _send_smtp(email: EmailMessage, config) -> None:
    host, port, timeout = config["MAIL_SERVER"], int(config["MAIL_PORT"]), float(config["MAIL_TIMEOUT"])
    context = ssl.create_default_context()
    connection: smtplib.SMTP
    if config["MAIL_USE_SSL"]:
        connection = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        connection = smtplib.SMTP(host, port, timeout=timeout)
    with connection:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            connection.starttls(context=context)
        if config["MAIL_USERNAME"]:
            connection.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        connection.send_message(email)
