"""Reads for the FAQ pages: the entries as the FAQ shows them (view models, app/view_models.py) and as the API and
the moderators' forms use them."""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, lazyload, load_only
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.i18n import current_language
from app.models import FaqEntry, Post, Tag
from app.questions.queries import request_memo
from app.questions.view_models import TagCard, name_order
from app.reading import Reading
from app.view_models import Joined, Part, composed, model_property, shown, views


@dataclass(frozen=True)
class FaqQuestion:
    id: int = shown(Post.id)
    kind: str = shown(Post.kind)
    slug: str | None = shown(Post.slug)
    language: str | None = shown(Post.language)
    deleted_at: object = shown(Post.deleted_at)
    hidden_at: object = shown(Post.hidden_at)

    is_public = model_property(Post, "is_public")


@dataclass(frozen=True)
class FaqAnswer:
    """The featured answer: whether it is live and still official (the entry shows the approved text)."""
    id: int = shown(Post.id)
    deleted_at: object = shown(Post.deleted_at)
    hidden_at: object = shown(Post.hidden_at)
    official_at: object = shown(Post.official_at, moment=True)
    official_suspended_at: object = shown(Post.official_suspended_at)

    is_public = model_property(Post, "is_public")
    is_official = model_property(Post, "is_official")


@dataclass(frozen=True)
class FaqEntryView:
    id: int = shown(FaqEntry.id)
    title: str = shown(FaqEntry.title)
    language: str = shown(FaqEntry.language)
    approved_html: str = shown(FaqEntry.approved_html)
    wording_html: str | None = shown(FaqEntry.wording_html)
    question_id: int = shown(FaqEntry.question_id)
    position: int = shown(FaqEntry.position)
    needs_review_at: object = shown(FaqEntry.needs_review_at)
    created_at: object = shown(FaqEntry.created_at, moment=True)
    updated_at: object = shown(FaqEntry.updated_at, moment=True)
    tag: TagCard | None = composed()
    question: FaqQuestion | None = composed()
    answer: FaqAnswer | None = composed()


def _post(field: str, view: type, key: str) -> Joined:
    return Joined(field, view, lambda post, _joined: post.c.id == FaqEntry.__table__.c[key])


ENTRIES = Part("faq entry", FaqEntryView, FaqEntry.__table__, joined=(
    Joined("tag", TagCard, lambda tag, _joined: tag.c.id == FaqEntry.__table__.c.tag_id),
    _post("question", FaqQuestion, "question_id"), _post("answer", FaqAnswer, "answer_id")))


def shown_entry(entry) -> bool:
    """Only live questions, and only while the featured answer is live too (a deleted or hidden answer's approved
    text is not shown: the entry waits in Review due, or for the flags to be handled)."""
    return entry.question is not None and entry.question.is_public and (entry.answer is None or entry.answer.is_public)


@functools.cache
def _entries():
    entry = FaqEntry.__table__
    return ENTRIES.select().order_by(ENTRIES.alias("tag").c.name, entry.c.position, entry.c.id)


def faq_groups(tag: TagCard | None = None, reading: Reading | None = None
               ) -> tuple[tuple[TagCard | None, tuple[FaqEntryView, ...]], ...]:
    """The FAQ as it shows: entries grouped by product, products by their name in the reader's language, entries by
    position (one statement), as `reading` asks (every entry when not given)."""
    statement = _entries()
    if tag is not None:
        statement = statement.where(FaqEntry.tag_id == tag.id)
    rows = db.session.execute(statement)
    entries = [e for e in views(ENTRIES, rows, db.session.get_bind().dialect) if shown_entry(e)]
    entries.sort(key=_product_order(reading.reader if reading is not None else current_language()))
    if reading is not None:
        entries = for_reading(entries, reading)
    return tuple((key, tuple(group)) for key, group in groupby(entries, key=lambda e: e.tag))


def _product_order(language: str) -> Callable[[FaqEntryView], tuple]:
    """Products by the name a reader of `language` sees; entries without a product last. A stable sort: each
    product's entries keep their positions."""
    by_name = name_order(language)

    def key(entry: FaqEntryView) -> tuple:
        return (1, ("", ""), 0) if entry.tag is None else (0, by_name(entry.tag), entry.tag.id)
    return key


def for_reading(entries: list, reading: Reading) -> list:
    """The entries a reader sees, in order: one language when asked for; by default the reader's language, and an
    entry in the other language only for a thread no entry in the reader's language covers; every entry in the
    "all" view. The reader's language comes first within each product (the sort keeps products and positions)."""
    if reading.only:
        return [e for e in entries if e.language == reading.only]
    if reading.first:
        covered = {e.question_id for e in entries if e.language == reading.reader}
        entries = [e for e in entries if e.language == reading.reader or e.question_id not in covered]
    places = {e.tag: index for index, e in enumerate(entries)}  # each product's place, as read
    return sorted(entries, key=lambda e: (places[e.tag], e.language != reading.reader))


def list_entries(tag: Tag | None = None) -> list[tuple[Tag | None, list[FaqEntry]]]:
    """Entries grouped by product, products by name, entries by position; only live questions, and only while
    the featured answer is live too (a deleted or hidden answer's approved text is not shown: the entry waits
    in Review due, or for the flags to be handled)."""
    # The entries alone (a few hundred at most), their posts read by id afterwards and the deleted or hidden
    # questions left out here: joined to the posts, SQLite may start from the posts (an index holding the
    # deleted and hidden columns covers them) and read every question for each page.
    query = (select(FaqEntry).outerjoin(Tag, Tag.id == FaqEntry.tag_id)
             .options(contains_eager(FaqEntry.tag), lazyload(FaqEntry.question), lazyload(FaqEntry.answer))
             .order_by(Tag.name, FaqEntry.position, FaqEntry.id))
    if tag is not None:
        query = query.where(FaqEntry.tag_id == tag.id)
    entries = [entry for entry in _with_posts(list(db.session.scalars(query))) if shown_entry(entry)]
    return [(key, list(group)) for key, group in groupby(entries, key=lambda e: e.tag)]


def _with_posts(entries: list[FaqEntry]) -> list[FaqEntry]:
    """The entries' questions and answers in one read by primary key, with only what the FAQ shows, set on
    the entries as if loaded with them. Loading them per subclass (joined, selectin or lazy) adds a kind
    condition, and SQLite answers `id IN (…) AND kind = 'answer'` from the kind index, reading every answer
    of the site."""
    ids = {entry.question_id for entry in entries} | {entry.answer_id for entry in entries if entry.answer_id}
    if not ids:
        return entries
    posts = {post.id: post for post in db.session.scalars(select(Post).where(Post.id.in_(ids)).options(
        load_only(Post.id, Post.kind, Post.slug, Post.language, Post.parent_id, Post.deleted_at, Post.hidden_at,
                  Post.official_at, Post.official_suspended_at), lazyload("*")))}
    for entry in entries:
        set_committed_value(entry, "question", posts.get(entry.question_id))
        set_committed_value(entry, "answer", posts.get(entry.answer_id) if entry.answer_id else None)
    return entries


def entry_for_question(question_id: int) -> FaqEntry | None:
    """The question's entry (its first, when it has one in each language)."""
    return request_memo(("faq entry", question_id),
                        lambda: db.session.scalar(select(FaqEntry).where(FaqEntry.question_id == question_id)
                                                  .order_by(FaqEntry.id).limit(1)))


def entry_in(question_id: int, language: str) -> FaqEntry | None:
    """The question's entry in one language."""
    return db.session.scalar(select(FaqEntry).where(FaqEntry.question_id == question_id,
                                                    FaqEntry.language == language))


def get_entry(entry_id: int) -> FaqEntry:
    return db.session.get(FaqEntry, entry_id) or abort(404)
