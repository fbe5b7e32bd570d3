"""Reads for the badge pages."""

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.badges.catalog import BADGES, BY_SLUG, Badge
from app.extensions import db
from app.models import BadgeAward, Tag, User
from app.pagination import paginate_rows


def holder_counts() -> dict[str, int]:
    rows = db.session.execute(select(BadgeAward.badge, func.count(func.distinct(BadgeAward.user_id)))
                              .group_by(BadgeAward.badge))
    return {slug: n for slug, n in rows}


def catalogue_by_tier() -> dict[str, list[Badge]]:
    grouped: dict[str, list[Badge]] = {"gold": [], "silver": [], "bronze": []}
    for badge in BADGES:
        grouped[badge.tier].append(badge)
    return grouped


def get_badge(slug: str) -> Badge:
    return BY_SLUG.get(slug) or abort(404)


def list_holders(badge: Badge, page: int, per_page: int = 40):
    """Awards of one badge, newest first, with the user and the product tag (for per-product badges)."""
    tag = aliased(Tag)
    query = (select(BadgeAward, User, tag.name).join(User, User.id == BadgeAward.user_id)
             .outerjoin(tag, tag.id == BadgeAward.tag_id).where(BadgeAward.badge == badge.slug)
             .order_by(BadgeAward.awarded_at.desc(), BadgeAward.id.desc()))
    return paginate_rows(query, page, per_page)


def list_user_awards(user: User) -> list[tuple[BadgeAward, Badge, str | None]]:
    rows = db.session.execute(select(BadgeAward, Tag.name).outerjoin(Tag, Tag.id == BadgeAward.tag_id)
                              .where(BadgeAward.user_id == user.id).order_by(BadgeAward.awarded_at.desc()))
    return [(award, BY_SLUG[award.badge], tag) for award, tag in rows if award.badge in BY_SLUG]
