"""Awarding badges: inside the transaction of the action that earns them, or all at once by backfill."""

from collections import Counter

from sqlalchemy import select, update

from app import clock, events
from app.badges import rules
from app.badges.catalog import BADGES, BY_SLUG, Badge
from app.extensions import db
from app.models import BadgeAward, User


def _insert_ignoring_duplicates(rows: list[dict], bulk: bool = False) -> list[dict]:
    """Insert awards; one already there (even one a concurrent request just added) is skipped.

    `bulk` (for backfill, which recounts the tier caches afterwards) sends one statement for all rows.
    """
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    if bulk and rows:
        db.session.execute(insert(BadgeAward).on_conflict_do_nothing(
            index_elements=["user_id", "badge", "award_key"]), rows)
        return rows
    inserted = []
    for row in rows:
        statement = insert(BadgeAward).values(**row).on_conflict_do_nothing(
            index_elements=["user_id", "badge", "award_key"])
        # psycopg forgets an INSERT's rowcount once SQLAlchemy closes the cursor, unless asked to keep it.
        if db.session.execute(statement, execution_options={"preserve_rowcount": True}).rowcount == 1:
            inserted.append(row)
    return inserted


def _without_placeholders(grants: list) -> list:
    """Placeholder accounts (an import's anonymous voters) earn nothing: their votes stand for unknown people."""
    query = select(User.id).where(User.is_placeholder.is_(True))
    if len(grants) <= 500:  # an action's few users; a backfill reads the (small) pool of placeholders whole
        query = query.where(User.id.in_({g.user_id for g in grants}))
    placeholders = set(db.session.scalars(query))
    return [g for g in grants if g.user_id not in placeholders] if placeholders else grants


def _award(badge: Badge, user_ids: set[int] | None, bulk: bool = False) -> list[dict]:
    grants = getattr(rules, badge.rule)(badge, user_ids)
    if not grants:
        return []
    grants = _without_placeholders(grants)
    query = select(BadgeAward.user_id, BadgeAward.award_key).where(BadgeAward.badge == badge.slug)
    if user_ids is not None:
        query = query.where(BadgeAward.user_id.in_({g.user_id for g in grants}))
    held = {(user_id, key) for user_id, key in db.session.execute(query)}
    now = clock.now()
    rows = [{"user_id": g.user_id, "badge": badge.slug, "award_key": g.award_key, "post_id": g.post_id,
             "tag_id": g.tag_id, "awarded_at": now} for g in grants if (g.user_id, g.award_key) not in held]
    return _insert_ignoring_duplicates(rows, bulk)


def _count_tiers(inserted: list[dict]) -> None:
    per_user = Counter((row["user_id"], BY_SLUG[row["badge"]].tier) for row in inserted)
    for (user_id, tier), n in per_user.items():
        column = getattr(User, f"{tier}_badges")
        db.session.execute(update(User).where(User.id == user_id).values({column: column + n}),
                           execution_options={"synchronize_session": False})


def check(trigger: str, *user_ids: int | None) -> list[dict]:
    """Award whatever the users involved in an action now qualify for. Returns the new awards."""
    users = {u for u in user_ids if u is not None}
    if not users:
        return []
    db.session.flush()
    inserted = [row for badge in BADGES if trigger in badge.triggers for row in _award(badge, users)]
    _count_tiers(inserted)
    if inserted:
        events.emit("badges.awarded", awards=inserted)
    return inserted


def backfill(progress=None) -> int:
    """Award every badge everyone qualifies for (idempotent), then recount the tier caches."""
    inserted = []
    for badge in (progress(BADGES) if progress else BADGES):
        inserted += _award(badge, None, bulk=True)
    recount_tiers()
    return len(inserted)


def recount_tiers() -> None:
    counts = Counter()
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
