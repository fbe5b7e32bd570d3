"""The assistant over the API: the same reply as the help page, for a help desk or a chat widget, and the
customer's answer to it. A token is optional (a member's session is theirs, a visitor's belongs to whoever holds
its key); the site's limits per address or member apply."""

from flask import abort, current_app, jsonify
from flask_login import current_user

from app.api import auth, parameters
from app.api.blueprint import bp
from app.assistant import links, operations
from app.assistant.replies import Reply
from app.extensions import db, limiter
from app.questions.operations import BODY_MAX
from app.urls import absolute_url

limit = limiter.limit(lambda: current_app.config["ASSISTANT_RATE_LIMIT"], key_func=auth.rate_key)


def representation(reply: Reply) -> dict:
    return {
        "outcome": reply.outcome,
        "language": reply.language,
        "cut": reply.cut,
        "answer": [{"question_id": s.question_id, "answer_id": s.answer_id, "title": s.title,
                    "url": absolute_url(s.path), "kind": s.kind,
                    "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
                    "language": s.language, "in_other_language": s.in_other_language,
                    "blocks": [{"kind": p.kind, "html": str(p.html), "after_gap": p.after_gap} for p in s.pieces]}
                   for s in reply.sources],
        "related": [{"question_id": t.question_id, "title": t.title, "url": absolute_url(t.path),
                     "language": t.language, "in_other_language": t.in_other_language} for t in reply.related],
    }


@bp.post("/assistant")
@limit
def assistant():
    body = parameters.Body()
    text, title = body.text("text", BODY_MAX), body.text("title", 150)
    language = body.choice("language", current_app.config["LANGUAGES"], None)
    if not text and "text" not in body.errors:
        body.errors["text"] = parameters.REQUIRED  # a title alone is not a question for the assistant
    body.check()
    reply, session, key = operations.ask(current_user, "api", text, language or _fallback_language(), title=title)
    db.session.commit()
    response = jsonify({"session": {"id": session.id, "key": key}, **representation(reply),
                        "handover_url": absolute_url(links.handover_path(session.id, key))})
    response.headers["Cache-Control"] = "no-store"
    return response


def _fallback_language() -> str:
    return getattr(current_user, "locale", None) or current_app.config["BABEL_DEFAULT_LOCALE"]


@bp.post("/assistant/<int:session_id>/feedback")
@limit
def assistant_feedback(session_id: int):
    body = parameters.Body()
    key, feedback = body.text("key", 100), body.choice("feedback", (operations.SOLVED, operations.NOT_HELPFUL), "")
    if not feedback and "feedback" not in body.errors:
        body.errors["feedback"] = parameters.REQUIRED
    body.check()
    try:
        session = operations.session_with_key(parameters.valid_id(session_id), key)
    except operations.UnknownSession:
        abort(404)
    operations.record_feedback(session, feedback)
    db.session.commit()
    return jsonify({"session_id": session.id, "feedback": session.feedback,
                    "handover_url": absolute_url(links.handover_path(session.id, key))})
