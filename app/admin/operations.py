"""Administration: roles, suspensions, and the brand's tags (products and topics)."""

from datetime import datetime

from sqlalchemy import delete, func, insert, literal, select, update

from app import audit, clock, typed_text
from app.accounts.operations import normalise_email
from app.errors import Conflict, Invalid, NotAllowed, check_all
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.locking import lock_values
from app.models import ROLES, Question, Tag, TagAlias, TagRedirect, User, question_tags
from app.models.user import new_session_token
from app.permissions import require_admin, require_moderator
from app.questions import tag_terms


def set_role(admin: User, user: User, role: str) -> None:
    require_admin(admin)
    if role not in ROLES:
        raise Invalid(_l("Unknown role."), "role")
    if user.id == admin.id and role != "admin":
        raise NotAllowed(_l("You cannot remove your own administrator role."))
    before, user.role = user.role, role
    audit.record(admin, "set_role", "user", user.id, "", {"role": before}, {"role": role})


def suspend(admin: User, user: User, until: datetime | None, reason: str) -> None:
    require_admin(admin)
    reason = typed_text.single_line(reason)
    errors = {}
    if until is None or until <= clock.now():
        errors["until"] = _l("Choose a date in the future.")
    if len(reason) < 5:
        errors["reason"] = _l("Say why (the member will see it).")
    if errors or until is None:  # (no date is one of the errors)
        raise Invalid(errors=errors)
    if user.id == admin.id:
        raise NotAllowed(_l("You cannot suspend yourself."))
    before = {"until": user.suspended_until.isoformat() if user.suspended_until else None}
    user.suspended_until, user.suspension_reason = until, reason[:500]
    user.session_token = new_session_token()  # logged out everywhere at once
    audit.record(admin, "suspend", "user", user.id, reason, before, {"until": until.isoformat()})


def lift_suspension(admin: User, user: User) -> None:
    require_admin(admin)
    if not user.is_suspended:
        raise Conflict(_l("This member is not suspended."))
    before = {"until": user.suspended_until.isoformat() if user.suspended_until else None}
    user.suspended_until = user.suspension_reason = None
    audit.record(admin, "unsuspend", "user", user.id, "", before, {"until": None})


def _check_name(name: str, current: Tag | None = None) -> str:
    name = typed_text.single_line(name).lower()
    if not Tag.is_valid_name(name):
        raise Invalid(_l("Use lower-case letters, digits and '-', at most 35 characters."), "name")
    lock_values(f"tag:{name}")  # the same name made twice at once: the second finds the first
    existing = db.session.scalar(select(Tag).where(Tag.name == name))
    if existing is not None and existing is not current:
        raise Invalid(_l("A tag with this name exists: merge into it instead."), "name")
    owner = tag_terms.alias_owner(name)
    if owner is not None and (current is None or owner != current.name):
        raise Invalid(_l("“%(term)s” already names the tag %(tag)s.", term=name, tag=owner), "name")
    return name


def _described(tag: Tag) -> dict:
    """What the log keeps of a tag before and after a change."""
    return {"name": tag.name, "name_en": tag.name_en, "name_it": tag.name_it, "description": tag.description,
            "description_it": tag.description_it, "aliases": tag_terms.aliases_of(tag)}


def create_tag(moderator: User, name: str, typed: tag_terms.TagNames) -> Tag:
    require_moderator(moderator)
    name, checked = check_all(lambda: _check_name(name), lambda: tag_terms.check_names(typed, name, None))
    tag = Tag(name=name)
    db.session.add(tag)
    db.session.flush()
    db.session.execute(delete(TagRedirect).where(TagRedirect.old_name == tag.name))
    tag_terms.apply_names(tag, checked)
    audit.record(moderator, "tag_create", "tag", tag.id, tag.name, None, _described(tag))
    return tag


def update_tag(moderator: User, tag: Tag, name: str, typed: tag_terms.TagNames) -> None:
    """Rename (the old name keeps redirecting), name and describe in each language, and set the aliases."""
    require_moderator(moderator)
    new_name, checked = check_all(lambda: _check_name(name, tag), lambda: tag_terms.check_names(typed, name, tag.id))
    before = _described(tag)
    if new_name != tag.name:
        db.session.execute(delete(TagRedirect).where(TagRedirect.old_name == new_name))
        db.session.add(TagRedirect(old_name=tag.name, tag_id=tag.id))
    tag.name = new_name
    tag_terms.apply_names(tag, checked)
    audit.record(moderator, "tag_update", "tag", tag.id, "", before, _described(tag))


def merge_tags(moderator: User, source: Tag, target_name: str) -> Tag:
    """Move every question of `source` to the target tag, then retire `source` (its name redirects)."""
    require_moderator(moderator)
    target = db.session.scalar(select(Tag).where(Tag.name == target_name.strip().lower()))
    if target is None:
        raise Invalid(_l("There is no tag with that name."), "merge_into")
    if source.id == target.id:
        raise Invalid(_l("Choose another tag to merge into."), "merge_into")
    already = select(question_tags.c.question_id).where(question_tags.c.tag_id == target.id)
    moved = select(question_tags.c.question_id, literal(target.id)).where(question_tags.c.tag_id == source.id,
                                                                 question_tags.c.question_id.not_in(already))
    db.session.execute(insert(question_tags).from_select(["question_id", "tag_id"], moved))
    db.session.execute(delete(question_tags).where(question_tags.c.tag_id == source.id))
    db.session.execute(update(TagRedirect).where(TagRedirect.tag_id == source.id).values(tag_id=target.id))
    db.session.execute(update(TagAlias).where(TagAlias.tag_id == source.id).values(tag_id=target.id))
    db.session.add(TagRedirect(old_name=source.name, tag_id=target.id))
    live = (select(func.count()).select_from(question_tags).join(Question, Question.id == question_tags.c.question_id)
            .where(question_tags.c.tag_id == target.id, Question.deleted_at.is_(None)).scalar_subquery())
    db.session.execute(update(Tag).where(Tag.id == target.id).values(question_count=live))
    audit.record(moderator, "tag_merge", "tag", target.id, source.name, {"merged": source.name}, {"into": target.name})
    db.session.delete(source)
    db.session.flush()
    db.session.expire_all()
    return target


def set_email(admin: User, user: User, email: str) -> None:
    """Give a member an address, e.g. an imported account without one, which can then choose a password
    through the reset link. The log says that it changed, not the addresses (personal data)."""
    require_admin(admin)
    email = normalise_email(email)
    if email == user.email:
        raise Invalid(_l("This is already the member's address."), "email")
    if db.session.scalar(select(User.id).where(User.email == email, User.id != user.id)):
        raise Invalid(_l("Another account uses this address."), "email")
    before = {"email": bool(user.email)}
    user.email = email
    audit.record(admin, "set_email", "user", user.id, "", before, {"email": True})
