"""Awarding badges: inside the transaction of the action that earns them, or all at once by backfill."""

from collections import Counter

from sqlalchemy import delete, func, insert, select, update

from app import clock, events, upsert
from app.badges import rules
from app.badges.catalog import BADGES, BY_SLUG, Badge
from app.extensions import db, rowcount
from app.models import BadgeAward, User
from app.models.badge import BadgeHolderCount


def _insert_ignoring_duplicates(rows: list[dict], bulk: bool = False) -> list[dict]:
    """Insert awards; one already there (even one a concurrent request just added) is skipped.

    `bulk` (for backfill, which recounts the tier caches afterwards) sends one statement for all rows.
    """
    insert_or_skip = upsert.insert(db.session.get_bind().dialect.name)
    if bulk and rows:
        db.session.execute(insert_or_skip(BadgeAward).on_conflict_do_nothing(
            index_elements=["user_id", "badge", "award_key"]), rows)
        return rows
    inserted = []
    for row in rows:
        statement = insert_or_skip(BadgeAward).values(**row).on_conflict_do_nothing(
            index_elements=["user_id", "badge", "award_key"])
        # psycopg forgets an INSERT's rowcount once SQLAlchemy closes the cursor, unless asked to keep it.
        if rowcount(db.session.execute(statement, execution_options={"preserve_rowcount": True})) == 1:
            inserted.append(row)
    return inserted


def _without_placeholders(grants: list) -> list:
    """Placeholder accounts (an import's anonymous voters) earn nothing: their votes stand for unknown people."""
    query = select(User.id).where(User.is_placeholder.is_(True))
    if len(grants) <= 500:  # an action's few users; a backfill reads the (small) pool of placeholders whole
        query = query.where(User.id.in_({g.user_id for g in grants}))
    placeholders = set(db.session.scalars(query))
    return [g for g in grants if g.user_id not in placeholders] if placeholders else grants


def _award(badge: Badge, user_ids: set[int] | None, bulk: bool = False) -> tuple[list[dict], int]:
    """The new awards of one badge, and how many of their users did not hold it before."""
    grants = rules.for_badge(badge)(badge, user_ids)
    if not grants:
        return [], 0
    grants = _without_placeholders(grants)
    query = select(BadgeAward.user_id, BadgeAward.award_key).where(BadgeAward.badge == badge.slug)
    if user_ids is not None:
        query = query.where(BadgeAward.user_id.in_({g.user_id for g in grants}))
    held = {(user_id, key) for user_id, key in db.session.execute(query)}
    now = clock.now()
    rows = [{"user_id": g.user_id, "badge": badge.slug, "award_key": g.award_key, "post_id": g.post_id,
             "tag_id": g.tag_id, "awarded_at": now} for g in grants if (g.user_id, g.award_key) not in held]
    inserted = _insert_ignoring_duplicates(rows, bulk)
    return inserted, len({row["user_id"] for row in inserted} - {user_id for user_id, _ in held})


def _count_tiers(inserted: list[dict]) -> None:
    per_user = Counter((row["user_id"], BY_SLUG[row["badge"]].tier) for row in inserted)
    for (user_id, tier), n in per_user.items():
        column = getattr(User, f"{tier}_badges")
        db.session.execute(update(User).where(User.id == user_id).values({column: column + n}),
                           execution_options={"synchronize_session": False})


def _count_holders(new_holders: Counter) -> None:
    """Add the new holders to each badge's count (an upsert: the first award of a badge adds its row)."""
    insert_or_add = upsert.insert(db.session.get_bind().dialect.name)
    for slug, n in new_holders.items():
        if n:
            statement = insert_or_add(BadgeHolderCount).values(badge=slug, holders=n)
            db.session.execute(statement.on_conflict_do_update(
                index_elements=["badge"], set_={"holders": BadgeHolderCount.holders + statement.excluded.holders}))


def check(trigger: str, *user_ids: int | None) -> list[dict]:
    """Award whatever the users involved in an action now qualify for. Returns the new awards."""
    users = {u for u in user_ids if u is not None}
    if not users:
        return []
    db.session.flush()
    inserted: list[dict] = []
    new_holders: Counter[str] = Counter()
    for badge in BADGES:
        if trigger in badge.triggers:
            rows, new_holders[badge.slug] = _award(badge, users)
            inserted += rows
    _count_tiers(inserted)
    _count_holders(new_holders)
    if inserted:
        events.emit(events.BadgesAwarded(tuple(inserted)))
    return inserted


def backfill(progress=None) -> int:
    """Award every badge everyone qualifies for (idempotent), then recount the tier and holder caches."""
    inserted = []
    for badge in (progress(BADGES) if progress else BADGES):
        inserted += _award(badge, None, bulk=True)[0]
    recount_tiers()
    recount_holders()
    return len(inserted)


def _holder_truth():
    return select(BadgeAward.badge, func.count(func.distinct(BadgeAward.user_id))).group_by(BadgeAward.badge)


def holder_drift() -> list[tuple[str, int, int]]:
    """(badge, cached, actual) for every badge whose holder count is wrong."""
    cached = dict(db.session.execute(select(BadgeHolderCount.badge, BadgeHolderCount.holders)).all())
    actual = dict(db.session.execute(_holder_truth()).all())
    return [(slug, cached.get(slug, 0), actual.get(slug, 0)) for slug in sorted(cached.keys() | actual.keys())
            if cached.get(slug, 0) != actual.get(slug, 0)]


def recount_holders(session=None) -> None:
    """Set every badge's holder count from the awards (one grouped read)."""
    session = session or db.session
    session.execute(delete(BadgeHolderCount))
    session.execute(insert(BadgeHolderCount).from_select(["badge", "holders"], _holder_truth()))


def recount_tiers() -> None:
    counts: Counter[tuple[int, str]] = Counter()
    for user_id, slug in db.session.execute(select(BadgeAward.user_id, BadgeAward.badge)):
        if slug in BY_SLUG:  # an award of a badge since retired from the catalogue no longer counts
            counts[(user_id, BY_SLUG[slug].tier)] += 1
    db.session.execute(update(User).values(gold_badges=0, silver_badges=0, bronze_badges=0),
                       execution_options={"synchronize_session": False})
    for (user_id, tier), n in counts.items():
        db.session.execute(update(User).where(User.id == user_id).values({f"{tier}_badges": n}),
                           execution_options={"synchronize_session": False})
    db.session.expire_all()


def take_unseen(user: User) -> list[BadgeAward]:
    """Awards the user has not been told about yet; marks them seen."""
    unseen = list(db.session.scalars(select(BadgeAward).where(BadgeAward.user_id == user.id,
                                                              BadgeAward.seen_at.is_(None))))
    if unseen:
        db.session.execute(update(BadgeAward).where(BadgeAward.id.in_([a.id for a in unseen]))
                           .values(seen_at=clock.now()), execution_options={"synchronize_session": False})
    return unseen


# Awards are only added by the code above; they go away with their holder (an account deleted, whose awards
# the database removes) or by hand. Either way the holder counts are recounted in the same transaction, once
# the rows are gone: listeners on what a flush or a DELETE statement removed (app/session_hooks.py).
_REMOVING = (BadgeAward, User)
_REMOVING_TABLES = {model.__tablename__ for model in _REMOVING}


def on_rows_flushed(event: events.RowsFlushed) -> None:
    if any(isinstance(obj, _REMOVING) for obj in event.deleted):
        recount_holders(event.session)


def on_rows_deleted(event: events.RowsDeletedByStatement) -> None:
    if event.table in _REMOVING_TABLES:
        recount_holders(event.session)
