"""Reads for the reputation pages: a user's ledger and its curve, the member list, privilege progress."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from app import clock
from app.extensions import db
from app.models import ReputationEvent, User
from app.pagination import RowPagination, paginate_rows
from app.reputation import privileges

PERIODS = ("week", "month", "all")


def list_ledger(user: User, page: int, per_page: int = 50) -> Pagination:
    query = (select(ReputationEvent).where(ReputationEvent.user_id == user.id)
             .options(selectinload(ReputationEvent.post))
             .order_by(ReputationEvent.created_at.desc(), ReputationEvent.id.desc()))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def by_day(events: list[ReputationEvent]) -> list[tuple[date, list[ReputationEvent]]]:
    """Group newest-first ledger rows by UTC day, keeping the order."""
    days: list[tuple[date, list[ReputationEvent]]] = []
    for event in events:
        day = event.created_at.date()
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(event)
    return days


@dataclass
class CurvePoint:
    day: date
    reputation: int


def reputation_curve(user: User) -> list[CurvePoint]:
    """Reputation at the end of each day with a change, from the day the user joined until today."""
    rows = db.session.execute(select(ReputationEvent.created_at, ReputationEvent.delta)
                              .where(ReputationEvent.user_id == user.id).order_by(ReputationEvent.created_at))
    per_day: dict[date, int] = {}
    for created_at, delta in rows:
        per_day[created_at.date()] = per_day.get(created_at.date(), 0) + delta
    if not per_day:
        return []
    total, curve = 0, [CurvePoint(min(user.created_at.date(), *per_day), 1)]
    for day in sorted(per_day):
        total += per_day[day]
        curve.append(CurvePoint(day, max(1, 1 + total)))
    if curve and curve[-1].day != clock.now().date():
        curve.append(CurvePoint(clock.now().date(), curve[-1].reputation))
    return curve


def list_members(period: str, search: str, page: int, per_page: int = 36) -> RowPagination:
    """Members by reputation: all time from the cache, or by points gained in the last week or month."""
    query = select(User).where(User.is_placeholder.is_(False))  # an import's anonymous voters are nobody
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(or_(User.username_key.like(pattern), func.lower(User.display_name).like(pattern)))
    if period == "all":
        query = query.add_columns(User.reputation).order_by(User.reputation.desc(), User.id)
    else:
        since = clock.now() - timedelta(days=7 if period == "week" else 30)
        gained = (select(ReputationEvent.user_id, func.sum(ReputationEvent.delta).label("gained"))
                  .where(ReputationEvent.created_at >= since).group_by(ReputationEvent.user_id).subquery())
        query = (query.join(gained, gained.c.user_id == User.id).add_columns(gained.c.gained)
                 .where(gained.c.gained > 0).order_by(gained.c.gained.desc(), User.id))
    return paginate_rows(query, page, per_page)


@dataclass
class Progress:
    privilege: privileges.Privilege
    threshold: int
    earned: bool
    percent: int


def privilege_progress(user: privileges.Member | None) -> list[Progress]:
    reputation = user.reputation if user and user.is_authenticated else 0
    result = []
    for privilege in privileges.PRIVILEGES:
        needed = privileges.threshold(privilege.key)
        result.append(Progress(privilege, needed, privileges.has(user, privilege.key),
                               min(100, int(100 * reputation / needed)) if needed else 100))
    return result
