"""Who in the brand team is on a question: claiming it ("I'm on it"), assigning it to a colleague, releasing
it. A claim lapses after CLAIM_HOURS, so nothing hides behind a forgotten one. The question's row is locked
first, so of two moderators claiming at once one wins and the other is told who has it."""

from datetime import datetime

from app import audit, clock, events, team_work
from app.errors import Conflict, Invalid
from app.extensions import db
from app.i18n import lazy_gettext as _l
from app.locking import lock_posts
from app.models import Question, QuestionClaim, User
from app.permissions import is_moderator, require_moderator


def _locked_claim(question: Question) -> QuestionClaim | None:
    """The question's claim row as committed now: read after the lock, so a colleague's claim made a moment ago
    is seen (the session's copy would be stale)."""
    lock_posts(question.id)
    return db.session.get(QuestionClaim, question.id, populate_existing=True)


def _refuse_if_done(question: Question) -> None:
    if question.deleted_at is not None or question.closed_reason is not None:
        raise Conflict(_l("This question is closed or deleted: there is nothing to be on."))


def _refuse_if_held(claim: QuestionClaim | None, now: datetime, *allowed: int) -> None:
    if claim is not None and claim.holds(now) and claim.moderator_id not in allowed:
        holder = claim.moderator.name if claim.moderator else ""
        raise Conflict(_l("%(name)s is already on this question.", name=holder))


def _hold(claim: QuestionClaim | None, question: Question, holder: User, assigned_by: User | None,
          now: datetime) -> tuple[dict, QuestionClaim]:
    before = {"holder": claim.moderator_id if claim is not None and claim.holds(now) else None}
    expires = now + team_work.claim_lifetime()
    if claim is None:
        claim = QuestionClaim(question_id=question.id, first_claimed_at=now, claimed_at=now, expires_at=expires)
        db.session.add(claim)
    claim.moderator_id, claim.moderator = holder.id, holder
    claim.assigned_by_id, claim.assigned_by = (assigned_by.id, assigned_by) if assigned_by else (None, None)
    claim.claimed_at, claim.expires_at = now, expires
    return before, claim


def claim_question(moderator: User, question: Question) -> QuestionClaim:
    """Take the question (or renew one's own claim for another CLAIM_HOURS)."""
    require_moderator(moderator)
    _refuse_if_done(question)
    now = clock.now()
    claim = _locked_claim(question)
    _refuse_if_held(claim, now, moderator.id)
    before, claim = _hold(claim, question, moderator, None, now)
    audit.record(moderator, "claim", "post", question.id, "", before, {"holder": moderator.id})
    return claim


def assign_question(moderator: User, question: Question, assignee: User | None) -> QuestionClaim:
    """Give the question to a colleague, who is told; a question a third colleague holds stays theirs."""
    require_moderator(moderator)
    if assignee is None or not is_moderator(assignee):
        raise Invalid(_l("Choose a member of the brand team."), "assignee")
    _refuse_if_done(question)
    now = clock.now()
    claim = _locked_claim(question)
    _refuse_if_held(claim, now, moderator.id, assignee.id)
    before, claim = _hold(claim, question, assignee, moderator if assignee.id != moderator.id else None, now)
    audit.record(moderator, "assign", "post", question.id, "", before, {"holder": assignee.id})
    if assignee.id != moderator.id:
        events.emit(events.QuestionAssigned(question, assignee, moderator))
    return claim


def release_question(moderator: User, question: Question) -> None:
    """Let the question go back to everyone (any moderator may release a colleague's claim: it is logged)."""
    require_moderator(moderator)
    now = clock.now()
    claim = _locked_claim(question)
    if claim is None or not claim.holds(now):
        raise Conflict(_l("Nobody is on this question."))
    before = {"holder": claim.moderator_id}
    claim.moderator_id, claim.moderator, claim.assigned_by_id, claim.assigned_by = None, None, None, None
    audit.record(moderator, "release", "post", question.id, "", before, {"holder": None})
