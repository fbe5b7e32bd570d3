"""The FAQ follows what happens to the answers it features: an answer edited or deleted waits for a moderator's
review in its entries, and a redaction reaches the entries' copies of the text."""

from app import events
from app.faq import operations
from app.models import Answer


def on_post_edited(event: events.PostEdited) -> None:
    if isinstance(event.post, Answer):
        operations.featured_answer_changed(event.post)


def on_post_deleted(event: events.PostDeleted) -> None:
    if isinstance(event.post, Answer):
        operations.featured_answer_changed(event.post)


def on_post_redacted(event: events.PostRedacted) -> None:
    operations.redact_entries(event.post, event.scrub)


LISTENERS = (
    events.Subscription(events.PostEdited, on_post_edited),
    events.Subscription(events.PostDeleted, on_post_deleted),
    events.Subscription(events.PostRedacted, on_post_redacted),
)
