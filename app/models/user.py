"""Members, moderators and admins."""

import secrets
from datetime import datetime
from typing import cast

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import Model
from app.models.sign_in import LinkedIdentity
from app.models.types import UTCDateTime

ROLES = ("member", "moderator", "admin")


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(UserMixin, Model):  # type: ignore[misc]  # Flask-Login publishes no types
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('member', 'moderator', 'admin')", name="role"),
        CheckConstraint("reputation >= 1", name="reputation_floor"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30))
    # Lower-cased username: makes usernames unique case-insensitively on every database.
    username_key: Mapped[str] = mapped_column(String(30), unique=True)
    # Stored normalised (see accounts.operations.normalise_email).
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(60))
    about: Mapped[str] = mapped_column(String(500), default="", server_default="")
    role: Mapped[str] = mapped_column(String(16), default="member", server_default="member")
    locale: Mapped[str | None] = mapped_column(String(8))
    # Caches of the reputation ledger, kept in the same transaction as each ledger row and rebuilt by
    # `flask reputation recompute`: the ledger's sum, and reputation = max(1, 1 + that sum).
    ledger_total: Mapped[int] = mapped_column(default=0, server_default="0")
    reputation: Mapped[int] = mapped_column(default=1, server_default="1")
    # Caches of badge awards by tier, for the compact counts next to names; rebuilt by `flask badges backfill`.
    gold_badges: Mapped[int] = mapped_column(default=0, server_default="0")
    silver_badges: Mapped[int] = mapped_column(default=0, server_default="0")
    bronze_badges: Mapped[int] = mapped_column(default=0, server_default="0")
    # An account standing for someone unknown (an import's anonymous voters): it cannot log in, and is kept
    # out of the member list, user search, badges and leaderboards.
    is_placeholder: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Rotated at log-out and password change so copies of an old session cookie stop working.
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspension_reason: Mapped[str | None] = mapped_column(String(500))

    # Accounts at OpenID providers this member signs in with (app/oidc).
    linked_identities: Mapped[list[LinkedIdentity]] = relationship(
        lazy="select", viewonly=True, order_by="LinkedIdentity.provider")

    # The key of the signed-in session this object was loaded for (app.sessions), not a column: typed by a cast,
    # as the ORM takes every annotated class attribute for a column.
    current_session_key = cast(str | None, None)

    def get_id(self) -> str:
        key = self.current_session_key
        return f"{self.id}:{self.session_token}" + (f":{key}" if key else "")

    @property
    def is_moderator(self) -> bool:
        return self.role in ("moderator", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > clock.now()

    @property
    def is_staged(self) -> bool:
        """Known only by an address (an account made for an e-mail's sender, or an import given one): it
        cannot log in until the address is claimed through the password reset, which sets a password, or through
        an OpenID provider that vouches for the address."""
        return bool(self.email) and not self.password_hash and not self.is_placeholder and not self.linked_identities

    @property
    def name(self) -> str:
        return self.display_name or self.username

    def __repr__(self) -> str:
        return f"<User {self.username}>"
