"""Where imported questions, answers and comments came from, for the CC BY-SA attribution on their page."""

from dataclasses import dataclass
from datetime import UTC, datetime

from markupsafe import Markup
from sqlalchemy import and_, or_, select

from app.extensions import db
from app.models import Answer, Comment, ImportSource, Question

# Stack Exchange's licence by contribution date (https://stackoverflow.com/help/licensing).
LICENCES = [
    (datetime(2018, 5, 2, tzinfo=UTC), "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    (datetime(2011, 4, 8, tzinfo=UTC), "CC BY-SA 3.0", "https://creativecommons.org/licenses/by-sa/3.0/"),
    (datetime.min.replace(tzinfo=UTC), "CC BY-SA 2.5", "https://creativecommons.org/licenses/by-sa/2.5/"),
]


@dataclass
class Attribution:
    source: Markup  # link to the original question, the site's name as text
    author: Markup | None  # link to the author's profile there; None for a deleted account
    licence: Markup


def _link(url: str, text: str) -> Markup:
    return Markup('<a href="{}" rel="nofollow">{}</a>').format(url, text)


def _licence(created_at: datetime) -> Markup:
    _, name, url = next(entry for entry in LICENCES if created_at >= entry[0])
    return _link(url, name)


def attribution(question: Question) -> Attribution | None:
    """None for a question written here; one query for an imported one."""
    origin = db.session.execute(select(ImportSource.site, ImportSource.source_id).where(
        ImportSource.kind == "question", ImportSource.local_id == question.id)).first()
    if origin is None:
        return None
    site, source_id = origin
    author = None
    if question.author_id is not None:
        user_source = db.session.scalar(select(ImportSource.source_id).where(
            ImportSource.site == site, ImportSource.kind == "user", ImportSource.local_id == question.author_id))
        if user_source is not None:
            author = _link(f"https://{site}/users/{user_source}", question.author.display_name)
    return Attribution(_link(f"https://{site}/questions/{source_id}", site), author, _licence(question.created_at))


def attributions(answers: list[Answer], comments: dict[int, list[Comment]]) -> dict[tuple[str, int], Attribution]:
    """The attribution of every imported answer and comment on a page, keyed by ("answer" or "comment", id):
    two queries whatever their number, none when nothing is shown."""
    shown = {"answer": {a.id: a for a in answers},
             "comment": {c.id: c for post_comments in comments.values() for c in post_comments}}
    conditions = [and_(ImportSource.kind == kind, ImportSource.local_id.in_(items))
                  for kind, items in shown.items() if items]
    if not conditions:
        return {}
    origins = db.session.execute(select(ImportSource.kind, ImportSource.local_id, ImportSource.site,
                                        ImportSource.source_id).where(or_(*conditions))).all()
    if not origins:
        return {}
    author_ids = {shown[kind][local_id].author_id for kind, local_id, _, _ in origins} - {None}
    profiles = {(site, local_id): source_id for site, local_id, source_id in db.session.execute(
        select(ImportSource.site, ImportSource.local_id, ImportSource.source_id).where(
            ImportSource.kind == "user", ImportSource.local_id.in_(author_ids),
            ImportSource.site.in_({site for _, _, site, _ in origins})))} if author_ids else {}
    result = {}
    for kind, local_id, site, source_id in origins:
        item = shown[kind][local_id]
        path = f"a/{source_id}" if kind == "answer" else f"posts/comments/{source_id}"
        profile = profiles.get((site, item.author_id))
        author = _link(f"https://{site}/users/{profile}", item.author.display_name) if profile is not None else None
        result[kind, local_id] = Attribution(_link(f"https://{site}/{path}", site), author, _licence(item.created_at))
    return result
