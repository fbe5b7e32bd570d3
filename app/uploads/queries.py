"""Reads: whether a stored file may be served, and to whom; an image by its name."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from flask import abort, current_app
from sqlalchemy import Exists, Select, SQLColumnExpression, bindparam, exists, func, select
from sqlalchemy.orm import aliased

from app import clock
from app.extensions import db
from app.models import Image, ImageFile, Post, PostImage
from app.models.image import CONTENT_TYPES, EXTENSIONS

SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class FileState:
    key: str
    content_type: str
    public: bool  # a public post shows it: anyone, cached anywhere for as long as caches keep things
    fresh: bool  # shown by no post yet, uploaded within the grace period (the writer's editor and preview)


def _public_post_shows(image_id: SQLColumnExpression[int]) -> Exists:
    """A post that is neither deleted nor hidden, on a question that is neither, shows the image."""
    question = aliased(Post)
    return exists().where(PostImage.image_id == image_id, Post.id == PostImage.post_id,
                          Post.deleted_at.is_(None), Post.hidden_at.is_(None),
                          question.id == func.coalesce(Post.parent_id, Post.id),
                          question.deleted_at.is_(None), question.hidden_at.is_(None))


def file_state(sha256: str, extension: str) -> FileState | None:
    """One statement: the file, its image and whether a public post shows it (a file two images share is served
    by the one that may be)."""
    row = db.session.connection().execute(_file_state_statement(), {"sha256": sha256}).first()
    if row is None or EXTENSIONS[row.format] != extension:
        return None
    return FileState(key=f"{sha256}.{extension}", content_type=CONTENT_TYPES[row.format], public=bool(row.public),
                     fresh=not row.attached and row.created_at > grace_start())


@cache
def _file_state_statement() -> Select:
    """Built once: building the correlated statement took most of an image response's time (5 of 7 ms)."""
    public = _public_post_shows(Image.id).label("public")
    attached = exists().where(PostImage.image_id == Image.id).label("attached")
    return (select(Image.format, Image.created_at, public, attached)
            .join(ImageFile, ImageFile.image_id == Image.id)
            .where(ImageFile.sha256 == bindparam("sha256"), Image.removed_at.is_(None))
            .order_by(public.desc()).limit(1))


def public_file_statement() -> Select:
    """The format of the image whose file has this hash, when a public post shows it (served in front of the app:
    app/uploads/serving.py)."""
    return (select(Image.format).join(ImageFile, ImageFile.image_id == Image.id)
            .where(ImageFile.sha256 == bindparam("sha256"), Image.removed_at.is_(None), _public_post_shows(Image.id))
            .limit(1))


def grace_start() -> datetime:
    """Images uploaded since then and shown by no post are kept (and served to the writer's editor)."""
    return clock.now() - timedelta(hours=float(current_app.config["UPLOADS_GRACE_HOURS"]))


def get_image(sha256: str) -> Image:
    image = db.session.scalar(select(Image).where(Image.sha256 == sha256)) if SHA256.fullmatch(sha256) else None
    return image or abort(404)
