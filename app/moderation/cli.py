"""`flask moderation redact-again`: posts redacted before redaction reached titles, comments, the history and the
copies (the page, its history and copies may still hold what was removed from the body)."""

import click
from sqlalchemy import select

from app.errors import Conflict
from app.extensions import db
from app.models import ModerationAction, Post, User
from app.moderation import redaction


@click.command("redact-again")
@click.option("--moderator", "username", required=True, help="The brand team account the audit log names.")
def redact_again(username):
    """Redact again every post the brand team once redacted: what is still found goes from the post, its
    comments, its history and every copy; a post with nothing left is skipped."""
    moderator = db.session.scalar(select(User).where(User.username_key == username.lower()))
    if moderator is None or not moderator.is_moderator:
        raise click.UsageError(f"{username} is not a member of the brand team.")
    post_ids = db.session.scalars(select(ModerationAction.target_id).where(
        ModerationAction.target_type == "post", ModerationAction.action == "redact").distinct()).all()
    redacted = 0
    for post_id in sorted(post_ids):
        post = db.session.get(Post, post_id)
        if post is None:
            continue
        try:
            redaction.redact_personal_data(moderator, post)
        except Conflict:
            db.session.rollback()
            continue
        db.session.commit()  # one post at a time: a long run holds no lock for long
        redacted += 1
    click.echo(f"Redacted again: {redacted} of {len(post_ids)} posts once redacted.")
