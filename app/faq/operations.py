"""The curated FAQ: moderators promote solved questions, with a clean title and a featured answer."""

from collections.abc import Callable

from sqlalchemy import func, or_, select, update

from app import audit, clock, content_language, events, markup, typed_text
from app.errors import Conflict, Invalid
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.locking import lock_posts
from app.models import Answer, FaqEntry, Post, Question, Revision, Tag, User
from app.permissions import require_moderator

TITLE_LENGTH = (10, 150)
WORDING_MAX = 30000  # as long as an answer may be


def default_answer(question: Question) -> Answer | None:
    """The official answer, else the accepted one."""
    official = db.session.scalar(select(Answer).where(Answer.parent_id == question.id, Answer.is_official,
                                                      Answer.deleted_at.is_(None)).order_by(Answer.official_at.desc()))
    if official:
        return official
    return db.session.get(Answer, question.accepted_answer_id) if question.accepted_answer_id else None


def _check(question: Question, title: str, answer: Answer | None, tag: Tag | None,
           wording: str) -> tuple[Answer, Tag]:
    """The answer and tag of a valid entry; Invalid naming every field that is not."""
    errors = {}
    if not TITLE_LENGTH[0] <= len(title) <= TITLE_LENGTH[1]:
        errors["title"] = _l("Use %(low)s to %(high)s characters.", low=TITLE_LENGTH[0], high=TITLE_LENGTH[1])
    if len(wording) > WORDING_MAX:
        errors["wording"] = _l("Use at most %(n)s characters (you entered %(count)s).", n=WORDING_MAX,
                               count=len(wording))
    good = answer is not None and answer.parent_id == question.id and answer.deleted_at is None and (
        answer.is_official or question.accepted_answer_id == answer.id)
    if not good:
        errors["answer_id"] = _l("Feature the accepted answer or an official one.")
    if tag is None:
        errors["tag"] = _l("Choose the product or topic this entry belongs to.")
    if errors or answer is None or tag is None:  # (an answer or tag missing is always one of the errors)
        raise Invalid(errors=errors)
    return answer, tag


def _revision_number(answer: Answer) -> int:
    return db.session.scalar(select(func.max(Revision.number)).where(Revision.post_id == answer.id)) or 1


def _approve(entry: FaqEntry, answer: Answer) -> None:
    entry.answer_id, entry.approved_html = answer.id, answer.body_html
    entry.approved_revision, entry.needs_review_at = _revision_number(answer), None


def _state(entry: FaqEntry) -> dict:
    return {"title": entry.title, "answer_id": entry.answer_id, "tag_id": entry.tag_id, "position": entry.position,
            "language": entry.language, "wording": entry.wording_markdown}


def entry_language(question: Question, language: str | None) -> str:
    """The language an entry is saved in: the one asked for, else its source question's."""
    if language in content_language.LANGUAGES:
        return language
    return question.language if question.language in content_language.LANGUAGES else "en"


def save_entry(moderator: User, question: Question, title: str, answer: Answer | None, tag: Tag | None,
               position: int | None, language: str | None = None, wording: str | None = None) -> FaqEntry:
    """Promote a solved question to the FAQ in a language, or change that entry (title, answer, product, position,
    its own wording of the featured text: None keeps it, empty removes it)."""
    require_moderator(moderator)
    if question.deleted_at is not None or not (question.accepted_answer_id or question.has_official_answer):
        raise Conflict(_l("Only a question with an accepted or official answer can be in the FAQ."))
    title, language = typed_text.single_line(title), entry_language(question, language)
    answer, tag = _check(question, title, answer, tag, wording or "")
    lock_posts(question.id)  # a promotion made meanwhile is found below and updated, not inserted twice
    entry = db.session.scalar(select(FaqEntry).where(FaqEntry.question_id == question.id,
                                                     FaqEntry.language == language))
    before = _state(entry) if entry else None
    if entry is None:
        last = db.session.scalar(select(func.max(FaqEntry.position)).where(FaqEntry.tag_id == tag.id))
        entry = FaqEntry(question_id=question.id, language=language, created_by_id=moderator.id,
                         created_at=clock.now(), position=(last or 0) + 1)
        db.session.add(entry)
    entry.title, entry.tag_id, entry.updated_at = title, tag.id, clock.now()
    if wording is not None:
        _word(entry, wording)
    _approve(entry, answer)
    if position is not None and position != entry.position:
        _place(entry, position)
    db.session.flush()
    audit.record(moderator, "faq_update" if before else "faq_promote", "faq", entry.id, title, before, _state(entry))
    if before is None:
        events.emit(events.FaqPromoted(entry, question, moderator))
    return entry


def _word(entry: FaqEntry, wording: str) -> None:
    """The entry's own wording, rendered and sanitised as a post is; blank shows the approved answer again."""
    wording = wording.strip()
    entry.wording_markdown = wording or None
    entry.wording_html = markup.render_post(wording) if wording else None


def _siblings(entry: FaqEntry) -> list[FaqEntry]:
    """The entries an entry is ordered among: its product's, in its language (each language's FAQ has its order)."""
    return list(db.session.scalars(select(FaqEntry).where(FaqEntry.tag_id == entry.tag_id,
                                                          FaqEntry.language == entry.language)
                                   .order_by(FaqEntry.position, FaqEntry.id)))


def _place(entry: FaqEntry, position: int) -> None:
    """Put the entry at `position` (1 first) among its siblings, the others keeping their order: the number alone
    would tie with the entry already there, which stayed first."""
    siblings = [e for e in _siblings(entry) if e is not entry]
    siblings.insert(min(max(position, 1), len(siblings) + 1) - 1, entry)
    for number, sibling in enumerate(siblings, start=1):
        sibling.position = number


def demote(moderator: User, entry: FaqEntry) -> None:
    require_moderator(moderator)
    audit.record(moderator, "faq_demote", "faq", entry.id, entry.title, _state(entry), None)
    db.session.delete(entry)
    db.session.flush()


def move(moderator: User, entry: FaqEntry, direction: int) -> None:
    """Swap the entry with its neighbour among its siblings, up (-1) or down (+1)."""
    require_moderator(moderator)
    siblings = _siblings(entry)
    other = siblings.index(entry) + direction
    if 0 <= other < len(siblings):
        place(moderator, entry, other + 1)


def place(moderator: User, entry: FaqEntry, position: int) -> None:
    """Put the entry at `position` among its siblings (a drag and drop on the FAQ page; the move buttons)."""
    require_moderator(moderator)
    before = entry.position
    _place(entry, position)
    db.session.flush()
    if entry.position != before:
        audit.record(moderator, "faq_reorder", "faq", entry.id, entry.title, {"position": before},
                     {"position": entry.position})


def approve_changes(moderator: User, entry: FaqEntry) -> None:
    """The featured answer changed: a moderator checked it, the FAQ now shows the new text."""
    require_moderator(moderator)
    answer = entry.answer
    if answer is None or answer.deleted_at is not None:
        raise Conflict(_l("The featured answer was deleted: feature another answer or remove the entry."))
    _approve(entry, answer)
    entry.updated_at = clock.now()  # readers' doubts about the entry count again from here
    audit.record(moderator, "faq_review", "faq", entry.id, entry.title)


def featured_answer_changed(answer: Answer) -> None:
    """An answer was edited or deleted (app/faq/listeners.py): FAQ entries featuring it wait for a moderator."""
    db.session.execute(update(FaqEntry).where(FaqEntry.answer_id == answer.id, FaqEntry.needs_review_at.is_(None))
                       .values(needs_review_at=clock.now()), execution_options={"synchronize_session": False})


def review_now(entry: FaqEntry) -> None:
    """Readers say the featured answer is outdated or did not work (app/satisfaction): the entry waits in Review
    due for a moderator."""
    entry.needs_review_at = clock.now()
    db.session.flush()


def redact_entries(post: Post, scrub: Callable[[str], str]) -> None:
    """Personal data was removed from this post and its history: its FAQ entries lose it too. The approved text
    of a featured answer is rendered again from the approved revision (redacted with the rest of the history),
    so the FAQ still shows the version a moderator approved, without the data; no review is needed."""
    entries = db.session.scalars(select(FaqEntry).where(or_(FaqEntry.question_id == post.question_id,
                                                            FaqEntry.answer_id == post.id)))
    for entry in entries:
        entry.title = scrub(entry.title)[:TITLE_LENGTH[1]]
        if entry.wording_markdown:
            _word(entry, scrub(entry.wording_markdown))
        approved = db.session.scalar(select(Revision.body_markdown).where(
            Revision.post_id == post.id, Revision.number == entry.approved_revision)) \
            if entry.answer_id == post.id else None
        entry.approved_html = markup.render_post(approved) if approved is not None else scrub(entry.approved_html)
