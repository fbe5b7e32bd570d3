"""Reads about a member's second factor."""

from dataclasses import dataclass
from datetime import datetime

from flask import abort
from sqlalchemy import func, select

from app.extensions import db
from app.models import User
from app.models.sign_in import RecoveryCode, SecurityKey, TwoFactorSecret


@dataclass(frozen=True)
class SecurityKeyRow:
    """A security key as the settings page lists it."""

    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


def is_on(user: User) -> bool:
    return db.session.scalar(select(TwoFactorSecret.confirmed_at).where(
        TwoFactorSecret.user_id == user.id)) is not None


def confirmed_secret(user: User) -> TwoFactorSecret | None:
    row = db.session.get(TwoFactorSecret, user.id)
    return row if row is not None and row.confirmed_at is not None else None


def recovery_codes_left(user: User) -> int:
    return db.session.scalar(select(func.count()).select_from(RecoveryCode).where(
        RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))) or 0


def users_with_second_factor(user_ids: list[int]) -> set[int]:
    if not user_ids:
        return set()
    return set(db.session.scalars(select(TwoFactorSecret.user_id).where(
        TwoFactorSecret.user_id.in_(user_ids), TwoFactorSecret.confirmed_at.is_not(None))))


def security_keys(user: User) -> list[SecurityKey]:
    return list(db.session.scalars(select(SecurityKey).where(SecurityKey.user_id == user.id)
                                   .order_by(SecurityKey.created_at, SecurityKey.id)))


def list_security_keys(user: User) -> list[SecurityKeyRow]:
    return [SecurityKeyRow(key.id, key.name, key.created_at, key.last_used_at) for key in security_keys(user)]


def get_own_security_key(user: User, key_id: int) -> SecurityKey:
    """One of the member's keys, or 404 (another member's keys are not theirs to know of)."""
    key = db.session.get(SecurityKey, key_id)
    if key is None or key.user_id != user.id:
        abort(404)
    return key
