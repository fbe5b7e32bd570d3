"""Queueing deliveries: listeners on the domain events add one row per subscribed endpoint, inside the
transaction of the change (so a delivery exists exactly when its cause was committed); the escalation scan
queues `question.escalated` once per question."""

from collections.abc import Callable
from datetime import timedelta

from flask import current_app
from sqlalchemy import exists, insert, or_, select

from app import clock, events
from app.escalation import is_escalated, response_target
from app.extensions import db
from app.models import Comment, ImportSource, Post, Question, Webhook, WebhookDelivery, WebhookEscalation, question_of
from app.webhooks import payloads


def subscribers(event: str) -> list[Webhook]:
    """Active endpoints that chose this event (a handful of rows: filtered here, portable across databases)."""
    endpoints = db.session.scalars(select(Webhook).where(Webhook.is_active.is_(True)).order_by(Webhook.id))
    return [endpoint for endpoint in endpoints if event in (endpoint.events or ())]


def enqueue(event: str, build_data) -> list[WebhookDelivery]:
    """Queue the event for every subscriber; `build_data()` is called only when someone listens."""
    endpoints = subscribers(event)
    if not endpoints:
        return []
    body = payloads.body(event, build_data())
    now = clock.now()
    queued = [WebhookDelivery(webhook_id=endpoint.id, event=event, body=body, created_at=now, next_attempt_at=now)
              for endpoint in endpoints]
    db.session.add_all(queued)
    return queued


def scrub_bodies(scrub: Callable[[str], str], needles: list[str]) -> None:
    """Rewrite the deliveries whose body contains any of `needles` (personal data was redacted from a post they
    carry): those still to be sent, and the finished ones kept for the log until they are pruned."""
    for delivery in db.session.scalars(select(WebhookDelivery).where(
            or_(*(WebhookDelivery.body.contains(needle, autoescape=True) for needle in needles)))):
        delivery.body = scrub(delivery.body)


# Listeners on app.events (subscribed by init_app).

def on_question_asked(event: events.QuestionAsked) -> None:
    enqueue("question.created", lambda: {"question": payloads.question(event.question)})


def on_answer_accepted(event: events.AnswerAccepted) -> None:
    answer = event.answer
    enqueue("answer.accepted", lambda: {"answer": payloads.answer(answer),
                                        "question": payloads.question(answer.question),
                                        "accepted_by": payloads.user(event.user)})


def on_answer_official(event: events.AnswerMarkedOfficial) -> None:
    answer = event.answer
    enqueue("answer.official", lambda: {"answer": payloads.answer(answer),
                                        "question": payloads.question(answer.question),
                                        "marked_by": payloads.user(event.moderator),
                                        "note": answer.official_note or ""})


def on_flag_raised(event: events.FlagRaised) -> None:
    enqueue("flag.created", lambda: {"flag": payloads.flag(event.flag), "post": payloads.post_summary(event.post)})


def on_post_signalled(event: events.PostSignalled) -> None:
    """Only the unhappy customer matters to the help desk (personal data is the moderators' business)."""
    signal = event.signal
    if signal.kind != "unhappy":
        return

    def data():
        post = db.session.get(Post, signal.post_id)
        comment = db.session.get(Comment, signal.comment_id) if signal.comment_id else None
        question = question_of(post)
        return {"signal": payloads.signal(signal), "post": payloads.post_summary(post),
                "comment": payloads.comment(comment), "question": payloads.question(question)}

    enqueue("post.unhappy", data)


def on_post_redacted(event: events.PostRedacted) -> None:
    scrub_bodies(event.scrub, list(event.needles))


LISTENERS = (
    events.Subscription(events.QuestionAsked, on_question_asked),
    events.Subscription(events.AnswerAccepted, on_answer_accepted),
    events.Subscription(events.AnswerMarkedOfficial, on_answer_official),
    events.Subscription(events.FlagRaised, on_flag_raised),
    events.Subscription(events.PostSignalled, on_post_signalled),
    events.Subscription(events.PostRedacted, on_post_redacted),
)


# Escalation: past the response target without an answer.

def escalate(now=None) -> list[int]:
    """Record and announce every question now past the response target without an answer, once each.

    Questions older than WEBHOOKS_ESCALATION_MAX_AGE_DAYS and imported ones are left alone: the help desk is
    not flooded with history the first time this runs. Flushes; the caller commits.
    """
    now = now or clock.now()
    oldest = now - timedelta(days=float(current_app.config["WEBHOOKS_ESCALATION_MAX_AGE_DAYS"]))
    imported = select(ImportSource.local_id).where(ImportSource.kind == "question")
    candidates = db.session.scalars(
        select(Question).where(
            Question.deleted_at.is_(None), Question.hidden_at.is_(None), Question.closed_reason.is_(None),
            Question.answer_count == 0, Question.created_at <= now - response_target(),
            Question.created_at >= oldest, Question.id.not_in(imported),
            ~exists().where(WebhookEscalation.question_id == Question.id))
        .order_by(Question.created_at, Question.id)).all()
    escalated = [question for question in candidates if is_escalated(question, now)]
    if not escalated:
        return []
    db.session.execute(insert(WebhookEscalation), [{"question_id": q.id, "escalated_at": now} for q in escalated])
    target_hours = response_target().total_seconds() / 3600
    for question in escalated:
        waited = (now - question.created_at).total_seconds() / 3600
        enqueue("question.escalated", lambda q=question, w=waited: {
            "question": payloads.question(q), "waiting_hours": round(w, 1), "response_target_hours": target_hours})
    db.session.flush()
    return [question.id for question in escalated]
