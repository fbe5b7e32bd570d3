"""What the assistant had offered a customer before handing their question over to people, as the care queue and
the brand team's question page show it (both read it; neither owns the assistant)."""

from sqlalchemy import select
from sqlalchemy.orm import lazyload, load_only

from app.extensions import db
from app.models import AssistantHandover, Question


def handover_details(question_ids: list[int]) -> dict[int, tuple[AssistantHandover, list[Question]]]:
    """For the questions handed over by the assistant among these: the hand-over, and the threads it had
    offered that are still public (titles and links only), in the order offered."""
    if not question_ids:
        return {}
    handovers = list(db.session.scalars(select(AssistantHandover).where(
        AssistantHandover.question_id.in_(question_ids))))
    ids = {pair[0] for h in handovers for pair in h.offered or [] if pair and isinstance(pair[0], int)}
    offered = {q.id: q for q in db.session.scalars(select(Question).where(
        Question.id.in_(ids), Question.deleted_at.is_(None), Question.hidden_at.is_(None))
        .options(load_only(Question.id, Question.kind, Question.title, Question.slug, Question.language),
                 lazyload("*")))} if ids else {}
    return {h.question_id: (h, [offered[pair[0]] for pair in h.offered or [] if pair and pair[0] in offered])
            for h in handovers}
