"""Where an imported question came from, for the CC BY-SA attribution on its page."""

from dataclasses import dataclass
from datetime import UTC, datetime

from markupsafe import Markup
from sqlalchemy import select

from app.extensions import db
from app.models import ImportSource, Question

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
    _, name, url = next(entry for entry in LICENCES if question.created_at >= entry[0])
    return Attribution(_link(f"https://{site}/questions/{source_id}", site), author, _link(url, name))
