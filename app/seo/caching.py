"""Conditional requests and shared caching for the pages search visitors land on (a question, the FAQ).

An anonymous GET gets a weak ETag, Last-Modified and `Cache-Control: public, max-age=…`, and a 304 when
its ETag still matches. Signed-in members keep `private, no-cache` (set in app/__init__.py): their pages
carry their own votes, tools and tokens. Decisions (what the ETag covers, views counted on 304, why a
shared page carries no CSRF token) are in docs/decisions.md.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app, g, make_response, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from app import clock
from app.extensions import csrf
from app.i18n import current_language
from app.models import Question

# Relative times ("3 minutes ago") change with the clock alone; the ETag changes with them, at the
# coarsest step that the newest time on the page still shows.
_TIME_STEPS = ((timedelta(hours=1), 60), (timedelta(days=1), 3600))
_DAY = 86400


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: datetime | None


def init_app(app: Flask) -> None:
    # Replaces Flask-WTF's template function (global and context processor) so that a page built for a
    # shared cache carries no token bound to one visitor's session, and so sets no session cookie.
    app.jinja_env.globals["csrf_token"] = csrf_token
    app.context_processor(lambda: {"csrf_token": csrf_token})


def csrf_token() -> str:
    return "" if g.get("shared_page") else generate_csrf()


def protect_signed_in() -> None:
    """CSRF check for a view exempted so that anonymous visitors can use it from a token-less shared page
    (the language switcher: the worst a forged request does to a visitor is set a language cookie)."""
    if current_user.is_authenticated and current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()


def shareable_request() -> bool:
    return request.method in ("GET", "HEAD") and not current_user.is_authenticated


def conditional(render: Callable, validators: Callable[[], Validators] | None = None,
                last_modified: datetime | None = None):
    """Render (or answer 304) for an anonymous GET with validators; anyone else gets `render()` unchanged.

    `validators` computes the ETag before rendering (a 304 then skips the render); without it the ETag
    is a hash of the rendered body, for pages that are as cheap to render as to fingerprint.
    """
    if not shareable_request():
        return render()
    known = validators() if validators else None
    if known and not _modified(known.etag):
        return _public(make_response("", 304), known)
    g.shared_page = True
    response = make_response(render())
    if response.status_code != 200 or session.modified:  # e.g. a flash message was shown: not for everyone
        return response
    known = known or Validators(_etag_of(response.get_data()), last_modified)
    if not _modified(known.etag):
        response = make_response("", 304)
    return _public(response, known)


def _modified(etag: str) -> bool:
    """Only If-None-Match decides: a retracted vote leaves no timestamp, so a date cannot prove a page unchanged."""
    return not request.if_none_match.contains_weak(etag)


def _public(response, known: Validators):
    response.set_etag(known.etag, weak=True)
    if known.last_modified:
        response.last_modified = known.last_modified
    response.headers["Cache-Control"] = f"public, max-age={int(current_app.config['PUBLIC_CACHE_SECONDS'])}"
    # The language comes from Accept-Language or the `lang` cookie; signed-in members send a session cookie.
    response.vary.update(("Cookie", "Accept-Language"))
    return response


def _etag_of(*parts) -> str:
    digest = hashlib.sha256(repr((current_language(), current_app.extensions.get("site_version"), parts)).encode())
    return digest.hexdigest()[:32]


def _time_step(newest: datetime | None) -> int:
    """The clock bucket the ETag includes: minutes while the newest time shown is under an hour old, …"""
    now = clock.now()
    if newest is None:
        return int(now.timestamp()) // _DAY
    for age, step in _TIME_STEPS:
        if now - newest < age:
            return int(now.timestamp()) // step
    return int(now.timestamp()) // _DAY


def question_validators(question: Question) -> Validators:
    """What the anonymous question page shows: every post's state and score, the comments, the people
    named with their reputation and badges, the FAQ link. Read through the page's own queries (kept for
    the request), so a page that is rendered after all costs no extra statement. The view count is left
    out: it changes with every visitor and may lag by one cache lifetime."""
    from app.faq.queries import entry_for_question
    from app.questions.queries import comments_by_post, list_answers

    answers = list_answers(question, None)
    posts = sorted([question, *answers], key=lambda post: post.id)
    comments = sorted((c for group in comments_by_post([question.id, *(a.id for a in answers)]).values()
                       for c in group), key=lambda comment: comment.id)
    people = {post.author for post in posts} | {c.author for c in comments} | \
        {getattr(post, "official_by", None) for post in posts}
    entry = entry_for_question(question.id)
    post_rows = [(p.id, p.score, p.created_at, p.last_activity_at, p.last_edited_at, p.deleted_at, p.hidden_at,
                  p.locked_at, p.closed_reason, p.duplicate_of_id, p.accepted_answer_id, p.official_at,
                  p.official_by_id, p.official_note, p.author_id) for p in posts]
    comment_rows = [(c.id, c.post_id, c.created_at, c.deleted_at, c.author_id) for c in comments]
    people_rows = sorted((u.id, u.username, u.display_name, u.role, u.reputation, u.gold_badges, u.silver_badges,
                          u.bronze_badges) for u in people if u is not None)
    faq = [(entry.id, entry.tag_id)] if entry is not None else []
    tags = [tag.name for tag in question.tags]
    newest = _newest([*post_rows, *comment_rows])
    etag = _etag_of(post_rows, comment_rows, people_rows, faq, tags, _time_step(newest))
    return Validators(etag, newest)


def _newest(rows) -> datetime | None:
    moments = [value for row in rows for value in row if isinstance(value, datetime)]
    return max(moments) if moments else None


def faq_last_modified(groups) -> datetime | None:
    """The newest change to an entry or to the official mark of its answer (informational: see `_modified`)."""
    moments = [moment for _tag, entries in groups for entry in entries
               for moment in (entry.updated_at, entry.created_at, entry.answer.official_at if entry.answer else None)
               if moment]
    return max(moments) if moments else None
