"""The assistant's reply to a customer's words, for every channel (the help page, the ask page, the API, the
acknowledgement of an e-mailed question): the best citable answers found (`retrieval.answers`), the outcome
their confidence gives (`confidence.Thresholds`), the sources checked again in the database (the index may lag
a commit: nothing deleted, hidden, unaccepted, closed as off-topic or past its review date is ever cited) and
composed from their own words, then up to RELATED other solved threads.

Languages: sources in the customer's language come first; one in the other language is cited only when it is
all there is (and is marked so). An offered thread's linked translation (its twin) in another language than the
customer's is offered beside it ("There is an English discussion of this"). A read only: recording the session is
app.assistant.operations' work."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from flask import current_app
from sqlalchemy import or_, select
from sqlalchemy.orm import aliased, lazyload

from app import clock
from app import text_analysis as analysis
from app.assistant import composition, retrieval
from app.assistant.analysis import Query
from app.assistant.composition import SENTENCE_SPACE, Piece
from app.assistant.confidence import ANSWER, NOTHING, RELATED, Thresholds
from app.extensions import db
from app.models import FaqEntry, Post, Tag, question_tags
from app.notifications import links
from app.questions.queries import twins_by_question

CANDIDATES = 8  # answers read: enough for two sources and three related threads from distinct threads
SOURCES = 2
RELATED_THREADS = 3
SUGGESTED_TAGS = 3
TOPIC_TERMS = 2
TITLE_MAX, TITLE_MIN = 150, 15  # the ask form's title limits (app/questions/operations.py)
NOT_CITED_CLOSED = ("off-topic",)


@dataclass(frozen=True)
class Source:
    """A cited answer: what of it is shown, where it is, and why it can be trusted."""

    question_id: int
    answer_id: int
    title: str  # the thread's
    path: str  # the answer on its thread's page
    kind: str  # faq | official | accepted
    confirmed_at: datetime | None  # the brand's official mark, when the kind is official
    language: str
    in_other_language: bool
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Thread:
    question_id: int
    title: str
    path: str
    language: str
    in_other_language: bool


@dataclass(frozen=True)
class Reply:
    outcome: str  # answer | related | nothing
    language: str  # the customer's (read from their words)
    confidence: float
    read: str  # the words the assistant read (the start of a long text)
    cut: bool  # the text was longer than that
    sources: tuple[Source, ...] = ()
    related: tuple[Thread, ...] = ()
    tags: tuple[str, ...] = ()  # the matched threads' most common tags, for a hand-over
    tag_id: int | None = None  # the product of the best matched thread
    topic: str = ""
    topic_words: str = ""
    offered: list = field(default_factory=list)  # [question id, answer id or None], in the order shown
    twins: tuple[Thread, ...] = ()  # the offered threads' translations in another language than the customer's


def split_title(text: str) -> tuple[str, str]:
    """A title proposed from a text, and the rest: the first sentence (sentences, until a title's least
    length), cut at a word under TITLE_MAX."""
    text = text.strip()
    first_line = text.split("\n", 1)[0]
    ends = [m.start(2) for m in SENTENCE_SPACE.finditer(first_line)] + [len(first_line)]
    end = next((end for end in ends if len(first_line[:end].strip()) >= TITLE_MIN), ends[-1])
    if end > TITLE_MAX:
        end = first_line.rfind(" ", 0, TITLE_MAX) if " " in first_line[:TITLE_MAX] else TITLE_MAX
    return first_line[:end].strip().rstrip(" ,;:"), text[end:].strip()


def reply(text: str, language: str, title: str = "", exclude: tuple[int, ...] = ()) -> Reply:
    """What the assistant answers to these words: one text (its first sentence read as a title), or the ask page's
    title and details. `language`: the reader's, for words too few to tell their own. The assistant reads the
    first ASSISTANT_READ_CHARS characters (`cut` says there were more)."""
    limit = int(current_app.config["ASSISTANT_READ_CHARS"])
    title, text = title.strip()[:limit], text.strip()
    body = text[:max(0, limit - len(title))]
    cut = len(title) + len(text) > len(title) + len(body)
    if not title:
        title, body = split_title(body)
    read = f"{title}\n{body}".strip()
    query = retrieval.ask(title, body, language)
    if not query.weights:
        return Reply(NOTHING, query.language, 0.0, read, cut)
    thresholds = Thresholds.from_config(current_app.config)
    matches = retrieval.answers(db.session(), query, CANDIDATES, exclude=exclude)
    confidence = max((m.confidence for m in matches), default=0.0)
    outcome = thresholds.outcome(query, confidence, max((m.thread_confidence for m in matches), default=0.0))
    rows = _citable(db.session, [m.answer_id for m in matches]) if outcome != NOTHING else {}
    matches = [m for m in matches if m.answer_id in rows]
    if not matches:
        return Reply(NOTHING, query.language, confidence, read, cut)
    sources = _sources(matches, rows, query, thresholds.for_query(query)[0]) if outcome == ANSWER else ()
    cited = {s.question_id for s in sources}
    related = _related([m for m in matches if thresholds.is_related(query, m.confidence, m.thread_confidence)],
                       rows, query, cited)
    if not sources and not related:
        return Reply(NOTHING, query.language, confidence, read, cut)
    offered = [[s.question_id, s.answer_id] for s in sources] + [[t.question_id, None] for t in related]
    offered_questions = [s.question_id for s in sources] + [t.question_id for t in related]
    tags = tag_counts(offered_questions)
    topic, words = _topic(query, read)
    return Reply(ANSWER if sources else RELATED, query.language, confidence, read, cut, sources, related,
                 tuple(name for name, _ in tags[:SUGGESTED_TAGS]), tags[0][1] if tags else None, topic, words,
                 offered, _twins(offered_questions, query.language))


def _twins(question_ids: list[int], language: str) -> tuple[Thread, ...]:
    """The offered threads' translations in another language than the customer's, each once, none offered."""
    threads, seen = [], set(question_ids)
    found = twins_by_question(question_ids)
    for question_id in question_ids:
        for twin in found.get(question_id, ()):
            if twin.id not in seen and twin.language and twin.language != language:
                seen.add(twin.id)
                threads.append(Thread(twin.id, twin.title or "", links.question_path(twin), twin.language, True))
    return tuple(threads)


class CitedQuestion(NamedTuple):
    """What a reply shows of a cited or related answer's thread."""

    id: int
    title: str
    slug: str | None
    language: str | None


class CitedAnswer(NamedTuple):
    """What a reply needs of an answer that may be cited, read as a plain row with its thread's."""

    id: int
    body_html: str
    language: str | None
    official_at: datetime | None
    is_official: bool  # Post.is_official, read in the statement
    official_review_due_at: datetime | None
    question: CitedQuestion

    def in_date(self, now: datetime) -> bool:
        """Official, and its review date not passed."""
        return bool(self.is_official) and (self.official_review_due_at is None or self.official_review_due_at > now)


_ANSWER_COLUMNS = ("id", "body_html", "language", "official_at", "is_official", "official_review_due_at")
# Made once: an alias made per reply cost more to build into a statement (about 3 ms) than the statement to run.
_ANSWER, _QUESTION = aliased(Post, name="answer"), aliased(Post, name="question")
_CITABLE_COLUMNS = (*(getattr(_ANSWER, name).label(name) for name in _ANSWER_COLUMNS),
                    *(getattr(_QUESTION, name) for name in CitedQuestion._fields), _QUESTION.accepted_answer_id)


def _citable(session, answer_ids: list[int | None]) -> dict[int, tuple[CitedAnswer, FaqEntry | None]]:
    """The answers that may be cited now, as the database says (the index is only as fresh as its last write)."""
    if not answer_ids:
        return {}
    now = clock.now()
    # Plain rows of the posts table, answers found by id: selected as Answer objects, the kind filter the ORM
    # adds made SQLite walk the index on kind (every answer of the community: 23 ms of a reply's CPU at
    # 100,000 questions), and the authors joined in were never shown. Joined by parent_id, only answers match.
    answer, question = _ANSWER, _QUESTION
    rows = session.execute(
        select(*_CITABLE_COLUMNS).join(question, question.id == answer.parent_id)
        .where(answer.id.in_(answer_ids), answer.deleted_at.is_(None), answer.hidden_at.is_(None),
               question.deleted_at.is_(None), question.hidden_at.is_(None),
               or_(question.closed_reason.is_(None), question.closed_reason.not_in(NOT_CITED_CLOSED)))).all()
    # Its relationships loaded only when read (an entry is rare): joined in eagerly, SQLite paired every answer
    # with its question before looking for the entry (about 7 s of CPU at 100,000 questions).
    faq = {entry.answer_id: entry for entry in session.scalars(
        select(FaqEntry).where(FaqEntry.answer_id.in_(answer_ids)).options(lazyload("*")))}
    citable, columns = {}, len(_ANSWER_COLUMNS)
    for row in rows:
        cited = CitedAnswer._make((*row[:columns], CitedQuestion._make(row[columns:-1])))
        if row.accepted_answer_id == cited.id or cited.in_date(now):
            citable[cited.id] = (cited, faq.get(cited.id))
    return citable


def _kind(answer: CitedAnswer, entry: FaqEntry | None) -> str:
    if entry is not None:
        return "faq"
    return "official" if answer.in_date(clock.now()) else "accepted"


def _sources(matches, rows, query: Query, threshold: float) -> tuple[Source, ...]:
    """Up to SOURCES answers from distinct threads, each confident enough alone: the customer's language first."""
    confident = [m for m in matches if m.confidence >= threshold]
    confident.sort(key=lambda m: rows[m.answer_id][0].language != query.language)  # stable: best first within
    sources, threads = [], set()
    for match in confident:
        answer, entry = rows[match.answer_id]
        question = answer.question
        if question.id in threads:
            continue
        kind = _kind(answer, entry)
        html = entry.approved_html if kind == "faq" else answer.body_html
        pieces = tuple(composition.compose(html, query.weights, query.language))
        if not pieces:
            continue
        language = answer.language or question.language or query.language
        sources.append(Source(question.id, answer.id, question.title,
                              links.question_path(question, f"answer-{answer.id}"), kind,
                              answer.official_at if kind == "official" else None, language,
                              language != query.language, pieces))
        threads.add(question.id)
        if len(sources) == SOURCES:
            break
    return tuple(sources)


def _related(matches, rows, query: Query, cited: set[int]) -> tuple[Thread, ...]:
    """The related matches' threads, each once, the cited ones left out."""
    threads, seen = [], set(cited)
    for match in matches:
        if match.question_id in seen:
            continue
        question = rows[match.answer_id][0].question
        seen.add(question.id)
        language = question.language or query.language
        threads.append(Thread(question.id, question.title, links.question_path(question), language,
                              language != query.language))
        if len(threads) == RELATED_THREADS:
            break
    return tuple(threads)


def tag_counts(question_ids: list[int]) -> list[tuple[str, int]]:
    """(name, id) of the offered threads' tags, the most common first (ties: as the threads came)."""
    if not question_ids:
        return []
    rows = db.session.execute(select(question_tags.c.question_id, Tag.name, Tag.id).join(
        Tag, Tag.id == question_tags.c.tag_id).where(question_tags.c.question_id.in_(question_ids))
        .order_by(Tag.name)).all()
    order = {question_id: position for position, question_id in enumerate(question_ids)}
    counts = Counter((name, tag_id) for _, name, tag_id in rows)
    first: dict[tuple[str, int], int] = {}
    for question_id, name, tag_id in rows:
        first[(name, tag_id)] = min(first.get((name, tag_id), len(order)), order[question_id])
    return sorted(counts, key=lambda tag: (-counts[tag], first[tag]))


def _topic(query: Query, text: str) -> tuple[str, str]:
    """The question's most telling stems, sorted (what groups the sessions that fell through), and the words
    the customer wrote them with."""
    terms = retrieval.telling_terms(db.session(), query, TOPIC_TERMS)
    if not terms:
        return "", ""
    stem, stops = analysis.stemmer(query.language), analysis.stop_words(query.language)
    words: dict[str, str] = {}
    for word in analysis.words(text):
        if word not in stops and stem(word) in terms:
            words.setdefault(stem(word), word)
    ordered = sorted(terms)
    return " ".join(ordered)[:200], " ".join(words.get(term, term) for term in ordered)[:200]

