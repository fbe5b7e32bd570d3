"""Uploaded images in posts: found in a post's sanitised HTML, given their size, smaller copies and lazy loading
(app/markup.py calls `dress` on every post it renders), written as Markdown, and taken out of a post's text.

The HTML read here is the sanitiser's output, where every attribute value is double-quoted and a quote inside
one is an entity, so a tag's attributes are read exactly; what `dress` adds is built only from the stored image
(numbers and hashes), never from the text.
"""

import html
import re
from dataclasses import dataclass

from flask import has_app_context
from sqlalchemy import select

from app.extensions import db
from app.models import Image, ImageFile
from app.models.image import EXTENSIONS

PATH = re.compile(r"/uploads/([0-9a-f]{64})\.(jpg|png|webp)")
IMG_TAG = re.compile(r'<img((?:\s+[^\s="\'<>/]+(?:="[^"]*")?)*)\s*/?>')
ATTRIBUTE = re.compile(r'\s+([^\s="\'<>/]+)(?:="([^"]*)")?')
# The post column is at most this wide on a desktop; on a phone an image takes the screen's width.
SIZES = "(max-width: 760px) 100vw, 720px"


@dataclass(frozen=True)
class ShownImage:
    sha256: str
    path: str
    alt: str  # the description as text (the HTML's entities read)


def images_in(post_html: str) -> list[ShownImage]:
    """The uploaded images a post's HTML shows, in order, each once."""
    found: dict[str, ShownImage] = {}
    for tag in IMG_TAG.finditer(post_html):
        attributes = dict(ATTRIBUTE.findall(tag.group(1)))
        source = PATH.fullmatch(attributes.get("src", ""))
        if source and source.group(1) not in found:
            alt = html.unescape(attributes.get("alt", ""))
            found[source.group(1)] = ShownImage(source.group(1), source.group(0), alt)
    return list(found.values())


def sources(html: str) -> set[str]:
    """The address of every image the HTML shows, uploaded here or not."""
    return {dict(ATTRIBUTE.findall(tag.group(1))).get("src", "") for tag in IMG_TAG.finditer(html)}


def dress(html: str) -> str:
    """Width and height (nothing shifts while it loads), the smaller copies for phones and lazy loading, for
    every uploaded image in the HTML that is here; others are left as they are (a post naming one is refused)."""
    if "/uploads/" not in html or not has_app_context():
        return html
    names = {image.sha256 for image in images_in(html)}
    if not names:
        return html
    rows = db.session.execute(
        select(Image.sha256, Image.format, ImageFile.sha256, ImageFile.width, ImageFile.height)
        .join(ImageFile, ImageFile.image_id == Image.id)
        .where(Image.sha256.in_(sorted(names)), Image.removed_at.is_(None))
        .order_by(ImageFile.width)).all()
    files: dict[str, list[tuple[str, int, int]]] = {}
    for name, image_format, file_name, width, height in rows:
        files.setdefault(name, []).append((f"/uploads/{file_name}.{EXTENSIONS[image_format]}", width, height))
    return IMG_TAG.sub(lambda tag: _dressed(tag, files), html)


def _dressed(tag: re.Match, files: dict[str, list[tuple[str, int, int]]]) -> str:
    attributes = dict(ATTRIBUTE.findall(tag.group(1)))
    source = PATH.fullmatch(attributes.get("src", ""))
    versions = files.get(source.group(1)) if source else None
    if not versions:
        return tag.group(0)
    _, width, height = versions[-1]  # the display file: the largest
    srcset = ", ".join(f"{path} {w}w" for path, w, _ in versions)
    added = (f' width="{width}" height="{height}" loading="lazy" decoding="async"'
             + (f' srcset="{srcset}" sizes="{SIZES}"' if len(versions) > 1 else ""))
    return "<img" + added + tag.group(0)[len("<img"):]


def markdown_for(image: Image, description: str) -> str:
    """The Markdown that shows an image, its description kept to one line and its brackets escaped."""
    text = " ".join(description.split())
    text = re.sub(r"([\\\[\]])", r"\\\1", text)
    return f"![{text}]({image.path})"


def without_image(markdown: str, image: Image) -> str:
    """The text with every way it shows the image taken out: Markdown images, HTML tags, then any address of
    one of its files that is left (a reference definition, a link)."""
    paths = [re.escape(f"/uploads/{file.key}") for file in image.files] or [re.escape(image.path)]
    address = "(?:" + "|".join(paths) + ")"
    text = re.sub(r"!\[(?:\\.|[^\]\\])*\]\(\s*<?" + address + r'>?(?:\s+"[^"]*")?\s*\)', "", markdown)
    text = re.sub(r"<img\b[^<>]*" + address + r"[^<>]*>", "", text, flags=re.IGNORECASE)
    return re.sub(address, "", text)



def described(image: Image) -> dict:
    """An uploaded image as the editor's script and the API receive it."""
    smallest = image.files[0] if image.files else None
    return {"url": image.path, "width": image.width, "height": image.height,
            "thumbnail_url": f"/uploads/{smallest.key}" if smallest else image.path,
            "markdown": markdown_for(image, "")}
