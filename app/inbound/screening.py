"""Checks before a message may act: loops and bulk mail (recorded, never answered), the relay's
authentication verdict for the sender's domain, and how many replies a sender may get in an hour."""

import re
from datetime import timedelta
from email.utils import parseaddr

from flask import current_app
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.inbound import parsing
from app.inbound.parsing import ParsedMessage
from app.mail.backends import sender as our_sender
from app.models import InboundMessage

_NO_REPLY_SENDER = re.compile(r"^(?:mailer-daemon|postmaster|no-?reply|do-?not-?reply|bounces?)(?:[+\-.].*)?$",
                              re.IGNORECASE)


def automatic(parsed: ParsedMessage, envelope_from: str | None) -> str | None:
    """Why this message is an automatic one that must not be answered (a reason code), else None."""
    header = parsed.header
    auto_submitted = header("Auto-Submitted").lower()
    if auto_submitted and auto_submitted.split(";")[0].strip() != "no":
        return "auto_submitted"
    if header("Precedence").lower().strip() in ("bulk", "list", "junk"):
        return "bulk"
    if header("X-Autoreply") or header("X-Autorespond") or header("X-Autoresponder"):
        return "auto_reply"
    if header("List-Id"):
        return "mailing_list"
    if envelope_from == "" or parsing.content_type_of(parsed.message) == "multipart/report":
        return "bounce"
    if not parsed.from_address:
        return "no_sender"
    if _NO_REPLY_SENDER.match(parsed.from_address.partition("@")[0]):
        return "no_reply_sender"
    if parsed.from_address == _own_address():
        return "loop"
    return None


def _own_address() -> str:
    return parseaddr(our_sender(current_app.config))[1].lower()


def _domain_matches(domain: str, sender_domain: str) -> bool:
    """Relaxed alignment: the authenticated domain is the sender's or a parent of it."""
    domain, sender_domain = domain.lower().strip(". "), sender_domain.lower()
    return bool(domain) and (sender_domain == domain or sender_domain.endswith("." + domain))


def authenticated(parsed: ParsedMessage) -> bool:
    """Whether the relay's Authentication-Results show SPF or DKIM (or DMARC) passing for the sender's
    domain. Only the relay's own header counts: the one naming MAIL_AUTHSERV_ID, else the topmost (a relay
    adds its verdict on top; lower ones came with the message and could be forged)."""
    if not parsed.from_address:
        return False
    sender_domain = parsed.from_address.rpartition("@")[2]
    texts = parsing.header_texts(parsed.message, "Authentication-Results")
    servid = (current_app.config.get("MAIL_AUTHSERV_ID") or "").lower()
    texts = [t for t in texts if t.strip().lower().startswith(servid)] if servid else texts[:1]
    for text in texts:
        for method in text.split(";")[1:]:
            method = " ".join(method.split()).lower()
            if re.match(r"(?:spf|dkim|dmarc)=pass\b", method) is None:
                continue
            for _, domain in re.findall(r"(smtp\.mailfrom|header\.d|header\.from|header\.i)=([^\s;]+)", method):
                if _domain_matches(domain.rpartition("@")[2], sender_domain):
                    return True
    return False


def may_reply(address: str | None) -> bool:
    """At most MAIL_INBOUND_REPLIES_PER_HOUR answers to one address an hour, whatever it sends."""
    if not address:
        return False
    allowed = int(current_app.config["MAIL_INBOUND_REPLIES_PER_HOUR"])
    since = clock.now() - timedelta(hours=1)
    sent = db.session.scalar(select(func.count()).select_from(InboundMessage).where(
        InboundMessage.from_address == address, InboundMessage.replied_at > since)) or 0
    return sent < allowed
