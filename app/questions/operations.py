"""Asking, answering, commenting, editing, deleting and accepting: one function per user action.

Each flushes and never commits: the caller commits once, so nothing half-written is kept.
"""

import random
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, func, select, update

from app import abuse, audit, clock, content_language, events, markup, permissions, typed_text, upsert
from app.badges import awards
from app.errors import Conflict, Invalid, NotAllowed
from app.extensions import db, rowcount
from app.i18n import current_language
from app.i18n import lazy_gettext as _l
from app.locking import lock_users
from app.models import Answer, Comment, ModerationAction, Post, Question, QuestionView, Revision, Tag, User, question_of
from app.questions import languages, merging, official_answers, tag_terms
from app.questions.personal_data import warn_personal_data
from app.replies import operations as saved_replies
from app.reputation import ledger
from app.slugs import slugify
from app.uploads import operations as images
from app.uploads import rendering as image_markup

TITLE_LENGTH = (15, 150)
QUESTION_BODY_MIN = 20
ANSWER_BODY_MIN = 20
BODY_MAX = 30000
COMMENT_LENGTH = (2, 600)
MAX_TAGS = 5


def _length_error(text: str, low: int, high: int):
    if len(text) < low:
        return _l("Use at least %(n)s characters (you entered %(count)s).", n=low, count=len(text))
    if len(text) > high:
        return _l("Use at most %(n)s characters (you entered %(count)s).", n=high, count=len(text))
    return None


def tag_names(text: str) -> list[str]:
    """The tag names typed, in their order, without repeats."""
    return list(dict.fromkeys(n for n in re.split(r"[\s,]+", text.strip().lower()) if n))


def parse_tags(text: str) -> list[Tag]:
    names = tag_names(text)
    if not names:
        raise Invalid(_l("Choose at least one tag."), "tags")
    if len(names) > MAX_TAGS:
        raise Invalid(_l("Use at most %(n)s tags.", n=MAX_TAGS), "tags")
    found = tag_terms.resolve(names)
    unknown = [name for name in names if name not in found]
    if unknown:
        raise Invalid(_unknown_tags(unknown), "tags")
    return list(dict.fromkeys(found[name] for name in names))  # "descaling decalcificazione" is one tag


def _unknown_tags(unknown: list[str]):
    """Names the refused words and the known tags nearest to them, as the reader types them."""
    nearest = tag_terms.nearest(unknown, current_language())
    names = ", ".join(unknown)
    if nearest:
        return _l("Unknown tag: %(names)s. Did you mean %(nearest)s?", names=names, nearest=", ".join(nearest))
    return _l("Unknown tag: %(names)s. Choose from the existing tags.", names=names)


def _check_question(title: str, body: str, tags_text: str) -> list[Tag]:
    errors: dict[str | None, Any] = {}
    if message := _length_error(title, *TITLE_LENGTH):
        errors["title"] = message
    if message := _length_error(body, QUESTION_BODY_MIN, BODY_MAX):
        errors["body"] = message
    tags: list[Tag] = []
    try:
        tags = parse_tags(tags_text)
    except Invalid as error:
        errors.update(error.errors)
    if errors:
        raise Invalid(errors=errors)
    return tags


def add_revision(post: Post, author: User, summary: str = "") -> None:
    number = (db.session.scalar(select(func.max(Revision.number)).where(Revision.post_id == post.id)) or 0) + 1
    tags = " ".join(t.name for t in post.tags) if isinstance(post, Question) else None
    db.session.add(Revision(post_id=post.id, number=number, author_id=author.id, title=post.title,
                            body_markdown=post.body_markdown, tags=tags, summary=summary,
                            created_at=clock.now()))


def _touch(question_id: int) -> None:
    db.session.execute(update(Post).where(Post.id == question_id).values(last_activity_at=clock.now()))


def _change_tag_counts(tags: list[Tag], delta: int) -> None:
    if tags:
        db.session.execute(update(Tag).where(Tag.id.in_([t.id for t in tags]))
                           .values(question_count=Tag.question_count + delta))


def ask_question(author: User, title: str, body: str, tags_text: str, language: str | None = None,
                 allow_personal_data: bool = False, interface_language: str | None = None) -> Question:
    """Ask; `language` is the author's choice of the post's language, or None to read it from the text
    (the interface language only when the text is too short to tell)."""
    title, body = typed_text.single_line(title), typed_text.multi_line(body)
    tags = _check_question(title, body, tags_text)
    chosen = language in content_language.LANGUAGES
    language = content_language.choose(language, f"{title}\n{body}", interface_language or author.locale)
    warn_personal_data(f"{title}\n{body}", allow_personal_data)
    abuse.check_post_rate(author, "question", body)
    body_html = markup.render_post(body)
    abuse.check_post(author, "question", body, body_html)
    now = clock.now()
    question = Question(author_id=author.id, title=title, slug=slugify(title), body_markdown=body,
                        body_html=body_html, language=language, language_chosen=chosen, tags=tags,
                        created_at=now, last_activity_at=now)
    db.session.add(question)
    db.session.flush()
    images.show_images(author, question)
    _change_tag_counts(tags, +1)
    add_revision(question, author)
    events.emit(events.QuestionAsked(question))
    return question


def require_open(question: Question) -> None:
    if question.deleted_at is not None:
        raise NotAllowed(_l("This question has been deleted."))
    if question.locked_at is not None:
        raise NotAllowed(_l("This question is locked: no new answers or comments."))


def post_answer(author: User, question: Question, body: str, language: str | None = None,
                allow_personal_data: bool = False, as_official: bool = False,
                interface_language: str | None = None, saved_reply_id: int | None = None) -> Answer:
    """Answer a question; a moderator may answer directly as official (the brand vouches for it). The
    language as in ask_question; `saved_reply_id` the brand team's saved reply the answer was started from."""
    require_open(question)
    if question.closed_reason is not None:
        raise NotAllowed(_l("This question is closed: it no longer takes answers."))
    body = typed_text.multi_line(body)
    if message := _length_error(body, ANSWER_BODY_MIN, BODY_MAX):
        raise Invalid(message, "body")
    warn_personal_data(body, allow_personal_data)
    abuse.check_post_rate(author, "answer", body)
    body_html = markup.render_post(body)
    abuse.check_post(author, "answer", body, body_html)
    chosen = language in content_language.LANGUAGES
    language = content_language.choose(language, body, interface_language or author.locale)
    now = clock.now()
    answer = Answer(author_id=author.id, parent_id=question.id, body_markdown=body,
                    body_html=body_html, language=language, language_chosen=chosen, created_at=now,
                    last_activity_at=now)
    db.session.add(answer)
    db.session.flush()
    images.show_images(author, answer)
    db.session.execute(update(Post).where(Post.id == question.id)
                       .values(answer_count=Post.answer_count + 1, last_activity_at=now))
    add_revision(answer, author)
    awards.check("answer", author.id)
    events.emit(events.AnswerPosted(answer, question))
    if as_official and author.is_moderator:  # from anyone else the field is ignored
        official_answers.mark_official(author, answer)
    saved_replies.record_use(author, saved_reply_id)
    return answer


def add_comment(author: User, post: Post, body: str, allow_personal_data: bool = False) -> Comment:
    question = question_of(post)
    require_open(question)
    permissions.require_comment(author, post)
    if post.deleted_at is not None:
        raise NotAllowed(_l("This post has been deleted."))
    body = typed_text.multi_line(body)
    if message := _length_error(body, *COMMENT_LENGTH):
        raise Invalid(message, "body")
    warn_personal_data(body, allow_personal_data)
    abuse.check_post_rate(author, "comment", body)
    body_html = markup.render_comment(body)
    abuse.check_post(author, "comment", body, body_html)
    comment = Comment(post_id=post.id, author_id=author.id, body_markdown=body,
                      body_html=body_html, created_at=clock.now())
    db.session.add(comment)
    _touch(question.id)
    db.session.flush()
    awards.check("comment", author.id)
    events.emit(events.CommentPosted(comment, post))
    return comment


@dataclass(frozen=True)
class SavedEdit:
    """An edit was saved; `merged_with` is the newer version it was combined with, if any."""

    merged_with: Revision | None = None


def edit_question(editor: User, question: Question, title: str, body: str, tags_text: str, summary: str,
                  allow_personal_data: bool = False, base_revision: int | None = None,
                  language: str | None = None) -> SavedEdit:
    """Edit a question; `base_revision` is the version the editor's form showed (see merging.rebase); `language`
    as in languages.edited_language (None keeps it)."""
    permissions.require_edit(editor, question)
    require_not_deleted(question)
    mine = {"title": typed_text.single_line(title), "body": _text(body), "tags": " ".join(tag_names(tags_text))}
    fields, merged_with = merging.rebase(question, base_revision, mine)
    title, body = fields["title"], fields["body"]
    tags = _check_question(title, body, fields["tags"])
    language, chosen = languages.edited_language(question, language, f"{title}\n{body}")
    warn_personal_data(f"{title}\n{body}", allow_personal_data)
    before = {"title": question.title, "body": question.body_markdown, "tags": [t.name for t in question.tags],
              "language": question.language}
    if (title == question.title and body == _text(question.body_markdown) and set(tags) == set(question.tags)
            and language == question.language):
        raise Invalid(_l("Nothing was changed."), "body")
    if set(tags) != set(question.tags):
        _change_tag_counts([t for t in question.tags if t not in tags], -1)
        _change_tag_counts([t for t in tags if t not in question.tags], +1)
    question.title, question.slug, question.tags = title, slugify(title), tags
    question.language, question.language_chosen = language, chosen
    _set_body(question, body, editor)
    add_revision(question, editor, typed_text.single_line(summary)[:200])
    events.emit(events.PostEdited(question, editor))
    awards.check("edit", editor.id)
    if editor.id != question.author_id:
        audit.record(editor, "edit", "post", question.id, summary, before,
                     {"title": title, "body": body, "tags": [t.name for t in tags], "language": language})
    return SavedEdit(merged_with)


def edit_answer(editor: User, answer: Answer, body: str, summary: str, allow_personal_data: bool = False,
                base_revision: int | None = None, language: str | None = None) -> SavedEdit:
    permissions.require_edit(editor, answer)
    require_not_deleted(answer)
    fields, merged_with = merging.rebase(answer, base_revision, {"body": _text(body)})
    body = fields["body"]
    if message := _length_error(body, ANSWER_BODY_MIN, BODY_MAX):
        raise Invalid(message, "body")
    language, chosen = languages.edited_language(answer, language, body)
    if body == _text(answer.body_markdown) and language == answer.language:
        raise Invalid(_l("Nothing was changed."), "body")
    warn_personal_data(body, allow_personal_data)
    before = {"body": answer.body_markdown, "language": answer.language}
    answer.language, answer.language_chosen = language, chosen
    _set_body(answer, body, editor)
    add_revision(answer, editor, typed_text.single_line(summary)[:200])
    _touch(answer.question_id)
    events.emit(events.PostEdited(answer, editor))
    official_answers.official_answer_edited(editor, answer)
    awards.check("edit", editor.id)
    if editor.id != answer.author_id:
        audit.record(editor, "edit", "post", answer.id, summary, before, {"body": body, "language": language})
    return SavedEdit(merged_with)


def _text(body: str) -> str:
    """A body as typed (browsers send CRLF) and as stored compare alike."""
    return typed_text.multi_line(body)


def _set_body(post: Post, body: str, editor: User) -> None:
    now = clock.now()
    body_html = markup.render_post(body)
    abuse.check_edit(editor, body, body_html)
    before_html = post.body_html
    post.body_markdown, post.body_html = body, body_html
    post.last_edited_at = post.last_activity_at = now
    images.show_images(editor, post, before_html)


def remove_image(moderator: User, post: Post, image, reason: str = "") -> None:
    """A moderator takes an image down (app/uploads/operations.py `take_down`): every post showing it loses it
    from its text, a new revision each, the rest of the post as it was."""
    summary = str(_l("Image removed by the brand team"))
    for shown_in in images.take_down(moderator, post, image, reason):
        _set_body(shown_in, image_markup.without_image(shown_in.body_markdown, image), moderator)
        add_revision(shown_in, moderator, summary)
        if isinstance(shown_in, Answer):
            _touch(shown_in.question_id)


def require_not_deleted(post: Post) -> None:
    if post.deleted_at is not None:
        raise NotAllowed(_l("This post has been deleted."))


def delete_post(user: User, post: Post, as_spam: bool = False, reason: str = "") -> ModerationAction | None:
    """Soft-delete; the reputation its votes, acceptance and official mark earned is reversed. Returns the
    audit log's entry when someone other than the author deleted it."""
    permissions.require_delete(user, post)
    if as_spam and not user.is_moderator:
        raise NotAllowed(_l("Only moderators can delete posts as spam."))
    lock_users(user.id, post.author_id)
    db.session.refresh(post)  # read after the lock: a deletion made meanwhile is not counted twice
    require_not_deleted(post)
    post.deleted_at, post.deleted_by_id = clock.now(), user.id
    post.deletion_reason = "spam" if as_spam else None
    _count_post(post, -1)
    was_accepted = isinstance(post, Answer) and post.question.accepted_answer_id == post.id
    if was_accepted:
        question_of(post).accepted_answer_id = None  # a deleted answer cannot be the solution
    db.session.flush()
    if isinstance(post, Answer):
        official_answers.refresh_official_flag(post.question_id)
    events.emit(events.PostDeleted(post, user))
    ledger.sync(ledger.post_sources(post), actor_id=user.id, cause="post_deleted")
    awards.check("delete", post.author_id)
    if user.id == post.author_id:
        return None
    # Whether it was the accepted answer: undoing the deletion gives the acceptance back (app/moderation/undo.py).
    accepted = {"accepted": True} if was_accepted else {}
    return audit.record(user, "delete_spam" if as_spam else "delete", "post", post.id, reason,
                        {"deleted": False, **accepted}, {"deleted": True, "spam": as_spam,
                                                         **({"accepted": False} if was_accepted else {})})


def undelete_post(user: User, post: Post, action: str = "undelete") -> ModerationAction:
    """Restore a deleted post, and with it the reputation it had earned (and the spam penalty taken back).
    `action` names the log's entry: an undo of the deletion is logged as such (app/moderation/undo.py)."""
    if not user.is_moderator:
        raise NotAllowed(_l("Only moderators can restore deleted posts."))
    lock_users(user.id, post.author_id)
    db.session.refresh(post)
    if post.deleted_at is None:
        raise Conflict(_l("This post is not deleted."))
    before = {"deleted": True, "spam": post.deletion_reason == "spam"}
    post.deleted_at = post.deleted_by_id = post.deletion_reason = None
    _count_post(post, +1)
    db.session.flush()
    if isinstance(post, Answer):
        official_answers.refresh_official_flag(post.question_id)
    ledger.sync(ledger.post_sources(post), actor_id=user.id, cause="post_undeleted")
    return audit.record(user, action, "post", post.id, "", before, {"deleted": False})


def _count_post(post: Post, delta: int) -> None:
    if isinstance(post, Question):
        _change_tag_counts(post.tags, delta)
    else:
        db.session.execute(update(Post).where(Post.id == post.parent_id)
                           .values(answer_count=Post.answer_count + delta))


def accept_answer(user: User, answer: Answer, accept: bool | None = None) -> bool:
    """Accept the answer, or take the acceptance back (accept=False); None toggles. Accepting another answer
    moves the mark. Returns whether it is now accepted; asking for the state it already has changes nothing.

    The rows are locked before the state is read: simultaneous requests (a double click, several tabs) each
    see what the one before them did, so one acceptance is one acceptance, with one notification.
    """
    question = answer.question
    permissions.require_accept(user, question)
    _lock_for_acceptance(user, answer, question)
    require_not_deleted(question)
    require_not_deleted(answer)
    accepted = question.accepted_answer_id != answer.id if accept is None else accept
    if accepted == (question.accepted_answer_id == answer.id):
        return accepted
    moved = question.accepted_answer_id is not None
    question.accepted_answer_id = answer.id if accepted else None
    question.last_activity_at = clock.now()
    db.session.flush()
    ledger.sync(ledger.acceptance_sources(question.id), actor_id=user.id,
                cause="acceptance_moved" if moved else None)
    awards.check("accept", user.id, answer.author_id)
    if accepted:
        events.emit(events.AnswerAccepted(answer, user))
    return accepted


def _lock_for_acceptance(user: User, answer: Answer, question: Question) -> None:
    """Lock the asker and the authors whose points move, then read the question and answer again. Only the
    asker accepts, so their lock orders acceptances; the previously accepted answer's author is known only
    once the question is read again, and is locked then if another request had moved the mark meanwhile."""
    def accepted_author() -> int | None:
        if question.accepted_answer_id is None:
            return None
        return db.session.scalar(select(Post.author_id).where(Post.id == question.accepted_answer_id))

    locked = {user.id, answer.author_id, accepted_author()}
    lock_users(*locked)
    db.session.refresh(question)
    db.session.refresh(answer)
    if (previous := accepted_author()) not in locked:
        lock_users(previous)


class CountedViews:
    """The readers this process last saw counted, and when: a visitor's counted time only moves forward, so
    while it is inside the window the database would answer the same, and a reload skips the read."""

    def __init__(self, size: int = 10_000):
        self.size = size
        self.entries: OrderedDict[tuple, datetime] = OrderedDict()
        self.lock = threading.Lock()  # a threaded server shares one instance

    def get(self, key: tuple) -> datetime | None:
        with self.lock:
            return self.entries.get(key)

    def put(self, key: tuple, counted_at: datetime) -> None:
        with self.lock:
            self.entries[key] = counted_at
            self.entries.move_to_end(key)
            if len(self.entries) > self.size:
                self.entries.popitem(last=False)


def record_view(question_id: int, visitor: str, window_minutes: int) -> bool:
    """Count a view unless this visitor was counted within the window. Returns whether it counted.

    A visitor already counted in the window is answered by `CountedViews` or a read: the upsert would take
    SQLite's single write lock on every page view, and workers waiting for it sleep in SQLite's busy
    handler. Otherwise one upsert decides: it inserts a new visitor, or refreshes one last counted before
    the window, and does nothing if another worker counted them meanwhile, so concurrent requests count once.
    """
    now = clock.now()
    cutoff = now - timedelta(minutes=window_minutes)
    seen = current_app.extensions.setdefault("counted_views", CountedViews())
    last = seen.get((question_id, visitor))
    if last is None or last < cutoff:
        last = db.session.scalar(select(QuestionView.viewed_at).where(QuestionView.question_id == question_id,
                                                                       QuestionView.visitor == visitor))
    if last is not None and last >= cutoff:
        seen.put((question_id, visitor), last)
        return False
    insert = upsert.insert(db.session.get_bind().dialect.name)
    statement = insert(QuestionView).values(question_id=question_id, visitor=visitor, viewed_at=now)
    statement = statement.on_conflict_do_update(
        index_elements=[QuestionView.question_id, QuestionView.visitor],
        set_={"viewed_at": now},
        where=QuestionView.viewed_at < cutoff,
    )
    # psycopg forgets an INSERT's rowcount once SQLAlchemy closes the cursor, unless asked to keep it.
    counted = rowcount(db.session.execute(statement, execution_options={"preserve_rowcount": True})) == 1
    if counted:
        db.session.execute(update(Post).where(Post.id == question_id).values(view_count=Post.view_count + 1))
        seen.put((question_id, visitor), now)
    if random.random() < 0.01:
        # Rows past the window decide nothing any more: prune them now and then (on a write anyway).
        db.session.execute(delete(QuestionView).where(QuestionView.viewed_at < cutoff))
    return counted
