"""`flask assistant evaluate`: replay the community's own history against the assistant's retrieval.

(a) Answers: every solved question is asked twice — its title alone, then title and body — and we look for
its own accepted or official answer among all the community's accepted and official answers, each
matched on its own text only (every question hidden, so a question cannot find itself: a lower bound of
what the assistant, which also matches the threads' questions, finds). hit@1, hit@3, MRR (over the first
RANK_DEPTH answers; an answer further down counts 0).
(b) Duplicates: every question closed as a duplicate is asked the same two ways; is its original among
the first 5 suggested threads (only the duplicate's own thread is left out)?

Figures per language and per product (tag), for the questions with even and odd ids apart (parameters
are chosen on one half and checked on the other), the share where the assistant abstained, and the
confidence of right and wrong first answers, with a set of off-topic questions, to set the thresholds: per
question length (short and long questions score differently), a sweep of candidate thresholds with the share
of questions each would answer, how often that answer is right, and how many off-topic questions fall under it.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.assistant import confidence as confidence_outcomes
from app.assistant import offtopic, retrieval
from app.assistant.analysis import query as make_query
from app.assistant.confidence import Thresholds
from app.content_language import detect
from app.models import Post, Tag, question_tags
from app.search.documents import html_text

RANK_DEPTH = 10
CANDIDATES = 8  # the answers the assistant reads (app/assistant/replies.py)
SUGGESTIONS = 5
FORMS = ("title", "title+body")
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)


@dataclass
class Asked:
    question_id: int
    title: str
    body: str
    language: str
    tags: list[str]
    targets: set[int]  # answer ids for (a), the original's question id for (b)


@dataclass
class Tally:
    asked: int = 0
    hit1: int = 0
    hit3: int = 0
    hit5: int = 0
    reciprocal: float = 0.0
    abstained: int = 0

    def add(self, rank: int | None, abstained: bool) -> None:
        self.asked += 1
        if rank is not None:
            self.hit1 += rank == 1
            self.hit3 += rank <= 3
            self.hit5 += rank <= 5
            self.reciprocal += 1 / rank
        self.abstained += abstained

    def figures(self) -> dict:
        n = self.asked or 1
        return {"asked": self.asked, "hit@1": round(self.hit1 / n, 3), "hit@3": round(self.hit3 / n, 3),
                "hit@5": round(self.hit5 / n, 3), "mrr": round(self.reciprocal / n, 3),
                "abstained": round(self.abstained / n, 3)}


@dataclass
class Report:
    thresholds: Thresholds
    answers: dict[str, dict[str, Tally]] = field(default_factory=dict)  # form → group → tally
    duplicates: dict[str, Tally] = field(default_factory=dict)  # form → tally
    confidence: dict[str, dict[str, list[float]]] = field(default_factory=dict)  # form → right/wrong → values
    likely: dict[str, list[int]] = field(default_factory=dict)  # form → [offered as likely, right among them]
    # Question length (confidence.Thresholds.length) → (confidence, rank of the right answer) of every question
    # asked, both forms together: what each length's thresholds are read from (`sweep`).
    by_length: dict[str, list[tuple[float, int | None]]] = field(default_factory=lambda: defaultdict(list))
    offtopic: list[tuple[float, str]] = field(default_factory=list)  # (confidence, length)
    # Threads, as the assistant matches them (questions too): the best thread confidence an off-topic question
    # reaches, and a duplicate's original's (None: not among the candidates), with the question's length.
    offtopic_threads: list[tuple[float, str]] = field(default_factory=list)
    duplicate_threads: list[tuple[float | None, str]] = field(default_factory=list)
    similarity: dict[str, dict[str, list[float]]] = field(default_factory=dict)  # with the semantic model
    offtopic_similarity: list[float] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "thresholds": {"answer": self.thresholds.answer, "related": self.thresholds.related,
                           "long_answer": self.thresholds.long_answer, "long_related": self.thresholds.long_related,
                           "thread": self.thresholds.thread, "long_thread": self.thresholds.long_thread,
                           "short_terms": self.thresholds.short_terms},
            "answers": {form: {group: tally.figures() for group, tally in sorted(groups.items(), key=_group_order)}
                        for form, groups in self.answers.items()},
            "duplicates": {form: tally.figures() for form, tally in self.duplicates.items()},
            "confidence": {form: {kind: _quantiles(values) for kind, values in kinds.items()}
                           for form, kinds in self.confidence.items()},
            "likely_answers": {form: {"offered": offered, "right": right,
                                      "precision": round(right / offered, 3) if offered else None}
                               for form, (offered, right) in self.likely.items()},
            "similarity": {form: {kind: _quantiles(values) for kind, values in kinds.items()}
                           for form, kinds in self.similarity.items()},
            "offtopic_similarity": _quantiles(self.offtopic_similarity),
            "offtopic": {**_quantiles([c for c, _ in self.offtopic]), "abstained": round(
                sum(c < self._related(length) for c, length in self.offtopic) / (len(self.offtopic) or 1), 3),
                "offered_as_likely": sum(c >= self._answer(length) for c, length in self.offtopic)},
            "by_length": {length: self._length_figures(length) for length in LENGTHS},
            "threads": {length: self._thread_figures(length) for length in LENGTHS},
        }

    def _thread_figures(self, length: str) -> dict:
        offtopic = [c for c, kind in self.offtopic_threads if kind == length]
        originals = [c for c, kind in self.duplicate_threads if kind == length]
        rows = []
        for threshold in SWEEP:
            rows.append({"threshold": threshold,
                         "offtopic_under": round(sum(c < threshold for c in offtopic) / len(offtopic), 3)
                         if offtopic else None,
                         "originals_related": round(sum(c is not None and c >= threshold for c in originals)
                                                    / len(originals), 3) if originals else None})
        return {"offtopic": _quantiles(offtopic), "originals": _quantiles([c for c in originals if c is not None]),
                "originals_asked": len(originals), "sweep": rows}

    def _answer(self, length: str) -> float:
        return self.thresholds.answer if length == "short" else self.thresholds.long_answer

    def _related(self, length: str) -> float:
        return self.thresholds.related if length == "short" else self.thresholds.long_related

    def _length_figures(self, length: str) -> dict:
        asked = self.by_length.get(length, [])
        offtopic = [c for c, kind in self.offtopic if kind == length]
        return {"right": _quantiles([c for c, rank in asked if rank == 1]),
                "wrong": _quantiles([c for c, rank in asked if rank != 1]),
                "offtopic": _quantiles(offtopic), "sweep": sweep(asked, offtopic)}


LENGTHS = ("short", "long")
SWEEP = range(10, 105, 5)


def sweep(asked: list[tuple[float, int | None]], offtopic: list[float]) -> list[dict]:
    """For each candidate threshold: the share of questions whose first answer reaches it (offered as the likely
    answer), the share of those whose own answer is first (precision@1) or among the first 3, and the share of
    off-topic questions under it (what a related threshold there would keep out)."""
    rows = []
    for threshold in SWEEP:
        above = [rank for confidence, rank in asked if confidence >= threshold]
        n = len(above) or 1
        rows.append({"threshold": threshold, "offered": round(len(above) / (len(asked) or 1), 3),
                     "precision@1": round(sum(rank == 1 for rank in above) / n, 3) if above else None,
                     "precision@3": round(sum(rank is not None and rank <= 3 for rank in above) / n, 3)
                     if above else None,
                     "offtopic_under": round(sum(c < threshold for c in offtopic) / (len(offtopic) or 1), 3)
                     if offtopic else None})
    return rows


def _group_order(item):
    name = item[0]
    return (0 if name == "all" else 1 if name.startswith(("half:", "language:")) else 2, name)


def _quantiles(values: list[float]) -> dict:
    ordered = sorted(values)
    if not ordered:
        return {"count": 0}
    return {"count": len(ordered),
            **{f"p{round(q * 100)}": round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)
               for q in QUANTILES}}


def _rank(ids: list[int | None], targets: set[int]) -> int | None:
    return next((position for position, found in enumerate(ids, 1) if found in targets), None)


def load(session: Session, limit: int | None = None) -> tuple[list[Asked], list[Asked]]:
    """The solved questions (with their accepted and official answers) and the duplicate-closed ones
    (with their original), oldest first, `limit` of each at most."""
    official = defaultdict(set)
    for parent_id, answer_id in session.execute(select(Post.parent_id, Post.id).where(
            Post.is_official, Post.deleted_at.is_(None), Post.hidden_at.is_(None))):
        official[parent_id].add(answer_id)
    rows = session.execute(select(Post.id, Post.title, Post.body_html, Post.language, Post.accepted_answer_id,
                                  Post.duplicate_of_id, Post.closed_reason).where(
        Post.kind == "question", Post.deleted_at.is_(None), Post.hidden_at.is_(None),
        or_(Post.accepted_answer_id.is_not(None), Post.has_official_answer.is_(True),
            Post.duplicate_of_id.is_not(None))).order_by(Post.id)).all()
    tags = defaultdict(list)
    for question_id, name in session.execute(select(question_tags.c.question_id, Tag.name).join(
            Tag, Tag.id == question_tags.c.tag_id).where(question_tags.c.question_id.in_([r.id for r in rows]))):
        tags[question_id].append(name)
    solved, duplicates = [], []
    for row in rows:
        body = html_text(row.body_html)
        language = row.language or detect(f"{row.title} {body}")
        targets = ({row.accepted_answer_id} if row.accepted_answer_id else set()) | official[row.id]
        if targets and row.closed_reason != "off-topic":
            solved.append(Asked(row.id, row.title, body, language, sorted(tags[row.id]), targets))
        if row.duplicate_of_id and row.closed_reason == "duplicate":
            duplicates.append(Asked(row.id, row.title, body, language, sorted(tags[row.id]), {row.duplicate_of_id}))
    return solved[:limit], duplicates[:limit]


def _text(asked: Asked, form: str) -> tuple[str, str]:
    return (asked.title, "") if form == "title" else (asked.title, asked.body)


def evaluate(session: Session, thresholds: Thresholds, limit: int | None = None,
             progress: Callable[[int], None] = lambda n: None,
             on_start: Callable[[int], None] = lambda n: None) -> Report:
    solved, duplicates = load(session, limit)
    on_start(len(FORMS) * (len(solved) + len(duplicates)) + len(offtopic.QUESTIONS))
    report = Report(thresholds)
    for form in FORMS:
        groups: dict[str, Tally] = defaultdict(Tally)
        right: list[float] = []
        wrong: list[float] = []
        similar_right: list[float] = []
        similar_wrong: list[float] = []
        likely = [0, 0]
        for asked in solved:
            query = make_query(*_text(asked, form), asked.language)
            found = retrieval.answers(session, query, RANK_DEPTH, question_share=0.0)
            rank = _rank([m.answer_id for m in found], asked.targets)
            confidence = found[0].confidence if found else 0.0
            (right if rank == 1 else wrong).append(confidence)
            report.by_length[thresholds.length(query)].append((confidence, rank))
            if found and found[0].similarity is not None:
                (similar_right if rank == 1 else similar_wrong).append(found[0].similarity)
            outcome = thresholds.outcome(query, confidence)
            if outcome == confidence_outcomes.ANSWER:
                likely[0] += 1
                likely[1] += rank == 1
            for group in ("all", f"half:{'even' if asked.question_id % 2 == 0 else 'odd'}",
                          f"language:{asked.language}", *(f"tag:{t}" for t in asked.tags)):
                groups[group].add(rank, outcome == confidence_outcomes.NOTHING)
            progress(1)
        report.answers[form], report.likely[form] = dict(groups), likely
        report.confidence[form] = {"right": right, "wrong": wrong}
        if similar_right or similar_wrong:
            report.similarity[form] = {"right": similar_right, "wrong": similar_wrong}
        tally = Tally()
        for asked in duplicates:
            query = make_query(*_text(asked, form), asked.language)
            found = retrieval.threads(session, query, SUGGESTIONS, exclude={asked.question_id})
            tally.add(_rank([m.question_id for m in found], asked.targets),
                      not found or thresholds.outcome(query, found[0].confidence) == confidence_outcomes.NOTHING)
            candidates = retrieval.answers(session, query, CANDIDATES, exclude={asked.question_id})
            report.duplicate_threads.append((max((m.thread_confidence for m in candidates
                                                  if m.question_id in asked.targets), default=None),
                                             thresholds.length(query)))
            progress(1)
        report.duplicates[form] = tally
    for text, language in offtopic.QUESTIONS:
        query = make_query(text, "", language)
        found = retrieval.answers(session, query, 1, question_share=0.0)
        report.offtopic.append((found[0].confidence if found else 0.0, thresholds.length(query)))
        candidates = retrieval.answers(session, query, CANDIDATES)
        report.offtopic_threads.append((max((m.thread_confidence for m in candidates), default=0.0),
                                        thresholds.length(query)))
        if found and found[0].similarity is not None:
            report.offtopic_similarity.append(found[0].similarity)
        progress(1)
    return report
