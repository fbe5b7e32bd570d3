"""The one place that decides what is searchable: a question's search document, built from the
database (the source of truth) for any backend. Add a searchable part or flag here and nowhere else."""

import hashlib
import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from app import content_language
from app.models import Comment, FaqEntry, Post, Tag, User, question_tags
from app.search.ranking import quality_boost

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_BLOCK_END = re.compile(r"</(?:p|li|pre|blockquote|h[1-6]|ul|ol|table|tr)>|<br\s*/?>", re.IGNORECASE)


@dataclass
class SearchDocument:
    question_id: int
    language: str
    title: str
    body: str  # the question and the comments under it
    answers: str  # answers and their comments
    accepted: str  # the accepted answer and the brand's official ones: weighted more
    tags: list[str]
    author: str  # username, lower-cased, for user:name
    created_at: datetime
    score: int
    answer_count: int
    is_solved: bool
    is_closed: bool
    is_official: bool = False  # a live answer is marked official by the brand
    in_faq: bool = False
    flags: list[str] = field(init=False)
    boost: float = field(init=False)
    stamp: str = field(init=False)

    def __post_init__(self) -> None:
        self.flags = [name for name, on in (
            ("answered", self.answer_count > 0), ("unanswered", self.answer_count == 0),
            ("solved", self.is_solved), ("official", self.is_official), ("faq", self.in_faq),
            ("closed", self.is_closed)) if on]
        self.boost = quality_boost(solved=self.is_solved, official=self.is_official, in_faq=self.in_faq,
                                   closed=self.is_closed, score=self.score, answer_count=self.answer_count)
        self.stamp = self._fingerprint()

    def _fingerprint(self) -> str:
        """A digest of everything searchable, the score included (a vote reindexes its question).
        `flask search check` compares it with the index's copy."""
        parts = (self.language, self.title, self.body, self.answers, self.accepted, " ".join(self.tags),
                 self.author, self.created_at.isoformat(), " ".join(self.flags), str(self.score))
        return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=10).hexdigest()


def _visible() -> ColumnElement[bool]:
    """Deleted posts, and posts hidden pending review after flags, are not searchable."""
    return and_(Post.deleted_at.is_(None), Post.hidden_at.is_(None))


def html_text(rendered: str) -> str:
    """Plain text of our sanitised HTML. A regular expression suffices (and is ~100× faster than a
    parser) because the markup module wrote this HTML: no comments, scripts or stray brackets."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", rendered))).strip()


def html_paragraphs(rendered: str) -> list[str]:
    """Plain text of our sanitised HTML, one string per paragraph, list item or code block, empty ones left
    out: where a long text may be cut without splitting a thought."""
    return [text for text in (html_text(block) for block in _BLOCK_END.split(rendered or "")) if text]


def build(session: Session, question_ids: list[int]) -> dict[int, SearchDocument]:
    """Documents for the searchable questions among these ids; an id missing from the result
    (deleted, hidden, or gone) must leave the index."""
    # The kind is checked here, not in SQL: with `kind = 'question'` SQLite walks the (kind, score) index
    # over every question instead of looking the ids up.
    questions = [row for row in session.execute(
        select(Post.id, Post.title, Post.body_html, Post.language, Post.created_at, Post.score,
               Post.answer_count, Post.accepted_answer_id, Post.closed_reason, User.username, Post.kind)
        .outerjoin(User, User.id == Post.author_id)
        .where(Post.id.in_(question_ids), _visible())) if row.kind == "question"]
    if not questions:
        return {}
    found = [q.id for q in questions]
    answers, tags, in_faq = _answers(session, found), _tags(session, found), _in_faq(session, found)
    comments = _comments(session, found + [a for thread in answers.values() for a, _, _ in thread])
    documents = {}
    for q in questions:
        accepted: list[str] = []
        others: list[str] = []
        for answer_id, text, official in answers[q.id]:
            target = accepted if answer_id == q.accepted_answer_id or official else others
            target.append(text)
            others.extend(comments[answer_id])
        documents[q.id] = SearchDocument(
            question_id=q.id, language=q.language or content_language.detect(f"{q.title} {html_text(q.body_html)}"),
            title=q.title or "", body=" ".join([html_text(q.body_html), *comments[q.id]]),
            answers=" ".join(others), accepted=" ".join(accepted), tags=tags[q.id],
            author=(q.username or "").lower(), created_at=q.created_at, score=q.score,
            answer_count=q.answer_count, is_solved=q.accepted_answer_id is not None,
            is_closed=q.closed_reason is not None, is_official=any(a[2] for a in answers[q.id]),
            in_faq=q.id in in_faq)
    return documents


def _answers(session: Session, question_ids: list[int]) -> dict[int, list[tuple[int, str, bool]]]:
    """(answer id, text, marked official) of each question's live answers."""
    # parent_id alone says "answer": with a condition on kind too, SQLite picks the (kind, …) index and
    # reads every answer.
    rows = session.execute(select(Post.parent_id, Post.id, Post.body_html, Post.is_official.label("official")).where(
        Post.parent_id.in_(question_ids), _visible()).order_by(Post.id))
    grouped: dict[int, list[tuple[int, str, bool]]] = defaultdict(list)
    for parent_id, answer_id, body, official in rows:  # answers of these questions: never without a parent
        grouped[cast(int, parent_id)].append((answer_id, html_text(body), bool(official)))
    return grouped


def _in_faq(session: Session, question_ids: list[int]) -> set[int]:
    return set(session.scalars(select(FaqEntry.question_id).where(FaqEntry.question_id.in_(question_ids))))


def _comments(session: Session, post_ids: list[int]) -> dict[int, list[str]]:
    """Comments by the post they are on (question or answer)."""
    rows = session.execute(select(Comment.post_id, Comment.body_html).where(
        Comment.post_id.in_(post_ids), Comment.deleted_at.is_(None)).order_by(Comment.id))
    grouped: dict[int, list[str]] = defaultdict(list)
    for post_id, body in rows:
        grouped[post_id].append(html_text(body))
    return grouped


def _tags(session: Session, question_ids: list[int]) -> dict[int, list[str]]:
    rows = session.execute(select(question_tags.c.question_id, Tag.name).join(
        Tag, Tag.id == question_tags.c.tag_id).where(question_tags.c.question_id.in_(question_ids))
        .order_by(Tag.name))
    grouped: dict[int, list[str]] = defaultdict(list)
    for question_id, name in rows:
        grouped[question_id].append(name)
    return grouped


def searchable_ids(session: Session) -> list[int]:
    """Every question that should be in the index, in id order."""
    return list(session.scalars(select(Post.id).where(Post.kind == "question", _visible()).order_by(Post.id)))
