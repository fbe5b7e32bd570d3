"""Uploading an image, keeping track of the posts that show images, and a moderator removing one.

Each flushes and never commits. Files reach the storage before the commit: with the database backend they are in
the same transaction; on the filesystem a failed transaction leaves a file no row names, which `flask uploads gc`
deletes after the grace period.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from app import abuse, audit, clock, permissions
from app.errors import Conflict, Invalid
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.models import Image, ImageFile, Post, PostImage, User
from app.reputation import privileges
from app.uploads import processing, rendering, storage


@dataclass(frozen=True)
class Upload:
    """Bytes sent for one image, and what the sender called the file (only to name it in a refusal)."""

    data: bytes
    filename: str = ""


# The addresses of images uploaded on a moderator's word while `vouched_by` is open; None outside it.
_vouched: ContextVar[set[str] | None] = ContextVar("uploads_vouched", default=None)


@contextmanager
def vouched_by(moderator: User) -> Iterator[None]:
    """Inside, images are uploaded on a moderator's word (a held e-mail's photos, which they saw before
    publishing it): the author's image privilege and daily quota do not apply, and the post written inside may
    show those images. Everything else (processing, limits, removed pictures) applies as always."""
    permissions.require_moderator(moderator)
    token = _vouched.set(set())
    try:
        yield
    finally:
        _vouched.reset(token)


def limits() -> processing.Limits:
    config = current_app.config
    return processing.Limits(max_bytes=config["UPLOADS_MAX_BYTES"], max_pixels=config["UPLOADS_MAX_PIXELS"],
                             max_side=config["UPLOADS_MAX_SIDE"], display_size=config["UPLOADS_DISPLAY_SIZE"],
                             smaller_widths=tuple(config["UPLOADS_SMALLER_WIDTHS"]))


def upload_image(user: User, upload: Upload) -> Image:
    """Store an image re-encoded (the same picture again is the image already stored). Needs the image privilege
    and counts against the member's daily quota, refused or not, so refusals cost the sender as much as uploads."""
    vouched = _vouched.get()
    if vouched is None:
        privileges.require(user, "image.post")
        abuse.count_image_upload(user)
    try:
        processed = processing.process(upload.data, limits())
    except Invalid as refusal:
        if upload.filename:
            raise Invalid(_l("%(file)s: %(problem)s", file=shown_name(upload.filename), problem=refusal.message),
                          refusal.field) from None
        raise
    image = _stored_image(processed.display.sha256)
    if image is None:
        image = _add_image(user, processed)
        files = storage.backend()
        for row, encoded in zip(image.files, processed.files, strict=True):
            files.put(row.key, encoded.data)
    elif image.removed_at is not None:
        raise Invalid(_l("This picture was removed by the moderators and cannot be posted again."), "image")
    if vouched is not None:
        vouched.add(image.path)
    return image


def shown_name(filename: str) -> str:
    """A file's name as the refusal names it: its last part, printable, short."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable())
    return name[:60] or "?"


def _stored_image(sha256: str) -> Image | None:
    return db.session.scalar(select(Image).where(Image.sha256 == sha256))


def _add_image(user: User, processed: processing.Processed) -> Image:
    image = Image(sha256=processed.display.sha256, format=processed.format, width=processed.display.width,
                  height=processed.display.height, uploaded_by_id=user.id, created_at=clock.now(),
                  files=[ImageFile(sha256=f.sha256, width=f.width, height=f.height, byte_size=len(f.data))
                         for f in processed.files])
    try:
        with db.session.begin_nested():  # the same picture uploaded at the same moment by someone else
            db.session.add(image)
    except IntegrityError:
        existing = _stored_image(processed.display.sha256)
        if existing is None:
            raise
        return existing
    return image


def show_images(writer: User, post: Post, before_html: str = "") -> None:
    """After a post's text is written: the images it shows are the ones recorded for it (an image is served while
    a public post shows it). Refuses, for the post's form, images that are not here or were removed, uploaded
    images without a description, and any image the text newly shows if the writer lacks the image privilege."""
    if rendering.sources(post.body_html) - rendering.sources(before_html) - (_vouched.get() or set()) and \
            not privileges.has(writer, "image.post"):
        raise Invalid(_l("Images need %(rep)s reputation (you have %(have)s): link to the picture for now. "
                         "The privileges page explains how to earn it.",
                         rep=privileges.threshold("image.post"), have=writer.reputation), "body")
    shown = rendering.images_in(post.body_html)
    images = {image.sha256: image for image in db.session.scalars(
        select(Image).where(Image.sha256.in_([s.sha256 for s in shown]), Image.removed_at.is_(None)))} if shown else {}
    if any(s.sha256 not in images for s in shown):
        raise Invalid(_l("An image in the text is no longer here (removed, or never finished uploading): add the "
                         "picture again."), "body")
    if any(not s.alt.strip() for s in shown):
        raise Invalid(_l("Describe each image for people who cannot see it: write what it shows between the "
                         "square brackets, like ![The display shows E04](…)."), "body")
    _record(post, {image.id for image in images.values()})


def _record(post: Post, image_ids: set[int]) -> None:
    recorded = set(db.session.scalars(select(PostImage.image_id).where(PostImage.post_id == post.id)))
    if recorded - image_ids:
        db.session.execute(delete(PostImage).where(PostImage.post_id == post.id,
                                                   PostImage.image_id.in_(recorded - image_ids)))
    db.session.add_all(PostImage(post_id=post.id, image_id=image_id) for image_id in sorted(image_ids - recorded))
    db.session.flush()


def take_down(moderator: User, post: Post, image: Image, reason: str = "") -> list[Post]:
    """A moderator takes an image shown in `post` down: it is never served again (nor accepted again), and the
    audit log names the post acted on. Returns every post showing it, for the caller to take it out of their
    text (app/questions/operations.py `remove_image`)."""
    permissions.require_moderator(moderator)
    showing = db.session.scalars(select(Post).join(PostImage, PostImage.post_id == Post.id)
                                 .where(PostImage.image_id == image.id).order_by(Post.id)).all()
    if image.removed_at is not None or post not in showing:
        raise Conflict(_l("This image is not in this post any more."))
    image.removed_at, image.removed_by_id = clock.now(), moderator.id
    audit.record(moderator, "remove_image", "post", post.id, reason, {"image": image.path}, {"image": None})
    return list(showing)
