"""Shared by the receiving tests: the community the messages arrive in, the fixture messages of
tests/data/mail/ with their reply address filled in, and messages carrying pictures."""

from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from types import SimpleNamespace

from app.extensions import db
from app.mail import reply_addresses
from app.models import InboundMessage, OutgoingMail

MAIL_DATA = Path(__file__).resolve().parent.parent / "data" / "mail"
SUPPORT = "community@aurora.example"
PRODUCT = "one@aurora.example"
CONFIG = {"MAIL_INBOUND_ADDRESS": SUPPORT, "MAIL_INBOUND_TAGS": {PRODUCT: "aurora-one"},
          "BRAND_NAME": "Aurora Caffè", "SITE_URL": "https://community.aurora.example"}


def fixture_bytes(name: str, reply_address: str = "", support: str = SUPPORT) -> bytes:
    raw = (MAIL_DATA / name).read_bytes()
    return raw.replace(b"{reply_address}", reply_address.encode()).replace(b"{support}", support.encode())


def with_pictures(sender: str, subject: str, text: str, attachments=(), inline=(), to: str = SUPPORT) -> bytes:
    """A message as a mail program sends it: plain text and HTML, pictures inline in the HTML (cid:) and
    attached files."""
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"], mail["Message-ID"] = sender, to, subject, make_msgid()
    mail.set_content(text)
    if inline:
        cids = [make_msgid() for _ in inline]
        images = "".join(f'<img src="cid:{cid[1:-1]}">' for cid in cids)
        mail.add_alternative(f"<p>{text}</p>{images}", subtype="html")
        html = mail.get_payload()[1]
        for (name, data, kind), cid in zip(inline, cids, strict=True):
            html.add_related(data, *kind.split("/"), cid=cid, filename=name, disposition="inline")
    for name, data, kind in attachments:
        mail.add_attachment(data, *kind.split("/"), filename=name)
    return mail.as_bytes()


def build(make_user, make_question, make_answer) -> SimpleNamespace:
    """Grace asked, Hugo answered; Grace's reply address comments on Hugo's answer."""
    grace = make_user("grace", email="grace@example.com", locale="en")
    hugo = make_user("hugo", reputation=200)
    moderator = make_user("mona", role="moderator")
    question = make_question(grace)
    answer = make_answer(hugo, question)
    reply_to = reply_addresses.reply_address("comment", grace.id, answer.id)
    return SimpleNamespace(grace=grace, hugo=hugo, moderator=moderator, question=question, answer=answer,
                           reply_to=reply_to)


def outbox(to: str | None = None, kind: str = "inbound.") -> list[OutgoingMail]:
    """The e-mails queued to `to` (anyone when None) whose kind starts with `kind` (the receiver's answers)."""
    query = db.session.query(OutgoingMail).order_by(OutgoingMail.id)
    return [m for m in query if (to is None or m.to_address == to) and m.kind.startswith(kind)]


def received() -> list[InboundMessage]:
    return db.session.query(InboundMessage).order_by(InboundMessage.id).all()
