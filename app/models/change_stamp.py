"""Numbers moved by every committed change to a set of tables, so that a process can tell, by reading one row,
whether what it keeps about those tables (a list's total) still holds on the database another server writes to."""

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import Model


class ChangeStamp(Model):
    __tablename__ = "change_stamps"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    # Moved by one in the same transaction as the change, just before it commits.
    value: Mapped[int] = mapped_column(BigInteger, default=0)
