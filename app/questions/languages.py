"""A stored post's language: changed by an edit, and read again by `flask posts detect-language`.

Posts stored before their language was read from their text took the author's interface language; the command
reads it again from the text (app/content_language.py), keeps every language an author chose, and commits batch
by batch, so the search index is brought up to date after each by the usual after-commit hook.

A question linked to its translations (a twin group: at most one question a language) keeps its language while
linked: detection never moves it, and a language picked by an editor that a twin already has is refused (a
moderator unlinks first). The link is a moderator's word that the questions are one need in two languages.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import Row, func, select
from sqlalchemy.orm import aliased

from app import content_language
from app.errors import Invalid
from app.extensions import db
from app.i18n import LANGUAGE_NAMES
from app.i18n import lazy_gettext as _l
from app.models import Post, Question, QuestionTwin, User

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


@dataclass
class Redetected:
    changes: Counter = field(default_factory=Counter)  # how many posts changed, by (old, new) language
    kept_linked: list[int] = field(default_factory=list)  # linked questions whose text reads as another language


def redetect(dry_run: bool = False, progress: Callable[[int], None] = lambda n: None) -> Redetected:
    """Read every unchosen post's language again, except linked questions'. With `dry_run` nothing is written."""
    found = Redetected()
    after_id = 0
    while rows := _batch(after_id):
        changed = {row.id: language for row in rows if (language := detected(row)) != row.language}
        linked = twinned(list(changed))
        found.kept_linked += sorted(linked)
        changed = {post_id: language for post_id, language in changed.items() if post_id not in linked}
        found.changes.update((row.language, changed[row.id]) for row in rows if row.id in changed)
        if changed and not dry_run:
            for post in db.session.scalars(select(Post).where(Post.id.in_(changed))):
                post.language = changed[post.id]  # through the ORM: the search hook marks its question
            db.session.commit()
        after_id = rows[-1].id
        progress(len(rows))
    return found


def twinned(question_ids: list[int]) -> set[int]:
    """Which of these questions are linked to translations."""
    if not question_ids:
        return set()
    return set(db.session.scalars(select(QuestionTwin.question_id).where(QuestionTwin.question_id.in_(question_ids))))


def twin_in(question_id: int, language: str) -> Post | None:
    """The question's twin in `language`, deleted or hidden ones too (they may come back), if it has one."""
    own, mate = aliased(QuestionTwin), aliased(QuestionTwin)
    return db.session.scalars(
        select(Post).join(mate, mate.question_id == Post.id).join(own, own.group_id == mate.group_id)
        .where(own.question_id == question_id, Post.id != question_id, Post.language == language)).first()


def edited_language(post: Post, choice: str | None, text: str) -> tuple[str | None, bool]:
    """The language an edit stores and whether the editor chose it: None keeps the post's, a language is the
    editor's choice, anything else reads the edited text (the post's own language when it is too short to tell).
    A linked question keeps its language unless one is picked, and one a twin has is refused."""
    if choice is None:
        return post.language, post.language_chosen
    if choice in content_language.LANGUAGES:
        twin = twin_in(post.id, choice) if isinstance(post, Question) and choice != post.language else None
        if twin is not None:
            raise Invalid(_l("This question is linked as a translation of “%(title)s”, which is in %(language)s: a "
                             "question has at most one translation in each language. A moderator can unlink them "
                             "first.", title=twin.title or "", language=LANGUAGE_NAMES[choice]), "language")
        return choice, True
    fallback = post.language if post.language in content_language.LANGUAGES else "en"
    detected = content_language.detect(text, fallback)
    if isinstance(post, Question) and detected != post.language and twinned([post.id]):
        return post.language, False
    return detected, False
