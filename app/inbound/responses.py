"""What the sender hears back, in the language they wrote in: an acknowledgement with the question's link
and what happens next, a note that a message waits for the brand team, or a refusal that says why and gives
their text back. Never to an automatic message, and at most MAIL_INBOUND_REPLIES_PER_HOUR an hour."""


from flask import current_app
from flask_babel import force_locale

from app import clock, content_language, mail
from app.assistant import email as assistant_email
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.i18n import ngettext
from app.inbound import screening
from app.inbound.pictures import LeftOut
from app.mail import reply_addresses
from app.models import InboundMessage, Question
from app.notifications import links
from app.urls import absolute_url

HELD_REASONS = {
    "unknown_sender": _l("it is the first message from your address, and first messages are checked before "
                         "they are published."),
    "forged_from": _l("it was sent from an address other than the one our e-mail was sent to."),
    "personal_data": _l("it seems to contain personal data (an e-mail address, a phone number or an order "
                        "number), and everyone can read the community."),
    "no_tag": _l("we could not tell which product it is about; the team will choose."),
}
REFUSED_REASONS = {
    "suspended": _l("your account is suspended."),
    "unknown_token": _l("we could not tell which post your reply is for: the reply address is not one of ours "
                        "or was changed."),
    "no_post": _l("this e-mail is not about one post, so a reply to it cannot go anywhere. To reply to one "
                  "entry, use its “Reply by e-mail” link, or write on the site."),
    "post_gone": _l("the post you replied to has been deleted."),
    "empty": _l("we found no text of yours above the quoted message."),
    "unreadable": _l("we could not read it (its format is damaged or too complex). Please send it again as "
                     "plain text."),
}


def expired(days: int, url: str | None):
    if url:
        return _l("the e-mail you replied to is too old to take replies (after %(days)s days). Reply on the "
                  "site instead: %(url)s", days=days, url=url)
    return _l("the e-mail you replied to is too old to take replies (after %(days)s days).", days=days)


def too_large(megabytes: int):
    return _l("it is larger than %(size)s MB. Send the text only, without attachments.", size=megabytes)


def language_of(text: str, fallback: str | None) -> str:
    """The language to answer in: the one the sender wrote in, else theirs, else the site's."""
    languages = current_app.config["LANGUAGES"]
    default = fallback if fallback is not None and fallback in languages else current_app.config["BABEL_DEFAULT_LOCALE"]
    return content_language.detect(text, default) if text.strip() else default


def _brand() -> str:
    return current_app.config.get("BRAND_NAME", "")


def _left_out_note(left_out: LeftOut) -> str:
    """Each picture left out with its reason, then the other files (only pictures are posted)."""
    paragraphs = []
    if left_out.pictures:
        lines = "\n".join(f"- {name}: {reason}" for name, reason in left_out.pictures[:10])
        paragraphs.append(ngettext("This picture could not be added:", "These pictures could not be added:",
                                   len(left_out.pictures)) + "\n" + lines)
    if left_out.others:
        names = ", ".join(a.filename or a.content_type for a in left_out.others[:10])
        paragraphs.append(ngettext("Only pictures can be posted by e-mail, so %(num)s attachment was left out: "
                                   "%(names)s.",
                                   "Only pictures can be posted by e-mail, so %(num)s attachments were left out: "
                                   "%(names)s.", len(left_out.others), names=names))
    return "\n\n".join(paragraphs)


def _send(message: InboundMessage, kind: str, subject: str, text: str, reply_to: str | None) -> None:
    headers = {"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"}
    if message.message_id:
        headers["In-Reply-To"] = headers["References"] = message.message_id
    if reply_to:
        headers["Reply-To"] = reply_to
    assert message.from_address is not None  # only a message with a sender is answered (operations checks)
    mail.queue(message.from_address, subject, text, headers=headers, kind=f"inbound.{kind}",
               user_id=message.user_id)
    message.reply_kind, message.replied_at = kind, clock.now()


def may_answer(message: InboundMessage) -> bool:
    return bool(message.from_address) and screening.may_reply(message.from_address)


def _member(message: InboundMessage):
    """The member the message is filed under, when the answer goes to their own address: nothing about a
    member (their name, their account) is told to another address that used their reply address."""
    user = message.user
    return user if user is not None and user.email == message.from_address else None


def _greeting(message: InboundMessage) -> str:
    member = _member(message)
    return _("Hello %(name)s,", name=member.name) if member else _("Hello,")


def _claim_hint(message: InboundMessage) -> str:
    user = _member(message)
    if user is None or not user.is_staged:
        return ""
    link = absolute_url(links.path_for("sign_in.forgot_password"))
    return _("To log in on the site as %(username)s, choose a password for this address here: %(link)s",
             username=user.username, link=link)


def _suggestions(question: Question) -> str:
    found = assistant_email.suggestions(question)
    if not found:
        return ""
    lines = "\n".join(f"- {title}: {url}" for title, url in found)
    return _("These answers may already help:") + "\n" + lines


def acknowledge_question(message: InboundMessage, question: Question, language: str, left_out: LeftOut) -> None:
    with force_locale(language):
        url = absolute_url(links.question_path(question))
        hours = int(current_app.config["RESPONSE_TARGET_HOURS"])
        paragraphs = [
            _greeting(message),
            _("thank you for writing to the %(brand)s Community. Your question is published:", brand=_brand())
            + f"\n\n{question.title}\n{url}",
            _("What happens next: the community and the %(brand)s team can read it now, and the team aims to "
              "answer within %(hours)s hours. You will get an e-mail when someone answers: reply to that e-mail "
              "to comment or add details.", brand=_brand(), hours=hours),
            _suggestions(question), _left_out_note(left_out), _claim_hint(message),
        ]
        subject = _("Your question is published: %(title)s", title=question.title)
    assert question.author_id is not None  # just published by the sender's member account
    reply_to = reply_addresses.reply_address("comment", question.author_id, question.id)
    _send(message, "acknowledged", subject, _join(paragraphs), reply_to)


def confirm_reply(message: InboundMessage, question: Question, language: str, left_out: LeftOut) -> None:
    """A reply was posted: it is visible where it belongs, so the sender is written to only when something
    of their message was left out."""
    if not left_out:
        return
    with force_locale(language):
        url = absolute_url(links.question_path(question))
        paragraphs = [_greeting(message),
                      _("Your reply is posted: %(url)s", url=url), _left_out_note(left_out)]
        subject = _("Your reply is posted: %(title)s", title=question.title)
    _send(message, "confirmed", subject, _join(paragraphs), None)


def held(message: InboundMessage, language: str, left_out: LeftOut, written_to: str | None) -> None:
    with force_locale(language):
        hours = int(current_app.config["RESPONSE_TARGET_HOURS"])
        paragraphs = [
            _greeting(message),
            _("Your message reached the %(brand)s Community. Before it is published the %(brand)s team checks "
              "it, because %(reason)s", brand=_brand(), reason=HELD_REASONS[message.reason or ""]),
            _("You will get an e-mail when it is published, usually within %(hours)s hours.", hours=hours),
            _left_out_note(left_out), _claim_hint(message),
        ]
        subject = _("Your message is waiting for a check: %(subject)s", subject=_subject(message))
    _send(message, "held", subject, _join(paragraphs), written_to)


def refused(message: InboundMessage, language: str, reason_text, text: str, written_to: str | None) -> None:
    """`reason_text` is translatable (a lazy string): it is read here, in the sender's language."""
    with force_locale(language):
        paragraphs = [
            _greeting(message),
            _("We could not post your message to the %(brand)s Community: %(reason)s", brand=_brand(),
              reason=reason_text),
            _("Reply to this e-mail with the corrected message, or write on the site: %(url)s",
              url=absolute_url("/")),
        ]
        if text.strip():
            paragraphs.append(_("Your text, so that nothing is lost:") + "\n\n" + _quoted(text))
        subject = _("Your message could not be posted: %(subject)s", subject=_subject(message))
    _send(message, "refused", subject, _join(paragraphs), written_to)


def published(message: InboundMessage, url: str, title: str, language: str, left_out: LeftOut) -> None:
    with force_locale(language):
        paragraphs = [_greeting(message),
                      _("The %(brand)s team checked your message and it is published:", brand=_brand())
                      + f"\n\n{title}\n{url}", _left_out_note(left_out), _claim_hint(message)]
        subject = _("Your message is published: %(title)s", title=title)
    _send(message, "approved", subject, _join(paragraphs), None)


def rejected(message: InboundMessage, reason: str, text: str, language: str) -> None:
    with force_locale(language):
        paragraphs = [_greeting(message),
                      _("The %(brand)s team did not publish your message. The reason they gave: %(reason)s",
                        brand=_brand(), reason=reason)]
        if text.strip():
            paragraphs.append(_("Your text, so that nothing is lost:") + "\n\n" + _quoted(text))
        subject = _("Your message was not published: %(subject)s", subject=_subject(message))
    _send(message, "rejected", subject, _join(paragraphs), None)


def _subject(message: InboundMessage) -> str:
    return (message.subject or "").strip()[:120] or "…"


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.strip().split("\n"))


def _join(paragraphs: list[str]) -> str:
    return "\n\n".join(p for p in paragraphs if p) + "\n"

