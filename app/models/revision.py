"""Every version of a post, the first included, so edits can be shown as a history."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime
from app.models.user import User


class Revision(Model):
    __tablename__ = "revisions"
    __table_args__ = (Index("ix_revisions_post_id_number", "post_id", "number", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    number: Mapped[int]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str | None] = mapped_column(String(150))
    body_markdown: Mapped[str] = mapped_column(Text)
    tags: Mapped[str | None] = mapped_column(String(200))  # space-separated names, questions only
    summary: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)

    author: Mapped[User | None] = relationship(lazy="joined")
