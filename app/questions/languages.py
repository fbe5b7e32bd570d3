"""`flask posts detect-language`: posts stored before their language was read from their text took the
author's interface language; this reads it again from the text (app/content_language.py), keeps every
language an author chose, and commits batch by batch, so the search index is brought up to date after
each by the usual after-commit hook."""

from collections import Counter
from collections.abc import Callable

from flask import current_app
from sqlalchemy import Row, func, select

from app import content_language
from app.extensions import db
from app.models import Post, User

BATCH = 500


def count_detectable() -> int:
    return db.session.scalar(select(func.count(Post.id)).where(Post.language_chosen.is_(False))) or 0


def _batch(after_id: int) -> list[Row[int, str, str | None, str, str | None, str | None]]:
    return list(db.session.execute(
        select(Post.id, Post.kind, Post.title, Post.body_markdown, Post.language, User.locale)
        .outerjoin(User, User.id == Post.author_id)
        .where(Post.language_chosen.is_(False), Post.id > after_id).order_by(Post.id).limit(BATCH)))


def detected(row) -> str:
    """A stored post's language from its text; when too short to tell, what it had (else its author's)."""
    text = f"{row.title}\n{row.body_markdown}" if row.kind == "question" else row.body_markdown
    fallback = row.language or row.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    return content_language.detect(text, fallback if fallback in content_language.LANGUAGES else "en")


def redetect(dry_run: bool = False, progress: Callable[[int], None] = lambda n: None) -> Counter:
    """Read every unchosen post's language again; returns how many changed, by (old, new) language.
    With `dry_run` nothing is written."""
    changes: Counter = Counter()
    after_id = 0
    while rows := _batch(after_id):
        changed = {row.id: language for row in rows if (language := detected(row)) != row.language}
        changes.update((row.language, changed[row.id]) for row in rows if row.id in changed)
        if changed and not dry_run:
            for post in db.session.scalars(select(Post).where(Post.id.in_(changed))):
                post.language = changed[post.id]  # through the ORM: the search hook marks its question
            db.session.commit()
        after_id = rows[-1].id
        progress(len(rows))
    return changes
