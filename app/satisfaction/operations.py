"""The askers' survey, one action each: asking, answering (on the page or from an e-mail's link) and asking once
more; and a reader's "Was this helpful?" with its reason. Each flushes and never commits; the view or command
commits once."""

from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select

from app import clock, helpfulness, typed_text, upsert
from app.badges import awards
from app.errors import Conflict, Invalid, NotAllowed
from app.extensions import db
from app.faq import operations as faq
from app.i18n import lazy_gettext as _l
from app.models import (
    HELPFUL_REASONS,
    OUTCOMES,
    Answer,
    FaqEntry,
    Question,
    SatisfactionResponse,
    SatisfactionSurvey,
    User,
    VisitorFeedback,
)
from app.moderation import signals
from app.notifications import operations as notifications
from app.questions import official_answers
from app.reputation import ledger
from app.reputation.sources import SolvedSource
from app.satisfaction import emails, links, queries

COMMENT_LIMIT = 1000
REMIND_BATCH = 500  # surveys reminded per run of the command: a backlog is worked off over several runs


def ask(question: Question, answer: Answer) -> SatisfactionSurvey | None:
    """An answer was accepted or marked official: its asker is asked whether it solved their problem, once per
    question (a later acceptance moves an unanswered survey to the new answer, and asks nothing again)."""
    asker = question.author
    if asker is None or question.deleted_at is not None:
        return None
    survey = db.session.scalar(select(SatisfactionSurvey).where(SatisfactionSurvey.question_id == question.id,
                                                                SatisfactionSurvey.asker_id == asker.id))
    if survey is not None:
        if survey.answered_at is None:
            survey.answer_id = answer.id
        return survey
    survey = SatisfactionSurvey(question_id=question.id, asker_id=asker.id, answer_id=answer.id,
                                asked_at=clock.now(), comment="")
    links.new_nonce(survey)
    db.session.add(survey)
    db.session.flush()
    emails.send_survey(survey, reminder=False)
    return survey


def answer_survey(user: User, survey: SatisfactionSurvey, outcome: str, rating: int | str | None = None,
                  comment: str = "", via: str = "page") -> None:
    """The asker's answer (Yes, Partly or No, with an optional 1–5 rating and comment), changeable for
    CSAT_CHANGE_DAYS after it was first given; every answer is kept. No, or a rating of 2 or less, puts the thread
    in the care queue's Unhappy tab; Partly says "still not solved"."""
    if user is None or user.id != survey.asker_id:
        raise NotAllowed(_l("Only the person who asked can answer this."))
    if survey.question.deleted_at is not None:
        raise NotAllowed(_l("This question has been deleted."))
    outcome, rating, comment = _checked(outcome, rating, comment)
    changed = survey.answered_at is not None
    now = clock.now()
    if survey.answered_at is not None and now > survey.answered_at + timedelta(
            days=int(current_app.config["CSAT_CHANGE_DAYS"])):
        raise Conflict(_l("Your answer can be changed for %(days)s days after you gave it.",
                          days=current_app.config["CSAT_CHANGE_DAYS"]))
    survey.outcome, survey.rating, survey.comment = outcome, rating, comment
    survey.answered_at = survey.answered_at or now
    survey.changed_at = now
    db.session.add(SatisfactionResponse(survey_id=survey.id, outcome=outcome, rating=rating, comment=comment,
                                        via=via, created_at=now))
    db.session.flush()
    # A Yes about the accepted answer earns its author a bonus; a changed answer may take it back.
    ledger.sync({SolvedSource(survey.question_id)}, actor_id=user.id, cause="survey_changed" if changed else None)
    awards.check("solved", survey.answer.author_id if survey.answer else None)
    _route(user, survey)


def _checked(outcome: str, rating: int | str | None, comment: str) -> tuple[str, int | None, str]:
    """The answer as typed or clicked: a rating may come as the form's text ("" for none)."""
    if outcome not in OUTCOMES:
        raise Invalid(_l("Choose Yes, Partly or No."), "outcome")
    if rating in (None, ""):
        rating = None
    elif isinstance(rating, str) and rating in {"1", "2", "3", "4", "5"}:
        rating = int(rating)
    elif not (isinstance(rating, int) and 1 <= rating <= 5):
        raise Invalid(_l("Choose a rating from 1 to 5."), "rating")
    comment = typed_text.multi_line(comment)
    if len(comment) > COMMENT_LIMIT:
        raise Invalid(_l("Use at most %(n)s characters.", n=COMMENT_LIMIT), "comment")
    return outcome, rating, comment


def is_unhappy(outcome: str | None, rating: int | None) -> bool:
    return outcome == "no" or (rating is not None and rating <= 2)


def _route(user: User, survey: SatisfactionSurvey) -> None:
    question = survey.question
    if is_unhappy(survey.outcome, survey.rating):
        signals.mark_dissatisfied(question, survey.comment)
    else:
        signals.clear_dissatisfied(question)
    if survey.outcome == "partly":
        notifications.say_still_unsolved(user, question, survey.comment[:500])


def answer_from_link(token: str, outcome: str, rating: int | str | None = None,
                     comment: str = "") -> SatisfactionSurvey:
    """An answer from an e-mail's link (or the form it leads to), no log-in needed: the signed token stands for
    the asker. The link's one use is spent, and a new token comes back for the optional rating and comment."""
    survey, nonce = queries.get_linked_survey(token)
    links.check_unused(survey, nonce)
    answer_survey(survey.asker, survey, outcome, rating, comment, via="email")
    links.new_nonce(survey)
    db.session.flush()
    return survey


def send_reminders(now=None) -> int:
    """Ask once more the askers who have not answered CSAT_DELAY_HOURS after being asked (`flask care
    csat-remind`). The earlier e-mail's links stop working: the new one's do."""
    now = now or clock.now()
    due = now - timedelta(hours=int(current_app.config["CSAT_DELAY_HOURS"]))
    surveys = db.session.scalars(select(SatisfactionSurvey).where(
        SatisfactionSurvey.answered_at.is_(None), SatisfactionSurvey.reminded_at.is_(None),
        SatisfactionSurvey.asked_at <= due).order_by(SatisfactionSurvey.id).limit(REMIND_BATCH)).all()
    for survey in surveys:
        survey.reminded_at = now
        if survey.question.deleted_at is None:
            links.new_nonce(survey)
            emails.send_survey(survey, reminder=True)
    db.session.flush()
    return len(surveys)


def say_helpful(question: Question, answer: str, reader: str | None, day: date) -> None:
    """A reader's Yes or No to "Was this helpful?" about a question page, counted once per reader, page and day:
    answering again that day changes their answer, not the count. `reader` is their hash for the day
    (app/satisfaction/readers.py), None for a request the count ignores (nothing is written). What readers say
    moves nobody's reputation. The reader is thanked alike either way: nothing tells a script it was ignored."""
    if answer not in ("yes", "no"):
        raise Invalid(_l("Choose Yes or No."), "helpful")
    if reader is None:
        return
    helpful = answer == "yes"
    table = VisitorFeedback.__table__
    insert = upsert.insert(db.session.get_bind().dialect.name)(table).values(
        question_id=question.id, day=day, visitor_key=reader, helpful=helpful, reason=None, created_at=clock.now())
    # A Yes drops the reason a No had; a No again keeps it.
    db.session.execute(insert.on_conflict_do_update(
        index_elements=[table.c.question_id, table.c.day, table.c.visitor_key],
        set_={"helpful": helpful, "reason": None if helpful else table.c.reason}))
    _review_if_doubted(question)


def give_reason(question: Question, reason: str, reader: str | None, day: date) -> None:
    """Why the page did not help, from the reader who said No today (anyone else's is ignored)."""
    if reason not in HELPFUL_REASONS:
        raise Invalid(_l("Choose one of the reasons."), "reason")
    row = db.session.scalar(select(VisitorFeedback).where(
        VisitorFeedback.question_id == question.id, VisitorFeedback.day == day,
        VisitorFeedback.visitor_key == reader, VisitorFeedback.helpful.is_(False))) if reader else None
    if row is None:
        return
    row.reason = reason
    db.session.flush()
    _review_if_doubted(question)


def _doubted(question_id: int, since: datetime | None) -> bool:
    """Readers since `since` say the page's answer is outdated or did not work: at least VISITOR_REVIEW_MIN of
    them answered, and more than VISITOR_REVIEW_SHARE of those gave one of these reasons."""
    tally = helpfulness.tally(question_id, since)
    share = tally.doubting_share
    return (tally.readers >= int(current_app.config["VISITOR_REVIEW_MIN"]) and share is not None
            and share > float(current_app.config["VISITOR_REVIEW_SHARE"]))


def _review_if_doubted(question: Question) -> None:
    """The page's official answers and FAQ entries that readers doubt since they were last confirmed (or the
    entry last saved or approved) are due for review now, ahead of their review date."""
    now = clock.now()
    answers = db.session.scalars(select(Answer).where(
        Answer.parent_id == question.id, Answer.official_at.is_not(None), Answer.deleted_at.is_(None),
        Answer.official_review_due_at > now))
    for answer in answers:
        if _doubted(question.id, answer.official_at):
            official_answers.review_now(answer)
    entries = db.session.scalars(select(FaqEntry).where(FaqEntry.question_id == question.id,
                                                        FaqEntry.needs_review_at.is_(None)))
    for entry in entries:
        if _doubted(question.id, entry.updated_at):
            faq.review_now(entry)
