"""Receiving e-mail: every message is stored before anything else, then processed once into a question, an
answer or a comment through the same operations as the web (or held for a moderator, refused with a reason,
dropped as a loop). Each function flushes and never commits: the edge (app/inbound/receiving.py, a view)
commits, so a crash half-way leaves the message stored and unprocessed, never half-posted."""

import dataclasses
import hashlib
import re
from datetime import timedelta
from email import policy
from email.parser import BytesParser

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from app import abuse, audit, clock, permissions
from app.errors import Conflict, DomainError, Invalid, NotAllowed
from app.extensions import db, rowcount
from app.i18n import lazy_gettext as _l
from app.inbound import drafts, parsing, pictures, responses, screening, senders
from app.inbound.drafts import Draft
from app.inbound.parsing import ParsedMessage, Unreadable
from app.mail import reply_addresses
from app.models import Answer, InboundMessage, Post, Question, User, question_of
from app.notifications import links
from app.questions import operations as posts
from app.uploads import operations as uploads
from app.urls import absolute_url

_MESSAGE_ID = re.compile(rb"^message-id[ \t]*:[ \t]*(?:\r?\n[ \t]+)?(<[^>\r\n]{1,250}>)", re.IGNORECASE | re.MULTILINE)
REPROCESSABLE = ("received", "refused", "dropped", "failed")


def dedupe_key(raw: bytes) -> str:
    """The Message-ID from the header block, or a digest of the bytes for a message without one."""
    end = raw.find(b"\n\n")
    block = raw[:end if end >= 0 else parsing.limit("MAIL_INBOUND_MAX_HEADERS_BYTES")].replace(b"\r\n", b"\n")
    match = _MESSAGE_ID.search(block)
    if match:
        return match.group(1).decode("ascii", "replace").lower()
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def store(raw: bytes, envelope_from: str | None, envelope_to: list[str], size: int | None = None) -> InboundMessage:
    """Keep the message as it arrived (compressed). A second delivery of a message already kept is stored as
    a duplicate of the first. `size` is the full size when `raw` holds only its first part (too large)."""
    fields = {"raw_message": raw, "size": size or len(raw), "truncated": bool(size and size > len(raw)),
              "envelope_from": envelope_from[:254] if envelope_from is not None else None,
              "envelope_to": [address[:254] for address in envelope_to[:20]], "received_at": clock.now()}
    key = dedupe_key(raw)
    message = InboundMessage(dedupe_key=key, status="received", **fields)
    try:
        with db.session.begin_nested():
            db.session.add(message)
        return message
    except IntegrityError:
        first = db.session.execute(select(InboundMessage).where(InboundMessage.dedupe_key == key)).scalar_one()
        copy = InboundMessage(dedupe_key=None, duplicate_of_id=first.id, status="duplicate", reason="duplicate",
                              processed_at=clock.now(), **fields)
        db.session.add(copy)
        db.session.flush()
        return copy


def raw_bytes(message: InboundMessage) -> bytes:
    return message.raw_message


# Processing -------------------------------------------------------------------------------------------------

class _Context:
    """What processing one message learns as it goes: the parsed message, where it was sent, the language to
    answer in, and what was left out."""

    def __init__(self, message: InboundMessage, parsed: ParsedMessage | None):
        self.message, self.parsed = message, parsed
        self.written_to: str | None = None
        self.language = current_app.config["BABEL_DEFAULT_LOCALE"]
        self.automatic = False
        self.quiet_reason: str | None = None  # a refusal already sent for this reason is not sent again
        self.left_out = pictures.LeftOut()  # attachments that did not reach the post, told in the reply


def process(message: InboundMessage, quiet_reason: str | None = None) -> None:
    """Decide what a stored message becomes, and do it."""
    message.processed_at = clock.now()
    raw = raw_bytes(message)
    if message.truncated:
        return _unreadable(message, raw, Unreadable("too_large", f"{message.size} bytes"), quiet_reason)
    try:
        parsed = parsing.parse(raw)
    except Unreadable as error:
        return _unreadable(message, raw, error, quiet_reason)
    context = _Context(message, parsed)
    context.quiet_reason = quiet_reason
    message.message_id, message.subject = parsed.message_id, parsed.subject[:300] or None
    message.from_address = senders.normalised(parsed.from_address) or parsed.from_address
    if parsed.charset_notes:
        message.detail = "; ".join(parsed.charset_notes)[:1000]
    if reason := screening.automatic(parsed, message.envelope_from):
        context.automatic = True
        return _finish(context, "dropped", reason)
    destination = _destination(message, parsed)
    if destination is None:
        return _finish(context, "dropped", "not_for_us")
    kind, value, context.written_to = destination
    if current_app.config.get("MAIL_REQUIRE_AUTH") and not screening.authenticated(parsed):
        context.automatic = True  # the sender's address is not proven: nothing is sent to it
        return _finish(context, "held", "not_authenticated")
    body = drafts.body_of(parsed)
    if kind == "reply":
        assert value is not None  # a reply address always carries its token
        return _reply(context, value, body)
    return _new_question(context, body, value)


def _destination(message: InboundMessage, parsed: ParsedMessage) -> tuple[str, str | None, str] | None:
    """Where the message was sent: ("reply", its token, the address) or ("question", the address's tag or
    None, the address); the envelope's recipients decide when the receiver was given them."""
    support = (current_app.config.get("MAIL_INBOUND_ADDRESS") or "").lower()
    products = drafts.address_tags()
    for address in [a.lower() for a in message.envelope_to] or parsed.recipients:
        token = reply_addresses.token_in(address)
        if token is not None:
            return "reply", token, address
        if address == support or address in products:
            return "question", products.get(address), address
    return None


def _unreadable(message: InboundMessage, raw: bytes, error: Unreadable, quiet_reason: str | None) -> None:
    """Refused before it could be read: the sender is told when the headers can be read safely."""
    message.status, message.reason, message.detail = "refused", error.reason, error.detail[:1000]
    headers = _headers_only(raw) if error.reason not in ("headers_too_long", "header_too_long") else None
    if headers is None or screening.automatic(headers, message.envelope_from) or quiet_reason == error.reason:
        return
    message.from_address = senders.normalised(headers.from_address) or headers.from_address
    message.subject, message.message_id = headers.subject[:300] or None, headers.message_id
    if responses.may_answer(message):
        reason_text = (responses.too_large(parsing.limit("MAIL_INBOUND_MAX_BYTES") // (1024 * 1024))
                       if error.reason == "too_large" else responses.REFUSED_REASONS["unreadable"])
        responses.refused(message, responses.language_of(headers.subject, None), reason_text, "", None)


def _headers_only(raw: bytes) -> ParsedMessage | None:
    try:
        block = raw[:parsing.limit("MAIL_INBOUND_MAX_HEADERS_BYTES")]
        message = BytesParser(policy=policy.default).parsebytes(block, headersonly=True)
    except (RecursionError, ValueError, TypeError, IndexError):
        return None
    from_name, from_address = parsing.address_of(message, "From")
    return ParsedMessage(message=message, message_id=parsing.header_text(message, "Message-ID")[:255] or None,
                         from_name=from_name, from_address=from_address,
                         subject=" ".join(parsing.header_text(message, "Subject").split())[:1000],
                         recipients=[], text=None, html=None)


def _finish(context: _Context, status: str, reason: str | None, detail: str | None = None) -> None:
    message = context.message
    message.status, message.reason = status, reason
    if detail:
        message.detail = "; ".join(d for d in (detail, message.detail) if d)[:2000]
    current_app.logger.info("inbound message %s from %s: %s (%s)", message.id, message.from_address, status, reason)


def _refuse(context: _Context, reason: str, reason_text, text: str = "") -> None:
    """Refused, and the sender told why (`reason_text`, translatable) with their text given back."""
    _finish(context, "refused", reason, str(reason_text))
    if context.automatic or context.quiet_reason == reason or not responses.may_answer(context.message):
        return
    responses.refused(context.message, context.language, reason_text, text, context.written_to)


def _new_question(context: _Context, body: str, address_tag: str | None) -> None:
    message, parsed = context.message, context.parsed
    assert parsed is not None and message.from_address is not None  # read by process before it gets here
    user = senders.member_for(message.from_address)
    context.language = responses.language_of(f"{parsed.subject}\n{body}", user.locale if user else None)
    draft = drafts.question_draft(parsed, body, address_tag, context.language)
    message.purpose, message.draft = "question", draft.as_dict()
    if user is None:
        user = senders.stage_member(message.from_address, parsed.from_name, draft.language)
    message.user_id, message.user = user.id, user
    if user.is_suspended:
        return _refuse(context, "suspended", responses.REFUSED_REASONS["suspended"], body)
    _post_or_hold(context, user, None, draft, None if senders.is_trusted(user) else "unknown_sender")


def _reply(context: _Context, token_text: str, body: str) -> None:
    message = context.message
    token = reply_addresses.read_token(token_text)
    member = db.session.get(User, token.user_id) if token else None
    context.language = responses.language_of(body, member.locale if member else None)
    if token is None or member is None:
        return _refuse(context, "unknown_token", responses.REFUSED_REASONS["unknown_token"], body)
    post = db.session.get(Post, token.post_id) if token.post_id else None
    message.target_post_id = post.id if post else None
    if token.expired():
        days = int(current_app.config["MAIL_REPLY_TOKEN_DAYS"])
        return _refuse(context, "expired_token", responses.expired(days, _post_link(post) if post else None), body)
    if token.purpose == "none" or post is None:
        return _refuse(context, "no_post", responses.REFUSED_REASONS["no_post"], body)
    draft = drafts.reply_draft(body, context.language)
    message.purpose, message.draft = token.purpose, draft.as_dict()
    message.user_id, message.user = member.id, member
    if member.is_suspended:
        return _refuse(context, "suspended", responses.REFUSED_REASONS["suspended"], body)
    if post.deleted_at is not None:
        return _refuse(context, "post_gone", responses.REFUSED_REASONS["post_gone"], body)
    # From another address than the one the reply address was sent to: never posted as its member unless a
    # moderator confirms it is them (their other address, a colleague's forward).
    hold = "forged_from" if message.from_address != member.email else None
    _post_or_hold(context, member, post, draft, hold or (None if senders.is_trusted(member) else "unknown_sender"))


def _post_link(post: Post) -> str:
    question = question_of(post)
    return absolute_url(links.question_path(question))


def _write(purpose: str | None, author: User, target: Post | None, draft: Draft, allow_personal_data: bool):
    """The web's operation for the purpose: the same validation, limits and checks."""
    if purpose == "question":
        return posts.ask_question(author, draft.title, draft.body, draft.tags, draft.language,
                                  allow_personal_data=allow_personal_data)
    if purpose == "answer":
        if not isinstance(target, Question):
            raise NotAllowed(_l("This post does not take answers."))
        return posts.post_answer(author, target, draft.body, draft.language, allow_personal_data=allow_personal_data)
    assert target is not None  # a reply's post, checked by the callers
    return posts.add_comment(author, target, draft.body, allow_personal_data=allow_personal_data)


def _hold_reason_for_refusal(error: DomainError) -> str | None:
    """Refusals a moderator can resolve hold the message instead: tags to choose, personal data to check."""
    errors = getattr(error, "errors", {error.field: error.message})
    if set(errors) == {"tags"}:
        return "no_tag"
    if set(errors) == {"allow_personal_data"}:
        return "personal_data"
    return None


def _post_or_hold(context: _Context, author: User, target: Post | None, draft: Draft, hold: str | None) -> None:
    """Post now, or (held) only check that it could be posted, inside a savepoint rolled back afterwards."""
    message = context.message
    if not draft.body.strip():
        return _refuse(context, "empty", responses.REFUSED_REASONS["empty"])
    found, context.left_out = pictures.sorted_out(context.parsed, message.purpose)
    savepoint = db.session.begin_nested()
    try:
        with abuse.guarding(True):
            # Held, it is only checked: its pictures wait for the moderator (_hold).
            body = draft.body if hold else pictures.add_to(draft.body, author, found, context.left_out,
                                                           draft.language)
            written = _write(message.purpose, author, target, dataclasses.replace(draft, body=body),
                             allow_personal_data=hold is not None)
    except DomainError as error:
        savepoint.rollback()
        resolvable = _hold_reason_for_refusal(error)
        if resolvable is None or (resolvable == "no_tag" and message.purpose != "question"):
            return _refuse(context, error.code, error.message, draft.body)
        return _hold(context, hold or resolvable)
    if hold is not None:
        savepoint.rollback()
        return _hold(context, hold)
    savepoint.commit()
    _posted(context, written)


def _hold(context: _Context, reason: str) -> None:
    """Held for a moderator, with the pictures they will see (those that could be posted at all)."""
    message = context.message
    found, context.left_out = pictures.sorted_out(context.parsed, message.purpose)
    kept = pictures.kept_for_moderators(found, context.left_out, (message.draft or {}).get("language", "en"))
    message.draft = {**(message.draft or {}), "pictures": kept}
    _finish(context, "held", reason)
    if not context.automatic and responses.may_answer(message):
        responses.held(message, context.language, context.left_out, context.written_to)


def _posted(context: _Context, written) -> None:
    message = context.message
    _record_post(message, written)
    _finish(context, "posted", None)
    if isinstance(written, Question):
        if responses.may_answer(message):
            responses.acknowledge_question(message, written, context.language, context.left_out)
    elif responses.may_answer(message):
        responses.confirm_reply(message, _question_of(message), context.language, context.left_out)


def _record_post(message: InboundMessage, written) -> None:
    if isinstance(written, Question):
        written.created_at = message.received_at  # the care clock starts when the customer wrote
        message.post_id = written.id
    elif isinstance(written, Answer):
        message.post_id = written.id
    else:
        message.comment_id, message.post_id = written.id, written.post_id


def _question_of(message: InboundMessage) -> Question:
    return question_of(db.session.get_one(Post, message.post_id))


# Moderators and administrators -----------------------------------------------------------------------------

def approve(moderator: User, message: InboundMessage, title: str, body: str, tags: str) -> None:
    """Publish a held message as its sender, as the moderator left it (edited or not), with the pictures the
    moderator saw at its end. The moderator vouches for it: new members' limits (pace, links, the image privilege
    and quota) do not apply; the operation's own rules do."""
    permissions.require_moderator(moderator)
    if message.status != "held":
        raise Conflict(_l("This message was already dealt with."))
    original = message.draft or {}
    draft = Draft(title=title.strip(), body=body.strip(), tags=tags.strip(), language=original.get("language", "en"))
    target = db.session.get(Post, message.target_post_id) if message.target_post_id else None
    if message.purpose != "question" and (target is None or target.deleted_at is not None):
        raise Conflict(_l("The post this reply was for has been deleted."))
    author = message.user
    if author is None:
        raise Conflict(_l("The sender's account no longer exists."))
    left_out = pictures.LeftOut()
    with abuse.guarding(False), uploads.vouched_by(moderator):
        draft.body = pictures.add_held(draft.body, message, left_out)
        written = _write(message.purpose, author, target, draft, allow_personal_data=True)
    _record_post(message, written)
    message.status, message.decided_by_id, message.decided_at = "posted", moderator.id, clock.now()
    message.draft = {**draft.as_dict(), "pictures": pictures.held_pictures(message)}
    audit.record(moderator, "email_approved", "email", message.id, "", {"draft": original}, {"draft": message.draft})
    question = _question_of(message)
    if message.from_address and not _never_answer(message):
        responses.published(message, absolute_url(links.question_path(question)), question.title or "",
                            responses.language_of(draft.body, author.locale), left_out)


def reject(moderator: User, message: InboundMessage, reason: str) -> None:
    """Refuse a held message; the sender is told the moderator's reason and given their text back."""
    permissions.require_moderator(moderator)
    if message.status != "held":
        raise Conflict(_l("This message was already dealt with."))
    reason = reason.strip()
    if not 3 <= len(reason) <= 500:
        raise Invalid(_l("Give the sender a reason of 3 to 500 characters."), "reason")
    message.status, message.decided_by_id, message.decided_at = "rejected", moderator.id, clock.now()
    message.detail = reason
    audit.record(moderator, "email_rejected", "email", message.id, reason)
    draft = message.draft or {}
    if message.from_address and not _never_answer(message):
        language = responses.language_of(draft.get("body", ""), message.user.locale if message.user else None)
        responses.rejected(message, reason, draft.get("body", ""), language)


def _never_answer(message: InboundMessage) -> bool:
    """Held because the sender's address is not proven: nothing is sent to it."""
    return message.reason == "not_authenticated"


def process_again(admin: User, message: InboundMessage) -> None:
    """Run a stored message through processing again (after a fix, a new tag, a lifted suspension). A refusal
    for the same reason as before is not sent a second time."""
    permissions.require_admin(admin)
    if message.status not in REPROCESSABLE:
        raise Conflict(_l("Only messages that were not posted, held or recorded as duplicates can be processed "
                          "again."))
    previous = message.reason if message.status == "refused" else None
    for name in ("reason", "detail", "purpose", "draft", "user_id", "target_post_id", "post_id", "comment_id"):
        setattr(message, name, None)
    message.status, message.attempts = "received", message.attempts + 1
    process(message, quiet_reason=previous)


def prune(older_than_days: int) -> int:
    """Forget finished messages received more than this many days ago; held, unprocessed and failed ones
    stay until they are dealt with."""
    cutoff = clock.now() - timedelta(days=older_than_days)
    finished = ("posted", "refused", "dropped", "duplicate", "rejected")
    old = select(InboundMessage.id).where(InboundMessage.received_at < cutoff, InboundMessage.status.in_(finished))
    db.session.execute(update(InboundMessage).where(InboundMessage.duplicate_of_id.in_(old))
                       .values(duplicate_of_id=None), execution_options={"synchronize_session": False})
    return rowcount(db.session.execute(delete(InboundMessage).where(InboundMessage.received_at < cutoff,
                                                                    InboundMessage.status.in_(finished))))
