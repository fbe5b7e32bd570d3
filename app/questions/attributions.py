"""The CC BY-SA attribution imported questions, answers and comments owe: where each came from, by whom, under
which licence. Built from the origins a page reads with its posts (app/questions/view_models.py)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from markupsafe import Markup

# Stack Exchange's licence by contribution date (https://stackoverflow.com/help/licensing).
LICENCES = [
    (datetime(2018, 5, 2, tzinfo=UTC), "CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    (datetime(2011, 4, 8, tzinfo=UTC), "CC BY-SA 3.0", "https://creativecommons.org/licenses/by-sa/3.0/"),
    (datetime.min.replace(tzinfo=UTC), "CC BY-SA 2.5", "https://creativecommons.org/licenses/by-sa/2.5/"),
]
# Where a kind of post lives on its site, from its id there.
PATHS = {"question": "questions/{}", "answer": "a/{}", "comment": "posts/comments/{}"}


@dataclass(frozen=True)
class Attribution:
    source: Markup  # link to the original, the site's name as text
    author: Markup | None  # link to the author's profile there; None for a deleted account or one not imported
    licence: Markup


def _link(url: str, text: str) -> Markup:
    return Markup('<a href="{}" rel="nofollow">{}</a>').format(url, text)


def _licence(created_at: datetime) -> Markup:
    _, name, url = next(entry for entry in LICENCES if created_at >= entry[0])
    return _link(url, name)


def attribution(kind: str, post) -> Attribution | None:
    """None for a post written here; `post` is a page's view of a question, answer or comment (its `origin`, its
    author's `author_origin` on the same site, its `author` and `created_at`)."""
    origin = post.origin
    if origin is None:
        return None
    author = None
    if post.author is not None and post.author_origin is not None:
        author = _link(f"https://{origin.site}/users/{post.author_origin.source_id}", post.author.display_name)
    return Attribution(_link(f"https://{origin.site}/{PATHS[kind].format(origin.source_id)}", origin.site), author,
                       _licence(post.created_at))
