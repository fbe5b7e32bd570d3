"""Linking questions as translations of each other (twins): one group per customer need, at most one question a
language in it. Linking is not closing: every twin stays open and answerable. Only the brand team links and
unlinks, and the audit log keeps who linked what."""

from sqlalchemy import select

from app import audit, clock
from app.errors import Conflict, Invalid
from app.extensions import db
from app.i18n import LANGUAGE_NAMES
from app.i18n import lazy_gettext as _l
from app.locking import lock_posts
from app.models import Post, Question, QuestionTwin, TwinGroup, User
from app.permissions import require_moderator

FIELD = "duplicate_of"  # the close dialog's question picker: the same input links a translation


def group_of(question_id: int) -> QuestionTwin | None:
    return db.session.get(QuestionTwin, question_id)


def members(group_id: int) -> list[Post]:
    """The questions of a group, oldest first (the first is the original: hreflang's x-default)."""
    return list(db.session.scalars(select(Post).join(QuestionTwin, QuestionTwin.question_id == Post.id)
                                   .where(QuestionTwin.group_id == group_id).order_by(Post.created_at, Post.id)))


def _twins_of(question: Question) -> list[Post]:
    place = group_of(question.id)
    return members(place.group_id) if place else [question]


def link_twins(moderator: User, question: Question, other: Question | None) -> TwinGroup:
    """Link `other` as a translation of `question`; each keeps the twins it had (their groups become one)."""
    require_moderator(moderator)
    if other is None or other.id == question.id or not other.is_public:
        raise Invalid(_l("Give the number or address of the same question in the other language."), FIELD)
    lock_posts(question.id, other.id)  # two moderators linking the same questions at once make one group
    if question.language is None or other.language is None:
        raise Invalid(_l("The language of one of the questions is not known: set it by editing the question."),
                      FIELD)
    ours, theirs = _twins_of(question), _twins_of(other)
    if {p.id for p in ours} == {p.id for p in theirs}:
        raise Conflict(_l("These questions are already linked as translations."))
    clash = {p.language for p in ours if p.language} & {p.language for p in theirs if p.language}
    if clash:
        language = LANGUAGE_NAMES.get(min(clash), min(clash))
        raise Invalid(_l("Both sides already have a question in %(language)s: a question has at most one "
                         "translation in each language (unlink the other one first).", language=language), FIELD)
    before = [p.id for p in ours]
    group = _join(moderator, ours + theirs)
    audit.record(moderator, "link_twin", "post", question.id, "", {"twins": before},
                 {"twins": [p.id for p in sorted(ours + theirs, key=lambda p: (p.created_at, p.id))]})
    return group


def _join(moderator: User, questions: list[Post]) -> TwinGroup:
    """One group for all these questions: the first one's, or a new one; emptied groups are removed."""
    places = {p.id: group_of(p.id) for p in questions}
    group_ids = sorted({place.group_id for place in places.values() if place is not None})
    group = (db.session.get(TwinGroup, group_ids[0]) if group_ids else None) or TwinGroup(created_at=clock.now())
    db.session.add(group)
    db.session.flush()
    for post in questions:
        place = places[post.id]
        if place is None:
            db.session.add(QuestionTwin(question_id=post.id, group_id=group.id, linked_at=clock.now(),
                                        linked_by_id=moderator.id))
        elif place.group_id != group.id:
            place.group_id, place.linked_at, place.linked_by_id = group.id, clock.now(), moderator.id
    db.session.flush()
    for emptied in group_ids[1:]:
        db.session.delete(db.session.get(TwinGroup, emptied))
    db.session.flush()
    return group


def unlink_twin(moderator: User, question: Question) -> None:
    """Take a question out of its group; a group left with one question is removed (a twin needs two)."""
    require_moderator(moderator)
    place = group_of(question.id)
    if place is None:
        raise Conflict(_l("This question is not linked to a translation."))
    lock_posts(question.id)
    before = [p.id for p in members(place.group_id)]
    remaining = [post_id for post_id in before if post_id != question.id]
    leaving = [place] + ([group_of(post_id) for post_id in remaining] if len(remaining) < 2 else [])
    for emptied in leaving:
        db.session.delete(emptied)
    db.session.flush()
    if len(remaining) < 2:
        db.session.delete(db.session.get(TwinGroup, place.group_id))
    db.session.flush()
    audit.record(moderator, "unlink_twin", "post", question.id, "", {"twins": before},
                 {"twins": remaining if len(remaining) > 1 else []})
