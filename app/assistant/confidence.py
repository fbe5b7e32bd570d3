"""The assistant's three outcomes: a likely answer, related threads only, or nothing found (only the hand-over).

A likely answer needs an answer whose own words hold the customer's (`retrieval.Match.confidence`, the answer's
own keyword score: how precise that is, `flask assistant evaluate` measures). A thread is related when its answer
comes close to that, or when its question matches the customer's words (`Match.thread_confidence`) better than
off-topic questions ever match one: the thread thresholds are where those fall under.

A question of many words scores higher than a short one for the same fit (every matched word adds to the
score), so each length has its own thresholds: a question whose analysis keeps at most SHORT_TERMS terms (a
title, a line) is short. All four thresholds are settings; their defaults were read from `flask assistant
evaluate` on the three shared dumps (docs/decisions.md, "Assistant: thresholds by the question's length")."""

from dataclasses import dataclass

from app.assistant.analysis import Query

ANSWER, RELATED, NOTHING = "answer", "related", "nothing"


@dataclass(frozen=True)
class Thresholds:
    answer: float  # short questions: from this confidence the first answer is offered as the likely answer
    related: float  # short questions: below this, nothing is shown but the hand-over
    long_answer: float
    long_related: float
    thread: float = 30.0  # short questions: a thread whose question scores this much is related
    long_thread: float = 40.0
    short_terms: int = 8

    @classmethod
    def from_config(cls, config) -> "Thresholds":
        return cls(float(config["ASSISTANT_ANSWER_THRESHOLD"]), float(config["ASSISTANT_RELATED_THRESHOLD"]),
                   float(config["ASSISTANT_LONG_ANSWER_THRESHOLD"]), float(config["ASSISTANT_LONG_RELATED_THRESHOLD"]),
                   float(config["ASSISTANT_THREAD_THRESHOLD"]), float(config["ASSISTANT_LONG_THREAD_THRESHOLD"]),
                   int(config["ASSISTANT_SHORT_QUERY_TERMS"]))

    def length(self, query: Query) -> str:
        return "short" if len(query.weights) <= self.short_terms else "long"

    def for_query(self, query: Query) -> tuple[float, float]:
        """(answer, related) for this question's length."""
        if self.length(query) == "short":
            return self.answer, self.related
        return self.long_answer, self.long_related

    def for_threads(self, query: Query) -> float:
        return self.thread if self.length(query) == "short" else self.long_thread

    def is_related(self, query: Query, confidence: float, thread_confidence: float = 0.0) -> bool:
        return confidence >= self.for_query(query)[1] or thread_confidence >= self.for_threads(query)

    def outcome(self, query: Query, confidence: float, thread_confidence: float = 0.0) -> str:
        """`confidence`: the best answer's; `thread_confidence`: the best matched thread's question's."""
        if confidence >= self.for_query(query)[0]:
            return ANSWER
        return RELATED if self.is_related(query, confidence, thread_confidence) else NOTHING
