"""Reads for the FAQ pages."""

from itertools import groupby

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, lazyload, load_only
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.models import FaqEntry, Post, Tag
from app.questions.queries import request_memo


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
    entries = [entry for entry in _with_posts(list(db.session.scalars(query)))
               if entry.question is not None and entry.question.is_public
               and (entry.answer is None or entry.answer.is_public)]
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
    return request_memo(("faq entry", question_id),
                        lambda: db.session.scalar(select(FaqEntry).where(FaqEntry.question_id == question_id)))


def get_entry(entry_id: int) -> FaqEntry:
    return db.session.get(FaqEntry, entry_id) or abort(404)
