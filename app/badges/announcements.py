"""Telling members about the badges they earned: one message per award, each award announced once."""

from app.badges.catalog import BY_SLUG, display_name
from app.extensions import db
from app.i18n import current_language
from app.i18n import gettext as _
from app.models import BadgeAward, Tag


def announce(awards: list[BadgeAward]) -> list[str]:
    """"You earned a badge: …" for each of these awards (those taken from `awards.take_unseen`)."""
    messages = []
    for award in awards:
        badge = BY_SLUG.get(award.badge)
        if badge:
            messages.append(_("You earned a badge: %(name)s!", name=display_name(badge, _tag_name(award))))
    return messages


def _tag_name(award: BadgeAward) -> str | None:
    if award.tag_id is None:
        return None
    tag = db.session.get(Tag, award.tag_id)
    return tag.display_name(current_language()) if tag else None  # the product as the member reads it
