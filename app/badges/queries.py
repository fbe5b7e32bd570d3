"""Reads for the badge pages."""

from dataclasses import dataclass
from datetime import datetime

from flask import abort
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from app.badges.catalog import BADGES, BY_SLUG, Badge
from app.extensions import db
from app.i18n import current_language
from app.models import BadgeAward, Tag, User
from app.models.badge import BadgeHolderCount
from app.models.tag import in_language
from app.pagination import paginate_rows


def holder_counts() -> dict[str, int]:
    """Members holding each badge, from the counts kept with the awards (app/badges/awards.py)."""
    return dict(db.session.execute(select(BadgeHolderCount.badge, BadgeHolderCount.holders)).all())


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
    query = (select(BadgeAward, User, tag).join(User, User.id == BadgeAward.user_id)
             .outerjoin(tag, tag.id == BadgeAward.tag_id).where(BadgeAward.badge == badge.slug)
             .order_by(BadgeAward.awarded_at.desc(), BadgeAward.id.desc()))
    return paginate_rows(query, page, per_page)


@dataclass(frozen=True)
class AwardGroup:
    """One line of a profile's badges: a badge (and its product tag, for per-product badges) with how often
    and when last it was earned. The post link is kept only when the line stands for a single award."""
    badge: Badge
    tag_label: str | None  # the product's name in the reader's language
    count: int
    latest: datetime
    post_id: int | None


def count_user_awards(user: User) -> int:
    return db.session.execute(select(func.count()).select_from(BadgeAward).where(
        BadgeAward.user_id == user.id, BadgeAward.badge.in_(BY_SLUG))).scalar_one()


class _GroupPage(Pagination):
    """A page of award lines read with their total."""

    def _query_items(self) -> list:
        return self._query_args["rows"]

    def _query_count(self) -> int:
        return self._query_args["total"]


def list_user_award_groups(user: User, page: int, per_page: int = 60):
    """A member's awards grouped per badge and product tag, most recently earned first, one page of lines.
    One aggregate query, from an index that covers it, counting its lines in a window: a second query to
    count them grouped a busy member's thousands of awards again."""
    page = max(page, 1)
    count, latest = func.count(BadgeAward.id), func.max(BadgeAward.awarded_at)
    query = (select(BadgeAward.badge, Tag.name, Tag.name_en, Tag.name_it, count, latest, func.max(BadgeAward.post_id),
                    func.count().over())
             .outerjoin(Tag, Tag.id == BadgeAward.tag_id)
             .where(BadgeAward.user_id == user.id, BadgeAward.badge.in_(BY_SLUG))
             .group_by(BadgeAward.badge, BadgeAward.tag_id, Tag.name, Tag.name_en, Tag.name_it)
             .order_by(latest.desc(), BadgeAward.badge, Tag.name))
    rows = db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    # Past the last page no row carries the total: count the lines, for the page links.
    total = rows[0][-1] if rows else db.session.scalar(select(func.count()).select_from(query.subquery()))
    language = current_language()
    lines = [AwardGroup(BY_SLUG[slug], in_language(language, name_en, name_it, name) if name else None, n, when,
                        post_id if n == 1 else None)
             for slug, name, name_en, name_it, n, when, post_id, _total in rows]
    return _GroupPage(rows=lines, total=total, page=page, per_page=per_page, error_out=False)
