"""What the API returns for each kind of row. Each function's keys are exactly those of its schema in
app.api.openapi (the contract test checks every response against it)."""

from datetime import datetime

from flask import url_for

from app.badges.catalog import Badge, display_name
from app.models import Answer, Comment, FaqEntry, Flag, Question, Tag, User
from app.models.api_token import ApiToken
from app.uploads import rendering as images
from app.urls import absolute_url, post_url, user_url

VOTE_NAMES = {1: "up", -1: "down", 0: None}


def when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def user(row: User | None) -> dict | None:
    if row is None:  # the author's account was deleted
        return None
    return {"id": row.id, "username": row.username, "display_name": row.name, "reputation": row.reputation,
            "brand_team": row.is_moderator, "badges": badge_counts(row), "url": absolute_url(user_url(row))}


def badge_counts(row: User) -> dict:
    return {"gold": row.gold_badges, "silver": row.silver_badges, "bronze": row.bronze_badges}


def profile(row: User) -> dict:
    return {**(user(row) or {}), "about": row.about, "created_at": when(row.created_at)}  # none only without a row


def tag(row: Tag) -> dict:
    return {"name": row.name, "description": row.description, "question_count": row.question_count,
            "url": absolute_url(url_for("questions.tagged", name=row.name)),
            "names": {"en": row.name_en, "it": row.name_it},
            "descriptions": {"en": row.description, "it": row.description_it}}


def question_summary(row: Question) -> dict:
    return {
        "id": row.id, "title": row.title, "url": absolute_url(post_url(row)), "tags": [t.name for t in row.tags],
        "author": user(row.author), "language": row.language, "score": row.score,
        "answer_count": row.answer_count, "view_count": row.view_count, "solved": row.is_solved,
        "accepted_answer_id": row.accepted_answer_id, "has_official_answer": row.has_official_answer,
        "closed_reason": row.closed_reason, "locked": row.locked_at is not None,
        "created_at": when(row.created_at), "last_activity_at": when(row.last_activity_at),
    }


def comment(row: Comment) -> dict:
    return {"id": row.id, "post_id": row.post_id, "author": user(row.author), "body_markdown": row.body_markdown,
            "body_html": row.body_html, "created_at": when(row.created_at)}


def _post_state(row) -> dict:
    return {"body_markdown": row.body_markdown, "body_html": row.body_html, "deleted": row.deleted_at is not None,
            "hidden": row.hidden_at is not None, "last_edited_at": when(row.last_edited_at)}


def answer(row: Answer, comments: list[Comment], my_vote: int = 0) -> dict:
    official = suspended = None
    if row.is_official:
        official = {"at": when(row.official_at), "by": user(row.official_by), "note": row.official_note}
    elif row.is_official_suspended:  # changed since the brand confirmed it: not vouched for as it reads
        suspended = {"confirmed_at": when(row.official_at), "confirmed_by": user(row.official_by),
                     "changed_at": when(row.official_suspended_at)}
    return {
        "id": row.id, "question_id": row.parent_id, "url": absolute_url(post_url(row)), "author": user(row.author),
        "language": row.language, "score": row.score, "accepted": row.question.accepted_answer_id == row.id,
        "official": official, "official_suspended": suspended, **_post_state(row), "created_at": when(row.created_at),
        "my_vote": VOTE_NAMES[my_vote], "comments": [comment(c) for c in comments],
    }


def question(row: Question, answers: list[Answer], comments: dict, my_votes: dict,
             original: Question | None = None) -> dict:
    """`original`: the question this one duplicates, given only while the public can see it."""
    return {**question_summary(row), **_post_state(row), "duplicate_of_id": original.id if original else None,
            "my_vote": VOTE_NAMES[my_votes.get(row.id, 0)], "comments": [comment(c) for c in comments.get(row.id, [])],
            "answers": [answer(a, comments.get(a.id, []), my_votes.get(a.id, 0)) for a in answers]}


def page(listing, items: list) -> dict:
    return {"items": items, "page": listing.page, "per_page": listing.per_page, "total": listing.total,
            "pages": listing.pages, "next_page": listing.next_num if listing.has_next else None}


def badge(row: Badge, holders: int) -> dict:
    return {"slug": row.slug, "name": display_name(row), "description": str(row.description), "tier": row.tier,
            "repeatable": row.repeatable, "holders": holders,
            "url": absolute_url(url_for("badges.show", slug=row.slug))}


def faq_entry(row: FaqEntry) -> dict:
    return {"id": row.id, "title": row.title, "question_id": row.question_id, "answer_id": row.answer_id,
            "tag": row.tag.name if row.tag else None, "position": row.position, "answer_html": row.approved_html,
            "needs_review": row.needs_review_at is not None, "updated_at": when(row.updated_at),
            "url": absolute_url(url_for("faq.product", name=row.tag.name, _anchor=f"faq-{row.id}")
                                if row.tag else url_for("faq.index", _anchor=f"faq-{row.id}"))}


def flag(row: Flag) -> dict:
    return {"id": row.id, "post_id": row.post_id, "reason": row.reason, "text": row.text, "status": row.status,
            "created_at": when(row.created_at)}


def token(row: ApiToken) -> dict:
    return {"id": row.id, "name": row.name, "prefix": row.prefix, "created_at": when(row.created_at),
            "last_used_at": when(row.last_used_at)}


def image(row) -> dict:
    """An uploaded image: the Markdown to put in a post's body (with a description between the brackets)."""
    described = images.described(row)
    return {**described, "url": absolute_url(described["url"]),
            "thumbnail_url": absolute_url(described["thumbnail_url"])}
