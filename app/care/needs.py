"""Customer needs: a question and its linked translations (twins) are one need asked in two languages, so the
figures about how fast customers get help count each need once: the response target (met, missed, pending,
closed), the times to first answer and their chart, still unanswered, escalated and the staff's time to act on
them. Per question stay: questions asked, solved and who solved it, time to solution (each thread has its own
accepted answer), top helpers, unhappy signals, flags and suggestion clicks.

A need's row is its questions' rows merged: asked when its first question was asked, answered at its first
response on any of them, closed only when all are, escalated when no response came within the target of the
first asking. Only the questions of the period's cohort are merged (a twin asked in another period, or about
another product, belongs to that period's figures)."""

from dataclasses import replace
from datetime import datetime, timedelta

from app.care.queries import QuestionFacts


def need_rows(facts: list[QuestionFacts], rows: list, target: timedelta, now: datetime) -> list:
    """One row per need, in asking order: a lone question's row as it is, twins' rows merged."""
    groups: dict[object, list] = {}
    for fact, row in zip(facts, rows, strict=True):
        groups.setdefault(fact.twin_group_id or ("question", fact.id), []).append(row)
    merged = [_merge(group, target, now) if len(group) > 1 else group[0] for group in groups.values()]
    return sorted(merged, key=lambda r: (r.asked_at, r.id))


def _merge(rows: list, target: timedelta, now: datetime):
    first = min(rows, key=lambda r: (r.asked_at, r.id))
    answered = [r for r in rows if r.response_at is not None]
    response = min(answered, key=lambda r: r.response_at, default=None)
    closed = all(r.closed for r in rows)
    if response is not None:
        status = "met" if response.response_at - first.asked_at <= target else "missed"
    elif closed:
        status = "closed"
    else:
        status = "missed" if now - first.asked_at > target else "pending"
    solved = min((r for r in rows if r.solved_at is not None), key=lambda r: r.solved_at, default=None)
    actions = [r.first_staff_action_at for r in rows if r.first_staff_action_at is not None]
    claims = [r.first_claimed_at for r in rows if r.first_claimed_at is not None]
    return replace(first, closed=closed, response_at=response.response_at if response else None,
                   response_by_staff=bool(response and response.response_by_staff), target_status=status,
                   solved_at=solved.solved_at if solved else None, solved_by=solved.solved_by if solved else None,
                   first_staff_action_at=min(actions, default=None), first_claimed_at=min(claims, default=None))
