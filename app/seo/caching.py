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
from sqlalchemy import or_, select

from app import clock
from app.extensions import csrf, db
from app.i18n import current_language
from app.models import Comment, FaqEntry, Post, Question, User

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
    """What the anonymous question page shows, in four small queries: every post's state and score, the
    comments, the people named with their reputation and badges, the FAQ link. The view count is left out:
    it changes with every visitor and may lag by one cache lifetime."""
    posts = db.session.execute(
        select(Post.id, Post.score, Post.created_at, Post.last_activity_at, Post.last_edited_at, Post.deleted_at,
               Post.hidden_at, Post.locked_at, Post.closed_reason, Post.duplicate_of_id, Post.accepted_answer_id,
               Post.official_at, Post.official_by_id, Post.official_note, Post.author_id)
        .where(or_(Post.id == question.id, Post.parent_id == question.id)).order_by(Post.id)).all()
    comments = db.session.execute(
        select(Comment.id, Comment.post_id, Comment.created_at, Comment.deleted_at, Comment.author_id)
        .where(Comment.post_id.in_([row.id for row in posts])).order_by(Comment.id)).all()
    people_ids = {row.author_id for row in [*posts, *comments]} | {row.official_by_id for row in posts}
    people = db.session.execute(
        select(User.id, User.username, User.display_name, User.role, User.reputation, User.gold_badges,
               User.silver_badges, User.bronze_badges)
        .where(User.id.in_([i for i in people_ids if i is not None])).order_by(User.id)).all()
    faq = db.session.execute(select(FaqEntry.id, FaqEntry.tag_id).where(FaqEntry.question_id == question.id)).all()
    tags = [tag.name for tag in question.tags]
    newest = _newest([*posts, *comments])
    etag = _etag_of([tuple(r) for r in posts], [tuple(r) for r in comments], [tuple(r) for r in people],
                    [tuple(r) for r in faq], tags, _time_step(newest))
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
