"""Matching a customer's question against the community's solved threads: the one retrieval the assistant,
the ask page's suggestions, "Related questions" and the duplicate picker all call.

BM25 over the assistant's index (app/assistant/index.py): each query term's rarity (idf) times the stored
term weights of the passages that hold it. Work is bounded for every input: a question keeps its
QUERY_TERMS most telling terms, and each term reads at most POSTINGS_PER_TERM passages, in weight order
(the index is sorted that way), so a common word costs no more than a rare one.

Two entry points:
- `answers()`: accepted and in-date official answers, best first, each with the confidence that decides
  what the assistant shows (see `Outcome`);
- `threads()`: questions (solved or not) close to a title or a whole question, for suggestions, related
  questions and duplicates.
"""

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, union_all
from sqlalchemy.orm import Session

from app import clock
from app.assistant import analysis
from app.assistant.analysis import Query
from app.assistant.index import IMPACT_SCALE
from app.models import AssistantPassage, AssistantStatistics, AssistantTerm, AssistantVocabulary

POSTINGS_PER_TERM = 1000
# In a thread's score, its best answer counts this much beside its question (for suggestions and
# duplicates), and for an answer, its question counts this much beside the answer's own text.
ANSWER_SHARE = 0.5
QUESTION_SHARE = 0.5


@dataclass(frozen=True)
class Match:
    question_id: int
    answer_id: int | None
    score: float
    # The share of the query's weight (terms × rarity) found in the best passage: 1.0 when every telling
    # word of the question is in it. Comparable between questions, unlike the raw score.
    coverage: float
    is_accepted: bool = False
    is_official: bool = False


@dataclass(frozen=True)
class _Scored:
    score: float
    matched: float  # weight of the query's terms the passage holds


def _weights(session: Session, query: Query, kind: str) -> dict[str, float]:
    """Query term → weight × idf, for the terms this kind of passage has, the QUERY_TERMS heaviest."""
    terms = query.for_kind(kind)
    if not terms:
        return {}
    total = session.scalar(select(AssistantStatistics.passages).where(AssistantStatistics.kind == kind)) or 0
    frequencies = dict(session.execute(select(AssistantVocabulary.term, AssistantVocabulary.passages).where(
        AssistantVocabulary.term.in_(list(terms)), AssistantVocabulary.passages > 0)).all())
    weighted = {term: weight * math.log(1 + (total - frequencies[term] + 0.5) / (frequencies[term] + 0.5))
                for term, weight in terms.items() if term in frequencies}
    return dict(heapq.nlargest(analysis.QUERY_TERMS, weighted.items(), key=lambda item: item[1]))


def query_weight(session: Session, query: Query, kind: str) -> float:
    return sum(_weights(session, query, kind).values())


def _score(session: Session, weights: dict[str, float], per_term: int) -> dict[int, _Scored]:
    """Passage id → BM25 score and matched weight, from each term's best POSTINGS_PER_TERM rows."""
    if not weights:
        return {}
    parts = [select(AssistantTerm.term, AssistantTerm.passage_id, AssistantTerm.impact)
             .where(AssistantTerm.term == term).order_by(AssistantTerm.impact.desc()).limit(per_term).subquery()
             for term in weights]
    statement = union_all(*(select(part) for part in parts)) if len(parts) > 1 else select(parts[0])
    scores: dict[int, list[float]] = {}
    for term, passage_id, impact in session.execute(statement):
        weight = weights[term]
        entry = scores.setdefault(passage_id, [0.0, 0.0])
        entry[0] += weight * impact / IMPACT_SCALE
        entry[1] += weight
    return {passage_id: _Scored(score, matched) for passage_id, (score, matched) in scores.items()}


def _passages(session: Session, ids: Iterable[int]) -> dict[int, AssistantPassage]:
    ids = list(ids)
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(AssistantPassage).where(AssistantPassage.id.in_(ids)))}


def citable(passage: AssistantPassage, now: datetime) -> bool:
    """An accepted answer, or an official one whose review date has not passed."""
    if passage.is_accepted:
        return True
    return passage.is_official and (passage.review_due_at is None or passage.review_due_at > now)


def answers(session: Session, query: Query, limit: int = 5, exclude: Iterable[int] = (),
            question_share: float = QUESTION_SHARE, per_term: int = POSTINGS_PER_TERM) -> list[Match]:
    """Citable answers, best first. `exclude`: question ids left out (their answers too).
    `question_share` 0 matches answers on their own text only."""
    excluded, now = set(exclude), clock.now()
    answer_weights = _weights(session, query, "answer")
    total = sum(answer_weights.values())
    scored = _score(session, answer_weights, per_term)
    if question_share:
        scored = _with_questions(session, query, scored, question_share, per_term)
    best = heapq.nlargest(limit * 3 + len(excluded) * 4, scored.items(), key=lambda item: item[1].score)
    rows = _passages(session, (passage_id for passage_id, _ in best))
    found = []
    for passage_id, result in best:
        passage = rows.get(passage_id)
        if passage is None or passage.question_id in excluded or not citable(passage, now):
            continue
        found.append(Match(passage.question_id, passage.answer_id, result.score,
                           min(1.0, result.matched / total) if total else 0.0, passage.is_accepted,
                           passage.is_official))
        if len(found) == limit:
            break
    return found


def _with_questions(session: Session, query: Query, scored: dict[int, _Scored], share: float,
                    per_term: int) -> dict[int, _Scored]:
    """Add each answer's question's score (scaled by `share`) to the answer's: in production the customer's
    words are matched against the thread's question too."""
    questions = _score(session, _weights(session, query, "question"), per_term)
    if not questions:
        return scored
    by_question = {p.id: p.question_id for p in _passages(session, questions).values()}
    question_scores = {by_question[i]: s.score for i, s in questions.items() if i in by_question}
    candidates = session.execute(select(AssistantPassage.id, AssistantPassage.question_id).where(
        AssistantPassage.kind == "answer", AssistantPassage.question_id.in_(list(question_scores)))).all()
    merged = dict(scored)
    for passage_id, question_id in candidates:
        own = merged.get(passage_id, _Scored(0.0, 0.0))
        merged[passage_id] = _Scored(own.score + share * question_scores[question_id], own.matched)
    return merged


def threads(session: Session, query: Query, limit: int = 5, exclude: Iterable[int] = (),
            answer_share: float = ANSWER_SHARE, per_term: int = POSTINGS_PER_TERM) -> list[Match]:
    """Questions close to this one (solved or not), best first: the question's own passage, plus
    `answer_share` of its best citable answer's score."""
    excluded = set(exclude)
    question_weights = _weights(session, query, "question")
    total = sum(question_weights.values())
    questions = _score(session, question_weights, per_term)
    answer_scores = _score(session, _weights(session, query, "answer"), per_term) if answer_share else {}
    rows = _passages(session, set(questions) | set(answer_scores))
    now = clock.now()
    by_thread: dict[int, list[float]] = {}
    for passage_id, result in questions.items():
        passage = rows.get(passage_id)
        if passage is not None and passage.question_id not in excluded:
            entry = by_thread.setdefault(passage.question_id, [0.0, 0.0, 0.0])
            entry[0] += result.score
            entry[2] = result.matched
    for passage_id, result in answer_scores.items():
        passage = rows.get(passage_id)
        if passage is not None and passage.question_id not in excluded and citable(passage, now):
            entry = by_thread.setdefault(passage.question_id, [0.0, 0.0, 0.0])
            entry[1] = max(entry[1], result.score)
    ranked = heapq.nlargest(limit, by_thread.items(), key=lambda item: item[1][0] + answer_share * item[1][1])
    return [Match(question_id, None, own + answer_share * answer, min(1.0, matched / total) if total else 0.0)
            for question_id, (own, answer, matched) in ranked]


def ask(title: str, body: str = "", language: str = "en") -> Query:
    """The customer's words as a query (the reader's language when the text is too short to tell)."""
    return analysis.query(title, body, language)
