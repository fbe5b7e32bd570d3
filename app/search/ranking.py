"""How results are ordered: field weights for text relevance (BM25F / ts_rank_cd) and one quality
factor per question, the same for every backend so both rank alike."""

import math

# Relative weight of a match in each part of a question's document (tag names count with the accepted
# and official answers). Backends map them onto what they have: Whoosh field boosts and repetition,
# PostgreSQL's four tsvector weights.
FIELD_WEIGHTS = {"title": 3.0, "accepted": 1.6, "body": 1.0, "answers": 0.6}

SORTS = ("relevance", "newest", "votes")


def quality_boost(*, solved: bool, official: bool, in_faq: bool, closed: bool, score: int,
                  answer_count: int) -> float:
    """A multiplier on text relevance: what helped others before should come first, closed questions last."""
    boost = 1.0
    if in_faq:
        boost *= 1.6
    if official:
        boost *= 1.4
    if solved:
        boost *= 1.5
    if score > 0:
        boost *= 1 + 0.25 * min(math.log10(1 + score), 2)  # diminishing: at most ×1.5
    elif score < 0:
        boost *= 0.8
    if answer_count == 0:
        boost *= 0.85
    if closed:
        boost *= 0.5
    return round(boost, 4)
