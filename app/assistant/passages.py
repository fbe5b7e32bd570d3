"""The one place that decides what the assistant may match and cite: a thread's passages, built from the
database (the source of truth).

- `question`: the title (with an FAQ entry's own wording) and the body, for related threads and duplicates;
- `answer`: each accepted or brand-official answer with the comments under it — never an unaccepted
  answer, nor anything deleted, hidden or in a question closed as off-topic. An official mark suspended by
  someone else's edit is no mark: the brand no longer vouches for the answer as it reads.
"""

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from app.assistant import analysis, semantic
from app.content_language import detect
from app.models import Comment, FaqEntry, Post
from app.search.documents import html_paragraphs, html_text

NOT_CITED_CLOSED = ("off-topic",)


@dataclass
class Passage:
    question_id: int
    answer_id: int | None
    kind: str  # "question" or "answer"
    language: str
    terms: Counter
    is_accepted: bool = False
    is_official: bool = False
    review_due_at: datetime | None = None
    text: str = ""  # what the semantic model reads (it ignores analysis): an answer's paragraphs one a line
    length: float = field(init=False)
    stamp: str = field(init=False)

    def __post_init__(self):
        self.length = analysis.passage_length(self.terms)
        parts = [self.kind, str(self.answer_id), self.language, str(self.is_accepted), str(self.is_official),
                 self.review_due_at.isoformat() if self.review_due_at else "",
                 *(f"{term}={weight:g}" for term, weight in sorted(self.terms.items()))]
        self.stamp = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=10).hexdigest()


def _visible():
    return and_(Post.deleted_at.is_(None), Post.hidden_at.is_(None))


def build(session: Session, question_ids: list[int]) -> dict[int, list[Passage]]:
    """Passages of the matchable questions among these ids; a question missing from the result (deleted,
    hidden, closed as off-topic, or gone) must leave the index."""
    questions = [row for row in session.execute(
        select(Post.id, Post.kind, Post.title, Post.body_html, Post.language, Post.accepted_answer_id)
        .where(Post.id.in_(question_ids), _visible(),
               or_(Post.closed_reason.is_(None), Post.closed_reason.not_in(NOT_CITED_CLOSED))))
        if row.kind == "question"]
    if not questions:
        return {}
    found = [q.id for q in questions]
    accepted = {q.accepted_answer_id for q in questions if q.accepted_answer_id}
    answers = _answers(session, found, accepted)
    comments = _comments(session, [a.id for thread in answers.values() for a in thread])
    faq = dict(session.execute(select(FaqEntry.question_id, FaqEntry.title)
                               .where(FaqEntry.question_id.in_(found))).all())
    built = {}
    for q in questions:
        body = html_text(q.body_html)
        language = q.language or detect(f"{q.title} {body}")
        question_parts = [(q.title or "", analysis.TITLE_WEIGHT), (faq.get(q.id, ""), analysis.TITLE_WEIGHT),
                          (body[:analysis.PASSAGE_CHARS], 1.0)]
        passages = [Passage(q.id, None, "question", language, analysis.passage_terms("question", question_parts),
                            text=f"{q.title}. {body}"[:semantic.QUESTION_TEXT_CHARS])]
        for answer in answers[q.id]:
            text = html_text(answer.body_html)
            remarks = " ".join(comments[answer.id])[:analysis.COMMENTS_CHARS]
            parts = [(text[:analysis.PASSAGE_CHARS], 1.0), (remarks, analysis.COMMENT_WEIGHT)]
            passages.append(Passage(
                q.id, answer.id, "answer", answer.language or detect(text, language),
                analysis.passage_terms("answer", parts), is_accepted=answer.id in accepted,
                is_official=bool(answer.is_official), review_due_at=answer.official_review_due_at,
                text="\n".join(html_paragraphs(answer.body_html))))
        built[q.id] = passages
    return built


def _answers(session: Session, question_ids: list[int], accepted: set[int]) -> dict[int, list]:
    """The accepted and official live answers of these questions."""
    rows = session.execute(
        select(Post.id, Post.parent_id, Post.body_html, Post.language, Post.is_official.label("is_official"),
               Post.official_review_due_at)
        .where(Post.parent_id.in_(question_ids), _visible(),
               or_(Post.id.in_(accepted), Post.is_official)).order_by(Post.id))
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        grouped[row.parent_id].append(row)
    return grouped


def _comments(session: Session, post_ids: list[int]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    if post_ids:
        for post_id, body in session.execute(select(Comment.post_id, Comment.body_html).where(
                Comment.post_id.in_(post_ids), Comment.deleted_at.is_(None)).order_by(Comment.id)):
            grouped[post_id].append(html_text(body))
    return grouped


def matchable_ids(session: Session) -> list[int]:
    """Every question that should have passages, in id order."""
    return list(session.scalars(select(Post.id).where(
        Post.kind == "question", _visible(),
        or_(Post.closed_reason.is_(None), Post.closed_reason.not_in(NOT_CITED_CLOSED))).order_by(Post.id)))
