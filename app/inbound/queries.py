"""Reads for the received-mail pages: the administrators' list, one message with its parts, the held ones."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import defer

from app.extensions import db
from app.inbound import drafts, operations, parsing, pictures
from app.models import INBOUND_STATUSES, InboundMessage, Post

PER_PAGE = 50
HEADERS_SHOWN = 16 * 1024


def list_messages(status: str | None, page: int):
    query = select(InboundMessage).options(defer(InboundMessage.raw)).order_by(InboundMessage.id.desc())
    if status in INBOUND_STATUSES:
        query = query.where(InboundMessage.status == status)
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def count_by_status() -> dict[str, int]:
    rows = db.session.execute(select(InboundMessage.status, func.count()).group_by(InboundMessage.status))
    return {status: count for status, count in rows}


def get_message(message_id: int) -> InboundMessage:
    return db.session.get(InboundMessage, message_id) or abort(404)


def get_held(message_id: int) -> InboundMessage:
    message = get_message(message_id)
    if message.status != "held":
        abort(404)
    return message


@dataclass(frozen=True)
class MessageView:
    message: InboundMessage
    headers: str  # the header block as received, cut at HEADERS_SHOWN
    text: str | None  # what processing read as the sender's words, when it can be read


def message_view(message: InboundMessage) -> MessageView:
    raw = operations.raw_bytes(message)
    end = raw.find(b"\n\n")
    headers = parsing.decode_bytes(raw[:end if end >= 0 else HEADERS_SHOWN][:HEADERS_SHOWN], None)[0]
    text = None
    if not message.truncated:
        try:
            text = drafts.body_of(parsing.parse(raw))
        except parsing.Unreadable:
            text = None
    return MessageView(message, headers, text)


def held_page(message: InboundMessage) -> dict:
    """The draft to approve, the post a reply was for, and the pictures publishing it adds."""
    target = db.session.get(Post, message.target_post_id) if message.target_post_id else None
    return {"draft": message.draft or {}, "target": target, "pictures": pictures.held_pictures(message)}

