"""Where imported rows came from: makes imports idempotent and carries the licence's attribution."""

from datetime import datetime

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class ImportSource(Model):
    """One row per imported row: (site, kind, id on the site) → local id.

    `site` is the source's host name (e.g. beer.stackexchange.com), so the original question and author
    pages can be linked (CC BY-SA attribution) without another column. `kind` is user, question,
    answer, comment, vote or tag; for placeholder voters the source id is the pool slot.
    """

    __tablename__ = "import_sources"
    __table_args__ = (
        UniqueConstraint("site", "kind", "source_id"),
        Index("ix_import_sources_kind_local_id", "kind", "local_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    site: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[int]
    local_id: Mapped[int]
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
