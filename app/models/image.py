"""Pictures uploaded into posts: the image, its files (display size and smaller copies), the posts that show it,
and the files themselves when they are kept in the database (the shared storage; app/uploads/storage.py)."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime

CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp"}


class Image(Model):
    """One picture as re-encoded here (never as it was sent), named by the SHA-256 of its display file: the same
    picture uploaded twice is one row. `removed_at`: a moderator took it down; it is never served again, and an
    upload of the same picture is refused."""

    __tablename__ = "images"
    __table_args__ = (Index("ix_images_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str] = mapped_column(String(8))  # a key of CONTENT_TYPES
    width: Mapped[int]  # of the display file
    height: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    removed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    files: Mapped[list["ImageFile"]] = relationship(back_populates="image", order_by="ImageFile.width",
                                                    cascade="all, delete-orphan", passive_deletes=True)

    @property
    def path(self) -> str:
        """The display file's address, the one a post's Markdown names."""
        return f"/uploads/{self.sha256}.{EXTENSIONS[self.format]}"


class ImageFile(Model):
    """One stored file of an image (the display size, or a smaller copy for phones and thumbnails), named by the
    SHA-256 of its own bytes: `flask uploads check` reads each back and compares. Two images may share a file
    (a smaller copy of one uploaded as another): the file is deleted with the last row naming it."""

    __tablename__ = "image_files"

    image_id: Mapped[int] = mapped_column(ForeignKey("images.id", ondelete="CASCADE"), primary_key=True)
    width: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    height: Mapped[int]
    byte_size: Mapped[int]

    image: Mapped[Image] = relationship(back_populates="files")

    @property
    def key(self) -> str:
        """Its name in storage and in its address."""
        return f"{self.sha256}.{EXTENSIONS[self.image.format]}"


class PostImage(Model):
    """A post shows an image: read from the post's text whenever it is written (app/uploads/operations.py
    `attach_to_post`), so derived, and rebuilt by `flask uploads check --repair`. An image is served while a
    post showing it is public."""

    __tablename__ = "post_images"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    image_id: Mapped[int] = mapped_column(ForeignKey("images.id", ondelete="CASCADE"), primary_key=True, index=True)


class StoredFile(Model):
    """A file kept in the database (storage "database": bytea on PostgreSQL, so every app server reads the same
    files and backups hold them); unused with the filesystem storage."""

    __tablename__ = "stored_files"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
