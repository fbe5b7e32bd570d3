"""Reading a raw message: limits checked on the bytes before parsing, then the headers and parts we use,
decoded whatever their charset claims. Anything that cannot be read raises Unreadable with a reason."""

import codecs
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from flask import current_app

LIMIT_DEFAULTS = {
    "MAIL_INBOUND_MAX_BYTES": 10 * 1024 * 1024,
    "MAIL_INBOUND_MAX_PARTS": 100,
    "MAIL_INBOUND_MAX_DEPTH": 10,
    "MAIL_INBOUND_MAX_HEADER_BYTES": 16 * 1024,  # one header field, continuation lines included
    "MAIL_INBOUND_MAX_HEADERS_BYTES": 256 * 1024,  # the whole header block
}
# Past this an HTML body is cut before it is converted to Markdown (about 1.5 s of conversion at most; no post
# takes more text than that holds).
HTML_MAX_BYTES = 128 * 1024
_HEADERS_END = re.compile(rb"\r?\n\r?\n")
_BOUNDARY = re.compile(rb"""boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))""", re.IGNORECASE)
_CONTENT_TYPE = re.compile(rb"^content-type\s*:", re.IGNORECASE | re.MULTILINE)
_SURROGATES = re.compile(r"[\udc80-\udcff]")


class Unreadable(Exception):
    """A message refused before or while parsing; `reason` is a short code, `detail` what was found."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


@dataclass
class Attachment:
    filename: str
    content_type: str
    size: int
    part: EmailMessage | None = field(default=None, repr=False, compare=False)  # to read its bytes when needed

    def data(self) -> bytes:
        """The part's bytes, decoded from its transfer encoding (b"" when they cannot be read)."""
        try:
            data = self.part.get_payload(decode=True) if self.part is not None else b""
        except (ValueError, TypeError, AssertionError):
            return b""
        return data if isinstance(data, bytes) else b""


@dataclass
class ParsedMessage:
    message: EmailMessage
    message_id: str | None
    from_name: str
    from_address: str | None
    subject: str
    recipients: list[str]  # To, Cc, Delivered-To and X-Original-To, lower-cased
    text: str | None  # the first text/plain body, decoded
    html: str | None  # the first text/html body, decoded (used when there is no plain text)
    attachments: list[Attachment] = field(default_factory=list)
    charset_notes: list[str] = field(default_factory=list)  # how a body was decoded against its label

    def header(self, name: str) -> str:
        return header_text(self.message, name)


def limit(name: str) -> int:
    return int(current_app.config.get(name, LIMIT_DEFAULTS[name]))


def check_limits(raw: bytes) -> None:
    """Refuse on the bytes what would make parsing slow or deep: long headers, too many parts. Cheap: a few
    regular expression passes, no parsing."""
    end = _HEADERS_END.search(raw, 0, limit("MAIL_INBOUND_MAX_HEADERS_BYTES") + 4)
    block = raw[:end.start()] if end else raw[:limit("MAIL_INBOUND_MAX_HEADERS_BYTES") + 1]
    if len(block) > limit("MAIL_INBOUND_MAX_HEADERS_BYTES"):
        raise Unreadable("headers_too_long",
                         f"the header block exceeds {limit('MAIL_INBOUND_MAX_HEADERS_BYTES')} bytes")
    longest = max((len(m.group()) for m in re.finditer(rb"[^\r\n]+(?:\r?\n[ \t][^\r\n]*)*", block)), default=0)
    if longest > limit("MAIL_INBOUND_MAX_HEADER_BYTES"):
        raise Unreadable("header_too_long", f"a header field of {longest} bytes")
    parts = limit("MAIL_INBOUND_MAX_PARTS")
    # Each nested part needs a Content-Type, so their number bounds both the parts and the nesting.
    types = sum(1 for _ in zip(range(2 * parts + 1), _CONTENT_TYPE.finditer(raw), strict=False))
    boundaries = _boundaries(raw, parts)
    delimiters = 0
    if boundaries:
        pattern = re.compile(rb"^--(?:" + b"|".join(re.escape(b) for b in boundaries) + rb")", re.MULTILINE)
        delimiters = sum(1 for _ in zip(range(4 * parts + 1), pattern.finditer(raw), strict=False))
    if types > 2 * parts or delimiters > 4 * parts:
        raise Unreadable("too_many_parts", f"more than {parts} parts")


def _boundaries(raw: bytes, most: int) -> set[bytes]:
    found: set[bytes] = set()
    for match in _BOUNDARY.finditer(raw):
        found.add(match.group(1) or match.group(2))
        if len(found) > most:
            raise Unreadable("too_many_parts", f"more than {most} multipart boundaries")
    return found


def header_text(message: EmailMessage, name: str) -> str:
    """A header's decoded text, '' when absent or unreadable (encoded words in an unknown charset, nesting
    that the header parser cannot follow)."""
    try:
        value = message.get(name)
        text = "" if value is None else str(value)
    except (RecursionError, LookupError, ValueError, TypeError, IndexError, AttributeError):
        # The value as it came, undecoded: better than nothing for a subject, and never parsed again.
        text = next((value for key, value in message.raw_items() if key.lower() == name.lower()), "")
        text = text if isinstance(text, str) else ""
    return _fix_surrogates(text).replace("\x00", "").strip()


def header_texts(message: EmailMessage, name: str) -> list[str]:
    """Every value of a repeated header (Authentication-Results), as text; unreadable ones left out."""
    texts = []
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            texts.append(" ".join(str(value).split()))
    return texts


def address_of(message: EmailMessage, name: str) -> tuple[str, str | None]:
    """(display name, lower-cased address or None) of a header such as From."""
    try:
        display, address = parseaddr(header_text(message, name))
    except (RecursionError, ValueError, TypeError, IndexError):
        return "", None
    return display.strip()[:60], address.strip().lower()[:254] if "@" in address else None


def _fix_surrogates(text: str) -> str:
    """Raw 8-bit bytes in a header arrive as surrogates: read them as UTF-8, else Windows-1252."""
    if not _SURROGATES.search(text):
        return text
    data = text.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def decode_bytes(data: bytes, declared: str | None) -> tuple[str, str | None]:
    """Text from a body's bytes: (text, a note when the label was wrong or unknown).

    A label of ASCII or Latin-1 on bytes that are valid UTF-8 is a common mix-up (UTF-8 read as Latin-1
    shows "Ã¨" for "è"); valid multi-byte UTF-8 almost never occurs by chance in Latin-1 text."""
    name = None
    if declared:
        try:
            name = codecs.lookup(declared.strip().strip('"')).name
        except LookupError:
            name = None
    note = None if name or not declared else f"unknown charset {declared[:40]!r}"
    if name in (None, "ascii", "latin-1", "iso8859-1", "cp1252", "iso8859-15") and not data.isascii():
        try:
            text = data.decode("utf-8")
            if name is not None:
                note = f"labelled {name}, read as utf-8"
            return text, note
        except UnicodeDecodeError:
            pass
    if name is not None:
        try:
            return data.decode(name), note
        except (UnicodeDecodeError, LookupError):
            note = f"not valid {name}"
    try:
        return data.decode("utf-8"), note
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace"), (note or "not valid utf-8") + ", read as windows-1252"


def _part_text(part: EmailMessage) -> tuple[str, str | None]:
    try:
        data = part.get_payload(decode=True) or b""
    except (ValueError, TypeError, AssertionError):
        data = b""
    if not isinstance(data, bytes):
        data = str(data).encode("utf-8", "surrogateescape")
    try:
        declared = part.get_content_charset()
    except (RecursionError, ValueError, LookupError, TypeError):
        declared = None
    text, note = decode_bytes(data, declared)
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n"), note


def _walk(message: EmailMessage):
    """Every part with its depth, iteratively; refuses more parts or deeper nesting than allowed."""
    most, deepest = limit("MAIL_INBOUND_MAX_PARTS"), limit("MAIL_INBOUND_MAX_DEPTH")
    stack, seen = [(message, 0)], 0
    while stack:
        part, depth = stack.pop()
        seen += 1
        if seen > most:
            raise Unreadable("too_many_parts", f"more than {most} parts")
        if depth > deepest:
            raise Unreadable("too_deep", f"parts nested more than {deepest} deep")
        yield part, depth
        if part.is_multipart():
            children = part.get_payload()
            if isinstance(children, list):
                # Parsed with the default policy, every part is an EmailMessage (typeshed allows str).
                stack.extend((child, depth + 1) for child in reversed(children) if isinstance(child, EmailMessage))


def content_type_of(part: EmailMessage) -> str:
    try:
        return part.get_content_type()
    except (RecursionError, ValueError, TypeError, IndexError, AttributeError):
        return "application/octet-stream"


def _read_parts(parsed: ParsedMessage) -> None:
    forwarded_depth = None  # parts inside an attached message/rfc822 belong to that message: attachments
    for part, depth in _walk(parsed.message):
        content_type = content_type_of(part)
        if forwarded_depth is not None and depth <= forwarded_depth:
            forwarded_depth = None
        if content_type == "message/rfc822" and forwarded_depth is None:
            forwarded_depth = depth
            parsed.attachments.append(Attachment(_filename(part) or "message.eml", content_type, 0))
            continue
        if part.is_multipart() or forwarded_depth is not None:
            continue
        try:
            disposition = (part.get_content_disposition() or "").lower()
        except (RecursionError, ValueError, TypeError, IndexError):
            disposition = "attachment"
        if content_type in ("text/plain", "text/html") and disposition != "attachment":
            if content_type == "text/plain" and parsed.text is None:
                parsed.text, note = _part_text(part)
            elif content_type == "text/html" and parsed.html is None:
                parsed.html, note = _part_text(part)
                parsed.html = parsed.html[:HTML_MAX_BYTES]
            else:
                continue
            if note:
                parsed.charset_notes.append(f"{content_type}: {note}")
            continue
        payload = part.get_payload()
        size = len(payload) * 3 // 4 if isinstance(payload, str) else 0
        parsed.attachments.append(Attachment(_filename(part) or "", content_type, size, part))


def _filename(part: EmailMessage) -> str:
    try:
        return (part.get_filename() or "")[:200]
    except (RecursionError, ValueError, TypeError, LookupError, IndexError):
        return ""


def _addresses(message: EmailMessage, *names: str) -> list[str]:
    values = [header_text(message, name) for name in names]
    try:
        pairs = getaddresses([v for v in values if v])
    except (ValueError, TypeError, IndexError):
        return []
    return [address.lower() for _, address in pairs if "@" in address]


def _raw_header(raw: bytes, name: str) -> bytes | None:
    """A header's bytes as received (continuation lines joined), for text sent as raw 8-bit bytes."""
    end = _HEADERS_END.search(raw)
    block = raw[:end.start()] if end else raw
    match = re.search(rb"^" + re.escape(name.encode()) + rb"[ \t]*:[ \t]*([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)", block,
                      re.IGNORECASE | re.MULTILINE)
    return re.sub(rb"\r?\n[ \t]", b" ", match.group(1)) if match else None


def _subject(message: EmailMessage, raw: bytes) -> str:
    """The subject; one sent as raw 8-bit bytes (no encoded words) is read as UTF-8, else Windows-1252."""
    subject = header_text(message, "Subject")
    if "\ufffd" in subject:
        value = _raw_header(raw, "Subject")
        if value is not None and not value.isascii() and b"=?" not in value:
            subject = decode_bytes(value, None)[0]
    return " ".join(subject.split())


def parse(raw: bytes) -> ParsedMessage:
    check_limits(raw)
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
    except (RecursionError, ValueError, TypeError, IndexError) as error:
        raise Unreadable("malformed", f"{type(error).__name__}: {error}"[:300]) from None
    if not isinstance(message, EmailMessage) or not message.keys():
        raise Unreadable("malformed", "no headers")
    from_name, from_address = address_of(message, "From")
    message_id = header_text(message, "Message-ID")[:255] or None
    parsed = ParsedMessage(
        message=message, message_id=message_id, from_name=from_name, from_address=from_address,
        subject=_subject(message, raw)[:1000],
        recipients=_addresses(message, "To", "Cc", "Delivered-To", "X-Original-To"), text=None, html=None)
    try:
        _read_parts(parsed)
    except RecursionError:
        raise Unreadable("too_deep", "the parser could not follow the nesting") from None
    return parsed
