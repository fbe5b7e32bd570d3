"""`flask mail serve-lmtp`: an LMTP (or SMTP) receiver for a relay to deliver to, on aiosmtpd. Each message
is stored and processed by receiving.deliver in a worker thread; the relay hears "250" only once the message
is stored, and "451" (try again later) when it could not be."""

import asyncio
import logging

from aiosmtpd.controller import Controller
from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP
from flask import Flask, current_app

from app.extensions import db
from app.inbound import drafts, parsing, receiving
from app.mail import reply_addresses

log = logging.getLogger(__name__)


def accepts(address: str) -> bool:
    """The support address, a product address, or any reply address (a bad token is answered, not bounced)."""
    address = address.strip().lower()
    support = (current_app.config.get("MAIL_INBOUND_ADDRESS") or "").lower()
    return address == support or address in drafts.address_tags() or reply_addresses.token_in(address) is not None


class Handler:
    def __init__(self, app: Flask, lmtp: bool):
        self.app, self.lmtp = app, lmtp

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.app.app_context():
            if not accepts(address):
                return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(None, self._deliver, envelope.original_content, envelope.mail_from,
                                       list(envelope.rcpt_tos))
            status = "250 2.0.0 Stored"
        except Exception:  # noqa: BLE001 - the relay keeps the message and tries again
            log.exception("could not store a received message")
            status = "451 4.3.0 Could not store the message, try again later"
        # LMTP answers once per recipient; SMTP once.
        return "\r\n".join([status] * len(envelope.rcpt_tos)) if self.lmtp else status

    def _deliver(self, raw: bytes, envelope_from: str | None, envelope_to: list[str]) -> None:
        with self.app.app_context():
            try:
                receiving.deliver(raw, envelope_from, envelope_to)
            finally:
                db.session.remove()


class Receiver(Controller):
    def __init__(self, app: Flask, host: str, port: int, lmtp: bool = True):
        self.lmtp = lmtp
        with app.app_context():
            size = parsing.limit("MAIL_INBOUND_MAX_BYTES")
        super().__init__(Handler(app, lmtp), hostname=host, port=port, data_size_limit=size,
                         ident="Sportello", enable_SMTPUTF8=True)

    def factory(self):
        return (LMTP if self.lmtp else SMTP)(self.handler, **self.SMTP_kwargs)
