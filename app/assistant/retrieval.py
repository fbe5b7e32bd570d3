"""Matching a customer's question against the community's solved threads: the one retrieval the assistant,
the ask page's suggestions, "Related questions" and the duplicate picker all call.

BM25 over the assistant's index (app/assistant/index.py): each query term's rarity (idf) times the stored
term weights of the passages that hold it. Work is bounded for every input: a question keeps its
QUERY_TERMS most telling terms, and each term reads at most POSTINGS_PER_TERM passages, in weight order
(the index is sorted that way), so a common word costs no more than a rare one. With the semantic model on
(app/assistant/semantic.py), each passage's score is a blend of its keyword score and its similarity to
the question, both scaled to 0–1 over the passages of its kind (SEMANTIC_SHARE of the similarity).

Two entry points:
- `answers()`: accepted and in-date official answers, best first, each with its confidence;
- `threads()`: questions (solved or not) close to a title or a whole question, for suggestions, related
  questions and duplicates.
"""

import heapq
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select, union_all
from sqlalchemy.orm import Session

from app import clock
from app.assistant import analysis, semantic
from app.assistant.analysis import Query
from app.assistant.index import IMPACT_SCALE
from app.models import AssistantPassage, AssistantStatistics, AssistantTerm, AssistantVocabulary

POSTINGS_PER_TERM = 300  # with QUERY_TERMS 16: 51 ms of CPU for a long question at 100,000 (bench/results)
# In a thread's score, its best answer's keyword score counts this much beside its question; for an
# answer, its question counts QUESTION_SHARE beside the answer's own text.
ANSWER_SHARE = 0.5
# With the model, a question's similarity already carries what its answers' words add: the answers count
# nothing (measured on beer's 17 duplicates: the original among the first 5 for 88 % of title-and-body
# questions, 76 % with half the answers' weight; without the model half the weight is best).
SEMANTIC_ANSWER_SHARE = 0.0
QUESTION_SHARE = 0.5
SEMANTIC_SHARE = 0.7


@dataclass(frozen=True)
class Match:
    question_id: int
    answer_id: int | None
    score: float  # what ranks (the keyword score, blended with the similarity when the model is on)
    # The passage's own keyword score (BM25): how much of the question's rarer words it holds, and how
    # often. What the assistant's confidence thresholds apply to (measured by `flask assistant evaluate`:
    # right first answers score well above off-topic questions, whose words are few and scattered).
    confidence: float
    coverage: float  # the share of the query's weight (terms × rarity) found in the passage
    is_accepted: bool = False
    is_official: bool = False
    similarity: float | None = None  # the semantic model's cosine, when it is on
    # An answer's thread: its question's own keyword score, when the question is matched too (`answers` with a
    # question share). What says a thread is related though its answer's words differ from the customer's.
    thread_confidence: float = 0.0


class Scored(NamedTuple):
    """One per matching passage (thousands a question): a tuple, which costs a fraction of a dataclass to make."""

    score: float
    matched: float = 0.0  # weight of the query's terms the passage holds
    similarity: float | None = None
    keywords: float = 0.0  # the passage's own keyword score
    lexical: float = 0.0  # the keyword part of `score`, on its scale (all of it without the model)
    thread: float = 0.0  # an answer's question's own keyword score

    @classmethod
    def from_keywords(cls, score: float, matched: float) -> "Scored":
        return cls(score, matched, None, score, score)


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


def _keywords(session: Session, weights: dict[str, float], per_term: int) -> dict[int, Scored]:
    """Passage id → BM25 score and matched weight, from each term's best `per_term` rows."""
    if not weights:
        return {}
    parts = [select(AssistantTerm.term, AssistantTerm.passage_id, AssistantTerm.impact)
             .where(AssistantTerm.term == term).order_by(AssistantTerm.impact.desc()).limit(per_term).subquery()
             for term in weights]
    statement = union_all(*(select(part) for part in parts)) if len(parts) > 1 else select(parts[0])
    scores: dict[int, list[float]] = {}
    for term, passage_id, impact in session.execute(statement).all():
        weight = weights[term]
        entry = scores.setdefault(passage_id, [0.0, 0.0])
        entry[0] += weight * impact / IMPACT_SCALE
        entry[1] += weight
    return {passage_id: Scored.from_keywords(score, matched) for passage_id, (score, matched) in scores.items()}


def scored(session: Session, query: Query, kind: str,
           per_term: int = POSTINGS_PER_TERM) -> tuple[dict[int, Scored], float]:
    """Every matching passage of a kind with its score, and the query's whole weight (for coverage)."""
    weights = _weights(session, query, kind)
    keywords = _keywords(session, weights, per_term)
    if not semantic.enabled() or not query.text.strip():
        return keywords, sum(weights.values())
    similarities = semantic.similarities(session, semantic.query_vector(query.text), kind)
    if not similarities:
        return keywords, sum(weights.values())
    top = max((s.score for s in keywords.values()), default=0.0) or 1.0
    low, high = min(similarities.values()), max(similarities.values())
    spread = (high - low) or 1.0
    blended = {}
    for passage_id, similarity in similarities.items():
        words = keywords.get(passage_id, Scored(0.0))
        lexical = (1 - SEMANTIC_SHARE) * words.score / top
        blended[passage_id] = Scored(lexical + SEMANTIC_SHARE * (similarity - low) / spread, words.matched,
                                     similarity, words.score, lexical)
    return blended, sum(weights.values())


class PassageFacts(NamedTuple):
    """What ranking needs of a passage besides its score, read as plain rows (hundreds a question): loading
    them as mapped objects, vector included, cost a fifth of an answer's time."""

    id: int
    question_id: int
    answer_id: int | None
    is_accepted: bool
    is_official: bool
    review_due_at: datetime | None


def _passages(session: Session, ids: Iterable[int]) -> dict[int, PassageFacts]:
    ids = list(ids)
    if not ids:
        return {}
    rows = session.execute(select(*(getattr(AssistantPassage, name) for name in PassageFacts._fields))
                           .where(AssistantPassage.id.in_(ids))).all()
    return {row.id: PassageFacts(*row) for row in rows}


def citable(passage: PassageFacts, now: datetime) -> bool:
    """An accepted answer, or an official one whose review date has not passed."""
    if passage.is_accepted:
        return True
    return passage.is_official and (passage.review_due_at is None or passage.review_due_at > now)


def answers(session: Session, query: Query, limit: int = 5, exclude: Iterable[int] = (),
            question_share: float = QUESTION_SHARE, per_term: int = POSTINGS_PER_TERM) -> list[Match]:
    """Citable answers, best first. `exclude`: question ids left out (their answers too).
    `question_share` 0 matches answers on their own text only."""
    excluded, now = set(exclude), clock.now()
    found, total = scored(session, query, "answer", per_term)
    if question_share:
        found = _with_questions(session, query, found, question_share, per_term)
    best = heapq.nlargest(limit * 3 + len(excluded) * 4, found.items(), key=lambda item: item[1].score)
    rows = _passages(session, (passage_id for passage_id, _ in best))
    matches = []
    for passage_id, result in best:
        passage = rows.get(passage_id)
        if passage is None or passage.question_id in excluded or not citable(passage, now):
            continue
        matches.append(Match(passage.question_id, passage.answer_id, result.score, result.keywords,
                             min(1.0, result.matched / total) if total else 0.0, passage.is_accepted,
                             passage.is_official, result.similarity, result.thread))
        if len(matches) == limit:
            break
    return matches


def _with_questions(session: Session, query: Query, found: dict[int, Scored], share: float,
                    per_term: int) -> dict[int, Scored]:
    """Add each answer's question's score (scaled by `share`) to the answer's: in production the customer's
    words are matched against the thread's question too."""
    questions, _ = scored(session, query, "question", per_term)
    if not questions:
        return found
    best_questions = dict(heapq.nlargest(200, questions.items(), key=lambda item: item[1].score))
    by_question = {p.id: p.question_id for p in _passages(session, best_questions).values()}
    question_scores = {by_question[i]: s.score for i, s in best_questions.items() if i in by_question}
    question_keywords = {by_question[i]: s.keywords for i, s in best_questions.items() if i in by_question}
    candidates = session.execute(select(AssistantPassage.id, AssistantPassage.question_id).where(
        AssistantPassage.kind == "answer", AssistantPassage.question_id.in_(list(question_scores)))).all()
    merged = dict(found)
    for passage_id, question_id in candidates:
        own = merged.get(passage_id, Scored(0.0))
        merged[passage_id] = Scored(own.score + share * question_scores[question_id], own.matched, own.similarity,
                                    own.keywords, own.lexical, question_keywords[question_id])
    return merged


def threads(session: Session, query: Query, limit: int = 5, exclude: Iterable[int] = (),
            answer_share: float | None = None, per_term: int = POSTINGS_PER_TERM) -> list[Match]:
    """Questions close to this one (solved or not), best first: the question's own passage, plus
    `answer_share` of its best citable answer's keyword score. Only the keywords: every answer has some
    similarity to any question, which would lift every solved thread over an unsolved one."""
    excluded, now = set(exclude), clock.now()
    if answer_share is None:
        answer_share = SEMANTIC_ANSWER_SHARE if semantic.enabled() else ANSWER_SHARE
    questions, total = scored(session, query, "question", per_term)
    answer_scores = scored(session, query, "answer", per_term)[0] if answer_share else {}
    best_answers = dict(heapq.nlargest(limit * 40, answer_scores.items(), key=lambda item: item[1].lexical))
    best_questions = dict(heapq.nlargest(limit * 40, questions.items(), key=lambda item: item[1].score))
    rows = _passages(session, set(best_questions) | set(best_answers))
    by_thread: dict[int, list] = {}
    for passage_id, result in best_questions.items():
        passage = rows.get(passage_id)
        if passage is not None and passage.question_id not in excluded:
            by_thread[passage.question_id] = [result.score, 0.0, result.matched, result.similarity, result.keywords]
    for passage_id, result in best_answers.items():
        passage = rows.get(passage_id)
        if passage is not None and passage.question_id not in excluded and citable(passage, now):
            entry = by_thread.setdefault(passage.question_id, [0.0, 0.0, 0.0, None, 0.0])
            entry[1] = max(entry[1], result.lexical)
    ranked = heapq.nlargest(limit, by_thread.items(), key=lambda item: item[1][0] + answer_share * item[1][1])
    return [Match(question_id, None, own + answer_share * answer, keywords,
                  min(1.0, matched / total) if total else 0.0, similarity=similarity)
            for question_id, (own, answer, matched, similarity, keywords) in ranked]


def telling_terms(session: Session, query: Query, count: int) -> list[str]:
    """The question's `count` most telling terms (weight × rarity among the answers), most telling first."""
    weights = _weights(session, query, "answer")
    prefix = len(analysis.prefixed("answer", query.language, ""))
    return [term[prefix:] for term in list(weights)[:count]]


def ask(title: str, body: str = "", language: str = "en") -> Query:
    """The customer's words as a query (the reader's language when the text is too short to tell)."""
    return analysis.query(title, body, language)
