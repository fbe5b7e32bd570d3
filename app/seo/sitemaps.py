"""Sitemaps: an index of child files, each at most SITEMAP_URLS_PER_FILE URLs, streamed from the database.

A child file is a range of ids (`questions-3` = ids 2·N+1 … 3·N), so it holds at most N URLs by
construction, is found by one indexed range scan, and stays stable while the site grows. The index lists
only ranges that have rows (one GROUP BY per section). Rows are streamed in batches (`yield_per`), never
loaded all at once. A question linked to its translations carries their hreflang alternates (`xhtml:link`,
app/seo/alternates.py), read in the same statement: one row per twin, a handful at most.
"""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from flask import current_app, url_for
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import QueryableAttribute, aliased

from app.extensions import db
from app.models import FaqEntry, Question, QuestionTwin, Tag, User
from app.seo import alternates, indexing
from app.slugs import slugify
from app.urls import absolute_url

XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
BATCH = 1000
# Lists every search visitor may start from; one small file.
PAGES = ("questions.index", "questions.tags", "faq.index", "reputation.members", "badges.index")


def per_file() -> int:
    return int(current_app.config["SITEMAP_URLS_PER_FILE"])


def _bucket(column):
    """1 for ids 1…N, 2 for N+1…2N …: integer division on both SQLite and PostgreSQL."""
    return ((column - 1) // per_file() + 1).label("number")


def _in_bucket(column, number: int):
    size = per_file()
    return column.between((number - 1) * size + 1, number * size)


def _live_faq_tags():
    return (select(FaqEntry.tag_id.label("tag_id"), func.max(FaqEntry.updated_at).label("lastmod"))
            .join(Question, Question.id == FaqEntry.question_id)
            .where(Question.deleted_at.is_(None), Question.hidden_at.is_(None), FaqEntry.tag_id.is_not(None))
            .group_by(FaqEntry.tag_id).subquery())


@dataclass(frozen=True)
class Section:
    column: QueryableAttribute[int]  # the id column that cuts the section into files
    query: Select  # (id, what the URL needs) of every row that belongs in the section
    lastmod: QueryableAttribute[Any] | ColumnElement[Any] | None = None  # None where a page's last change is unknown


def _sections() -> dict[str, Section]:
    faq = _live_faq_tags()
    return {
        "questions": Section(Question.id, select(Question.id, Question.slug)
                             .where(indexing.indexable_question_condition()), Question.last_activity_at),
        "faq": Section(faq.c.tag_id, select(faq.c.tag_id, Tag.name).join(Tag, Tag.id == faq.c.tag_id), faq.c.lastmod),
        "tags": Section(Tag.id, select(Tag.id, Tag.name).where(Tag.question_count > 0)),
        "users": Section(User.id, select(User.id, User.username).where(indexing.user_has_content_condition())),
    }


SECTIONS = ("pages", "questions", "faq", "tags", "users")


def _location(section: str, row) -> str:
    if section == "questions":
        return url_for("questions.show", question_id=row[0], slug=row[1])
    if section == "tags":
        return url_for("questions.tagged", name=row[1])
    if section == "faq":
        return url_for("faq.product", name=row[1])
    return url_for("accounts.profile", user_id=row[0], slug=slugify(row[1]))


def child_files() -> list[tuple[str, int, datetime | None]]:
    """(section, number, newest lastmod) of every child file that has URLs."""
    files: list[tuple[str, int, datetime | None]] = [("pages", 1, None)]
    for name, section in _sections().items():
        columns = [_bucket(section.column)] + ([func.max(section.lastmod)] if section.lastmod is not None else [])
        numbers = (section.query.with_only_columns(*columns, maintain_column_froms=True)
                   .group_by("number").order_by("number"))
        files.extend((name, row[0], row[1] if len(row) > 1 else None) for row in db.session.execute(numbers))
    return files


def has_file(section: str, number: int) -> bool:
    if section == "pages" or number < 1:
        return section == "pages" and number == 1
    chosen = _sections()[section]
    return db.session.scalar(chosen.query.where(_in_bucket(chosen.column, number)).limit(1)) is not None


def urls(section: str, number: int) -> Iterator[tuple]:
    """(absolute URL, lastmod[, alternates]) of one child file, streamed."""
    if section == "pages":
        yield from ((absolute_url(url_for(endpoint)), None) for endpoint in PAGES)
        return
    if section == "questions":
        yield from _question_urls(number)
        return
    chosen = _sections()[section]
    query = chosen.query.where(_in_bucket(chosen.column, number)).order_by(chosen.column)
    if chosen.lastmod is not None:
        query = query.add_columns(chosen.lastmod)
    for row in db.session.execute(query.execution_options(yield_per=BATCH)):
        yield absolute_url(_location(section, row)), row[2] if len(row) > 2 else None


def _question_urls(number: int) -> Iterator[tuple]:
    """The questions of one file, each with its indexable twins' alternates (outer joins: one row per twin)."""
    chosen = _sections()["questions"]
    assert chosen.lastmod is not None  # a question's last activity
    own, mate, twin = aliased(QuestionTwin), aliased(QuestionTwin), aliased(Question)
    query = (chosen.query.where(_in_bucket(chosen.column, number))
             .add_columns(chosen.lastmod, twin.id, twin.slug, twin.language, twin.created_at)
             .outerjoin(own, own.question_id == Question.id)
             .outerjoin(mate, mate.group_id == own.group_id)
             .outerjoin(twin, (twin.id == mate.question_id) & indexing.indexable_question_condition(twin))
             .order_by(Question.id, twin.id))
    rows = db.session.execute(query.execution_options(yield_per=BATCH))
    for _question_id, grouped in itertools.groupby(rows, key=lambda row: row[0]):
        group = list(grouped)
        pages = [(row[5], row[6], row[3], url_for("questions.show", question_id=row[3], slug=row[4]))
                 for row in group if row[3] is not None and row[5]]
        links = alternates.hreflang_links(pages) if len(pages) > 1 else []
        yield absolute_url(_location("questions", group[0])), group[0][2], links


def _lastmod(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return f"<lastmod>{moment.astimezone(UTC).isoformat(timespec='seconds')}</lastmod>"


def render_index(files) -> Iterator[str]:
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{XMLNS}">\n'
    for section, number, lastmod in files:
        location = absolute_url(url_for("seo.sitemap_file", section=section, number=number))
        yield f"<sitemap><loc>{escape(location)}</loc>{_lastmod(lastmod)}</sitemap>\n"
    yield "</sitemapindex>\n"


def _alternates(links: list[tuple[str, str]]) -> str:
    return "".join(f'<xhtml:link rel="alternate" hreflang="{escape(language)}" href="{escape(location)}"/>'
                   for language, location in links)


def render_urlset(entries: Iterator[tuple]) -> Iterator[str]:
    yield f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{XMLNS}" xmlns:xhtml="{XHTML}">\n'
    batch = []
    for location, lastmod, *links in entries:
        batch.append(f"<url><loc>{escape(location)}</loc>{_lastmod(lastmod)}{_alternates(links[0] if links else [])}"
                     "</url>\n")
        if len(batch) >= BATCH:  # fewer, larger writes to the socket
            yield "".join(batch)
            batch = []
    yield "".join(batch) + "</urlset>\n"
