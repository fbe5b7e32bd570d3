"""What a received message would post: a title from the subject, the cleaned body, tags from the address
or found in the text, and the language read from the text."""

import re
from dataclasses import asdict, dataclass

from flask import current_app
from sqlalchemy import select

from app import content_language
from app.extensions import db
from app.inbound import cleaning
from app.inbound.parsing import ParsedMessage
from app.models import Tag
from app.questions.operations import MAX_TAGS, TITLE_LENGTH

_PREFIX = re.compile(r"^\s*(?:(?:re|r|rif|fwd?|i|inoltro|aw|sv|wg|tr)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_FORWARD_SUBJECT = re.compile(r"^\s*(?:fwd?|i|inoltro|wg|tr)\s*:", re.IGNORECASE)
_WORDS = re.compile(r"[^\w]+")


@dataclass
class Draft:
    title: str
    body: str
    tags: str
    language: str

    def as_dict(self) -> dict:
        return asdict(self)


def is_forward(subject: str) -> bool:
    return bool(_FORWARD_SUBJECT.match(subject))


def body_of(parsed: ParsedMessage) -> str:
    """The sender's words as Markdown; the HTML body only when there is no plain text."""
    if parsed.text is not None and parsed.text.strip():
        source = parsed.text
    elif parsed.html:
        source = cleaning.html_to_markdown(parsed.html)
    else:
        source = ""
    return cleaning.new_text(source, forward=is_forward(parsed.subject))


def title_of(subject: str, body: str) -> str:
    """The subject without Re:/Fwd:/R:/I: prefixes; when that is too short for a title, the body's first
    sentence (cut at a word) if it is long enough."""
    title = _PREFIX.sub("", subject).strip()
    low, high = TITLE_LENGTH
    if len(title) < low:
        first = re.split(r"(?<=[.?!])\s|\n", body.strip(), maxsplit=1)[0].strip(" #>*")
        if len(first) >= low:
            title = first
    if len(title) > high:
        title = title[:high - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return title


def address_tags() -> dict[str, str]:
    """MAIL_INBOUND_TAGS: {"duo@example.com": "aurora-duo"}, or the string "duo@example.com=aurora-duo,…"."""
    setting = current_app.config.get("MAIL_INBOUND_TAGS") or {}
    if isinstance(setting, str):
        pairs = (item.split("=", 1) for item in setting.split(",") if "=" in item)
        setting = {address: tag for address, tag in pairs}
    return {address.strip().lower(): tag.strip().lower() for address, tag in setting.items()}


def suggest_tags(text: str) -> list[str]:
    """Tags whose name appears in the text ("aurora-one" as "Aurora One" or "aurora-one"), most used first."""
    words = f" {' '.join(_WORDS.split(text.lower()))} "
    rows = db.session.execute(select(Tag.name, Tag.question_count))
    found = [(count, name) for name, count in rows if f" {' '.join(_WORDS.split(name))} " in words]
    return [name for _, name in sorted(found, key=lambda item: (-item[0], item[1]))[:MAX_TAGS]]


def question_draft(parsed: ParsedMessage, body: str, address_tag: str | None, fallback_language: str) -> Draft:
    title = title_of(parsed.subject, body)
    tags = [address_tag] if address_tag else suggest_tags(f"{title}\n{body}")
    if not tags and current_app.config.get("MAIL_INBOUND_DEFAULT_TAGS"):
        tags = str(current_app.config["MAIL_INBOUND_DEFAULT_TAGS"]).replace(",", " ").split()
    language = content_language.detect(f"{title}\n{body}", fallback_language)
    return Draft(title=title, body=body, tags=" ".join(tags), language=language)


def reply_draft(body: str, fallback_language: str) -> Draft:
    return Draft(title="", body=body, tags="", language=content_language.detect(body, fallback_language))
