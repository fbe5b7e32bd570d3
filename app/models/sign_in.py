"""How members sign in besides a password: accounts at an OpenID provider linked to them, a second factor (TOTP
and its recovery codes, security keys and passkeys), and the sessions each sign-in opened."""

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import Model
from app.models.types import UTCDateTime


class LinkedIdentity(Model):
    """A member's account at an OpenID provider, named by the provider's key in the configuration and the
    provider's subject (`sub`), which never changes for that account (an e-mail address may)."""

    __tablename__ = "linked_identities"
    __table_args__ = (UniqueConstraint("provider", "subject"), UniqueConstraint("user_id", "provider"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    provider: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(255))
    # The address the provider last asserted (shown in the settings; the member's own address is users.email).
    email: Mapped[str | None] = mapped_column(String(254))
    # The role the provider's groups gave at the last sign-in, so a role given by hand is never taken away by
    # a provider, and one the provider gave is taken away when its group is.
    granted_role: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TwoFactorSecret(Model):
    """A member's TOTP secret (RFC 6238), encrypted with a key derived from SECRET_KEY. Unconfirmed until the
    member has typed a first code from it; only a confirmed one is asked for at sign-in."""

    __tablename__ = "two_factor_secrets"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    secret_encrypted: Mapped[str] = mapped_column(String(255))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The time step of the last code accepted: a code is refused unless its step is later, so a code seen
    # over someone's shoulder cannot be used again within its window.
    last_used_step: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class RecoveryCode(Model):
    """A single-use code for when the authenticator is lost. Only a SHA-256 of the code is kept: codes carry 60
    random bits, so the hash cannot be reversed."""

    __tablename__ = "recovery_codes"
    __table_args__ = (Index("ix_recovery_codes_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SecurityKey(Model):
    """A security key or passkey (WebAuthn) a member with two-factor sign-in added, usable instead of a code.
    `credential` is the authenticator's attested credential data (its id and public key, as the library parses
    it); `sign_count` the highest signature counter seen, so a copied key whose counter lags is refused."""

    __tablename__ = "security_keys"
    __table_args__ = (Index("ix_security_keys_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(60))
    credential_id: Mapped[bytes] = mapped_column(LargeBinary, unique=True)
    credential: Mapped[bytes] = mapped_column(LargeBinary)
    sign_count: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebAuthnChallenge(Model):
    """A challenge sent to a browser for one WebAuthn ceremony ("register" or "sign_in"). The session names the
    row; the answer must sign this challenge, and the row is deleted when it is used, so a replayed session
    cookie or answer finds nothing. Rows older than their lifetime decide nothing and are pruned."""

    __tablename__ = "webauthn_challenges"
    __table_args__ = (Index("ix_webauthn_challenges_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(16))
    challenge: Mapped[str] = mapped_column(String(64))  # base64url, as sent
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)


class UserSession(Model):
    """A signed-in browser, for the member's sessions page. Its random key is part of the Flask-Login id (with
    users.session_token): deleting the row ends that session, rotating the user's token ends them all."""

    __tablename__ = "user_sessions"
    __table_args__ = (Index("ix_user_sessions_user_id_last_seen_at", "user_id", "last_seen_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(32), unique=True)
    method: Mapped[str] = mapped_column(String(48))  # "password", or "oidc:<provider>"
    user_agent: Mapped[str] = mapped_column(String(255), default="", server_default="")
    address: Mapped[str] = mapped_column(String(64), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    # Updated at most every few minutes (app.sessions.operations.LAST_SEEN_PRECISION): page views stay reads.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
