"""Reads for the question page: its rows in one statement, what they decide before anything is rendered (the
status, the address, the fingerprint), and the view model built from the same rows when the page is rendered."""

import functools
import logging
from collections import defaultdict
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import bindparam

from app.extensions import db, plain_rows, read_connection
from app.models import Post
from app.questions import attributions
from app.questions.view_models import RELATED, QuestionPage, Related, answer_order, named_original, page_statement
from app.seo import caching
from app.view_models import Statement, views

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageRows:
    """The question page's rows as read (plain values, as stored), before anything is built from them."""
    question_id: int
    rows: list[tuple]
    staff: bool

    @property
    def statement(self) -> Statement:
        return page_statement(self.staff)

    @functools.cached_property
    def question(self) -> tuple:
        """The question's row (`read_page` gives no rows without one)."""
        return next(row for row in self.rows if row[0] == "question")

    def value(self, name: str):
        """One of the question's own fields, as stored."""
        return self.statement.value(self.question, name)

    def with_view_counted(self) -> "PageRows":
        """The rows as the database holds them once this reader's view is counted (one more view)."""
        position = self.statement.position("question", "view_count")
        counted = (*self.question[:position], self.question[position] + 1, *self.question[position + 1:])
        return PageRows(self.question_id, [counted if row is self.question else row for row in self.rows],
                        self.staff)

    @property
    def post_ids(self) -> list[int]:
        return [row[1] for row in self.rows if row[0] in ("question", "answer")]

    def validators(self) -> caching.Validators:
        """The page's ETag (a fingerprint of every keyed field read) and Last-Modified (its newest moment)."""
        dialect = db.engine.dialect
        return caching.validators(self.statement.key_facts(self.rows), self.statement.newest_moment(self.rows, dialect))


def read_page(question_id: int, staff: bool = False) -> PageRows | None:
    """The page's rows; None when no post has this id. `staff`: the brand team's page (deleted and hidden answers
    too)."""
    with read_connection() as connection:
        rows = plain_rows(connection, page_statement(staff).statement, {"question_id": question_id})
    return PageRows(question_id, rows, staff) if any(row[0] == "question" for row in rows) else None


def read_existing_page(question_id: int, staff: bool = False) -> PageRows:
    """The rows of a question this request has just read or written."""
    read = read_page(question_id, staff)
    if read is None:
        raise LookupError(f"no post {question_id}")
    return read


def build_page(read: PageRows, with_related: bool = True) -> QuestionPage:
    """The view model of the page from its rows (no further statement, but the related questions' search)."""
    dialect = db.session.get_bind().dialect
    statement = read.statement
    by_part: dict[str, list] = defaultdict(list)
    seen = set()
    for row in read.rows:
        if row[:2] not in seen:  # a row joined twice (two origins for one post) counts once
            seen.add(row[:2])
            by_part[row[0]].append(row)
    tags = tuple(sorted((statement.build(row, dialect) for row in by_part["tag"]), key=lambda tag: tag.name))
    twins = tuple(sorted((statement.build(row, dialect) for row in by_part["twin"]),
                         key=lambda twin: (twin.created_at, twin.id)))
    question = statement.build(read.question, dialect, tags=tags, twins=twins)
    answers = sorted((statement.build(row, dialect, question=question) for row in by_part["answer"]),
                     key=answer_order(question))
    comments: dict[int, list] = defaultdict(list)
    for comment in sorted((statement.build(row, dialect) for row in by_part["comment"]),
                          key=lambda c: (c.created_at, c.id)):
        comments[comment.post_id].append(comment)
    faq = statement.build(by_part["faq"][0], dialect) if by_part["faq"] else None
    survey = next((s for s in (statement.build(row, dialect) for row in by_part["survey"])
                   if s.asker_id == question.author_id), None)
    credits = {(kind, post.id): credit for kind, post in (
        ("question", question), *(("answer", a) for a in answers),
        *(("comment", c) for post_comments in comments.values() for c in post_comments))
        if (credit := attributions.attribution(kind, post)) is not None}
    return QuestionPage(question=question, answers=tuple(answers),
                        comments={post_id: tuple(items) for post_id, items in comments.items()},
                        original=question.original if named_original(question, question.original) else None,
                        faq=faq, attributions=credits, survey=survey,
                        related=related_questions(question) if with_related else (), staff=read.staff)


@functools.cache
def _related_by_id():
    return RELATED.select(Post.id.in_(bindparam("ids", expanding=True)), Post.deleted_at.is_(None),
                          Post.hidden_at.is_(None))


def related_questions(question) -> tuple[Related, ...]:
    """Answered questions like this one, found by its title and kept for a cache lifetime (other questions'
    changes lag as the view count does). A broken index shows none rather than an error."""
    return caching.keep_value(("related", question.id, question.title), lambda: _find_related(question))


def _find_related(question) -> tuple[Related, ...]:
    try:
        ids = current_app.extensions["search"].suggest(question.title or "", current_app.config["SEARCH_RELATED"],
                                                       exclude=question.id)
    except Exception:
        log.exception("related questions failed for %s", question.id)
        return ()
    if not ids:
        return ()
    found = {r.id: r for r in views(RELATED, db.session.execute(_related_by_id(), {"ids": ids}),
                                     db.session.get_bind().dialect) if r.kind == "question"}
    return tuple(found[i] for i in ids if i in found)
