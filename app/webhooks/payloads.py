"""What a delivery says: the JSON body of each event (documented with examples in docs/webhooks.md)."""

import json
import uuid

from flask import current_app, has_request_context, url_for

from app import clock
from app.models import Answer, Comment, Flag, Post, PostSignal, Question, User
from app.slugs import slugify
from app.urls import absolute_url


def _url(endpoint: str, **values) -> str:
    """An absolute link on the public origin (SITE_URL), from a request or from a command."""
    if has_request_context():
        return absolute_url(url_for(endpoint, **values))
    return absolute_url(current_app.url_map.bind("localhost").build(endpoint, values))


def _time(moment) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment else None


def user(person: User | None) -> dict | None:
    if person is None:
        return None
    return {"id": person.id, "username": person.username, "name": person.name, "role": person.role,
            "url": _url("accounts.profile", user_id=person.id, slug=slugify(person.username))}


def question(post: Question) -> dict:
    return {"id": post.id, "title": post.title, "url": _url("questions.show", question_id=post.id, slug=post.slug),
            "body": post.body_markdown, "language": post.language, "tags": [tag.name for tag in post.tags],
            "author": user(post.author), "created_at": _time(post.created_at), "answer_count": post.answer_count,
            "is_solved": post.accepted_answer_id is not None}


def answer(post: Answer) -> dict:
    return {"id": post.id, "url": _url("questions.post_link", post_id=post.id), "body": post.body_markdown,
            "author": user(post.author), "created_at": _time(post.created_at), "score": post.score,
            "is_official": post.is_official}


def post_summary(post: Post) -> dict:
    """A question or an answer, with its kind."""
    return {"kind": post.kind, **(question(post) if isinstance(post, Question) else answer(_answer(post)))}


def _answer(post: Post) -> Answer:
    assert isinstance(post, Answer)  # a post is a question or an answer
    return post


def comment(item: Comment | None) -> dict | None:
    if item is None:
        return None
    return {"id": item.id, "body": item.body_markdown, "author": user(item.author),
            "created_at": _time(item.created_at)}


def flag(item: Flag) -> dict:
    return {"id": item.id, "reason": item.reason, "text": item.text, "created_at": _time(item.created_at),
            "flagged_by": user(item.user)}


def signal(item: PostSignal) -> dict:
    return {"kind": item.kind, "detail": item.detail, "created_at": _time(item.created_at)}


def body(event: str, data: dict) -> str:
    """The delivery's body, serialised once: every retry sends the same bytes."""
    envelope = {"id": uuid.uuid4().hex, "event": event, "occurred_at": _time(clock.now()),
                "site": current_app.config.get("SITE_NAME"), "data": data}
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":"))
