"""Pictures sent with a received message, attached or inline: uploaded as the author's images through the web's
path (re-encoded, limits, allowed kinds, the image privilege and daily quota) and shown at the end of the post,
each described by its file's name. A held message's pictures are checked when it is held, shown only to
moderators (re-encoded from the stored message, never stored as images) and uploaded on the moderator's word
when they publish it. What is refused or is not a picture is listed, with the reason, in the reply."""

import dataclasses
import re
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import force_locale

from app.errors import DomainError
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.inbound import parsing
from app.inbound.parsing import Attachment, ParsedMessage
from app.models import InboundMessage, User
from app.uploads import operations as uploads
from app.uploads import processing, rendering

# Some programs send photos as application/octet-stream: their name says what they are. SVG and the like are
# pictures too, refused by processing with the allowed kinds named.
PICTURE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".heif", ".svg", ".bmp", ".tif", ".tiff")
# Words that cameras, phones and mail programs put in a file's name: a name made of these and numbers says
# nothing of what the picture shows.
GENERIC_WORDS = frozenset({
    "img", "image", "images", "dsc", "dscn", "dscf", "pxl", "mvimg", "gopr", "sam", "wp", "photo", "photos", "foto",
    "picture", "pic", "pics", "screenshot", "screen", "shot", "schermata", "whatsapp", "telegram", "signal", "at",
    "am", "pm", "alle", "jpeg", "jpg", "png", "heic", "scan", "scansione", "attachment", "allegato", "immagine",
    "untitled", "senza", "titolo", "file", "camera", "burst", "edited", "copy", "copia", "outlook", "unnamed",
})
PREVIEW_SIZE = 800  # the longest side of a held picture as moderators see it


@dataclass
class LeftOut:
    """What of a message's attachments did not reach the post, for the reply: pictures with the reason each was
    refused (a translatable string, read in the sender's language), and other files (only pictures are posted)."""

    pictures: list[tuple[str, object]] = field(default_factory=list)
    others: list[Attachment] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.pictures or self.others)


@dataclass(frozen=True)
class Picture:
    index: int  # its place among the message's attachments, to find it again in the stored message
    attachment: Attachment
    number: int  # 1, 2 … among the message's pictures, for a description when its name says nothing


def is_picture(attachment: Attachment) -> bool:
    return attachment.content_type.startswith("image/") or attachment.filename.lower().endswith(PICTURE_EXTENSIONS)


def name_of(attachment: Attachment) -> str:
    return uploads.shown_name(attachment.filename) if attachment.filename else attachment.content_type


def sorted_out(parsed: ParsedMessage | None, purpose: str | None) -> tuple[list[Picture], LeftOut]:
    """The pictures to post and what is left out: other files, pictures past UPLOADS_MAX_FILES (each costs up to
    a second of processing: a message's work stays bounded), and every picture of a comment."""
    attachments = parsed.attachments if parsed else []
    found = [(index, a) for index, a in enumerate(attachments) if is_picture(a)]
    left_out = LeftOut(others=[a for a in attachments if not is_picture(a)])
    most = int(current_app.config["UPLOADS_MAX_FILES"])
    if purpose == "comment":
        reason, most = _l("comments show no pictures. Add it to your question or answer on the site."), 0
    else:
        reason = _l("at most %(most)s pictures are posted from one message.", most=most)
    left_out.pictures += [(name_of(a), reason) for _, a in found[most:]]
    return [Picture(index, a, number) for number, (index, a) in enumerate(found[:most], 1)], left_out


def description(picture: Picture) -> str:
    """The image's description: its file's name when that says something ("water under the tray.jpg"), else
    "Photo N sent by e-mail" in the current language (the post's)."""
    stem = picture.attachment.filename.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    words = " ".join("".join(c for c in re.sub(r"[_.]+|(?<=\w)-(?=\w)", " ", stem) if c.isprintable()).split())
    if any(len(w) > 1 and w.lower() not in GENERIC_WORDS for w in re.findall(r"[^\W\d_]+", words)):
        return (words[:1].upper() + words[1:])[:120]
    return _("Photo %(number)s sent by e-mail", number=picture.number)


def add_to(body: str, author: User, pictures: list[Picture], left_out: LeftOut, language: str) -> str:
    """The body with every picture that could be uploaded as the author's image shown at its end, in order;
    refusals (kind, size, pixels, privilege, quota) are added to `left_out`."""
    shown = []
    with force_locale(language):
        for picture in pictures:
            try:
                image = uploads.upload_image(author, uploads.Upload(picture.attachment.data()))
            except DomainError as refusal:
                left_out.pictures.append((name_of(picture.attachment), refusal.message))
                continue
            shown.append(rendering.markdown_for(image, description(picture)))
    return "\n\n".join([body, *shown]) if shown else body


def kept_for_moderators(pictures: list[Picture], left_out: LeftOut, language: str) -> list[dict]:
    """A held message's pictures, each processed as an upload would be (kind, size, pixels) but not stored:
    those refused are left out now, the others are listed in the draft for the moderator."""
    kept = []
    with force_locale(language):
        for picture in pictures:
            try:
                processed = processing.process(picture.attachment.data(), uploads.limits())
            except DomainError as refusal:
                left_out.pictures.append((name_of(picture.attachment), refusal.message))
                continue
            kept.append({"index": picture.index, "number": picture.number, "description": description(picture),
                         "width": processed.display.width, "height": processed.display.height})
    return kept


def held_pictures(message: InboundMessage) -> list[dict]:
    return list((message.draft or {}).get("pictures") or [])


def _attachment(message: InboundMessage, index: int) -> Attachment:
    return parsing.parse(message.raw_message).attachments[index]


def preview(message: InboundMessage, place: int) -> processing.Processed | None:
    """The held message's picture at `place` in its draft, re-encoded at the preview size (nothing of the file as
    sent is served), or None."""
    pictures = held_pictures(message)
    if not 0 <= place < len(pictures):
        return None
    bounds = dataclasses.replace(uploads.limits(), display_size=PREVIEW_SIZE, smaller_widths=())
    try:
        return processing.process(_attachment(message, pictures[place]["index"]).data(), bounds)
    except (DomainError, parsing.Unreadable, IndexError):
        return None


def add_held(body: str, message: InboundMessage, left_out: LeftOut) -> str:
    """At approval, inside `uploads.vouched_by(moderator)`: the pictures the moderator saw, uploaded as the
    sender's images at the end of the body, with the descriptions given when the message was held."""
    shown: list[str] = []
    if message.user is None:  # a held message always has its (staged) sender; nothing to attach without one
        return body
    attachments = parsing.parse(message.raw_message).attachments if held_pictures(message) else []
    for picture in held_pictures(message):
        attachment = attachments[picture["index"]]
        try:
            image = uploads.upload_image(message.user, uploads.Upload(attachment.data()))
        except DomainError as refusal:
            left_out.pictures.append((name_of(attachment), refusal.message))
            continue
        shown.append(rendering.markdown_for(image, picture["description"]))
    return "\n\n".join([body, *shown]) if shown else body
