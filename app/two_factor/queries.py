"""Reads about a member's second factor."""

from sqlalchemy import func, select

from app.extensions import db
from app.models import User
from app.models.sign_in import RecoveryCode, TwoFactorSecret


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
