"""Reads for the FAQ pages."""

from itertools import groupby

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import FaqEntry, Post, Tag
from app.questions.queries import request_memo


def list_entries(tag: Tag | None = None) -> list[tuple[Tag | None, list[FaqEntry]]]:
    """Entries grouped by product, products by name, entries by position; only live questions."""
    # Joined through Post (no kind condition) and the posts loaded by id afterwards: otherwise SQLite
    # starts from every question (the kind index) and builds every answer-question pair for each page.
    query = (select(FaqEntry).join(Post, Post.id == FaqEntry.question_id).outerjoin(Tag, Tag.id == FaqEntry.tag_id)
             .where(Post.deleted_at.is_(None), Post.hidden_at.is_(None))
             .options(selectinload(FaqEntry.question), selectinload(FaqEntry.answer))
             .order_by(Tag.name, FaqEntry.position, FaqEntry.id))
    if tag is not None:
        query = query.where(FaqEntry.tag_id == tag.id)
    entries = list(db.session.scalars(query))
    return [(key, list(group)) for key, group in groupby(entries, key=lambda e: e.tag)]


def entry_for_question(question_id: int) -> FaqEntry | None:
    return request_memo(("faq entry", question_id),
                        lambda: db.session.scalar(select(FaqEntry).where(FaqEntry.question_id == question_id)))


def get_entry(entry_id: int) -> FaqEntry:
    return db.session.get(FaqEntry, entry_id) or abort(404)
