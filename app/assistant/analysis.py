"""How the assistant turns text into weighted terms, with the search's own folding, stop words and Snowball
stemmers (`app.text_analysis`).

A passage is analysed in both languages, each term prefixed by the passage kind and the language
("aen:descal", "ait:decalcific"): the community mixes them (an English answer quoting Italian words, an
Italian question about an English manual), and a question then meets every passage with its own
language's stemmer. A question is analysed in its own language only (detected from its text, the
reader's language when too short to tell): analysing an English title in Italian too would keep "the"
and "how" as rare Italian terms that match the few Italian passages best."""

import math
from collections import Counter
from dataclasses import dataclass

from app import text_analysis as analysis
from app.content_language import detect

LANGUAGES = analysis.LANGUAGES
# Bounded work for any input: the text analysed per passage and per question.
PASSAGE_CHARS = 4000
COMMENTS_CHARS = 2000
QUERY_CHARS = 4000
QUERY_TERMS = 16  # a long question keeps its most telling terms (weight × rarity)
# A title says what the question is about; the body adds context and noise.
TITLE_WEIGHT = 3.0
COMMENT_WEIGHT = 0.5  # comments under an answer: follow-ups and thanks as often as substance


def prefixed(kind: str, language: str, term: str) -> str:
    return f"{kind[0]}{language}:{term}"


def passage_terms(kind: str, parts: list[tuple[str, float]]) -> Counter:
    """Term weights of a passage from (text, weight) parts, in every language."""
    weights: Counter = Counter()
    for language in LANGUAGES:
        for text, weight in parts:
            for term in analysis.terms(text, language):
                # A Counter holds any numbers at run time; typeshed types its counts as int.
                weights[prefixed(kind, language, term)] += weight  # type: ignore[assignment]
    return weights


def passage_length(weights: Counter) -> float:
    """The analysed length in one language (the weights hold every language's analysis)."""
    return sum(weights.values()) / len(LANGUAGES)


@dataclass(frozen=True)
class Query:
    language: str
    weights: dict[str, float]  # unprefixed term → weight
    text: str = ""  # the words as typed, for the semantic model

    def for_kind(self, kind: str) -> dict[str, float]:
        return {prefixed(kind, self.language, term): weight for term, weight in self.weights.items()}


def query(title: str, body: str = "", fallback_language: str = "en") -> Query:
    """A question as weighted terms of its own language: the title's words count TITLE_WEIGHT each, the
    body's grow with the logarithm of their count (a word repeated in a long body says little more)."""
    title, body = title[:QUERY_CHARS], body[:QUERY_CHARS]
    language = detect(f"{title} {body}", fallback_language)
    if language not in LANGUAGES:
        language = fallback_language if fallback_language in LANGUAGES else LANGUAGES[0]
    weights: dict[str, float] = {}
    for term in analysis.terms(title, language):
        weights[term] = weights.get(term, 0.0) + TITLE_WEIGHT
    for term, count in Counter(analysis.terms(body, language)).items():
        weights[term] = weights.get(term, 0.0) + 1.0 + math.log(count)
    return Query(language, weights, f"{title}. {body}" if body else title)
