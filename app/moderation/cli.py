"""`flask moderation redact-again`: posts redacted before redaction reached titles, comments, the history and the
copies (the page, its history and copies may still hold what was removed from the body). `flask moderation
recheck-unhappy`: the open unhappy signals read again after the check changed."""

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.errors import Conflict
from app.extensions import db
from app.models import ModerationAction, Post, PostSignal, User
from app.moderation import redaction, signals

moderation_cli = AppGroup("moderation", help="The brand team's tools.")


@moderation_cli.command("redact-again")
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


@moderation_cli.command("recheck-unhappy")
def recheck_unhappy():
    """Read every open unhappy signal's text again with the current check: the words are refreshed, and signals
    whose text no longer sounds unhappy are removed (those moderators dismissed stay as they are)."""
    ids = db.session.scalars(select(PostSignal.id).where(PostSignal.kind == "unhappy",
                                                         PostSignal.dismissed_at.is_(None))).all()
    kept = 0
    for start in range(0, len(ids), 200):  # a batch at a time: a long run holds no lock for long
        for signal in db.session.scalars(select(PostSignal).where(PostSignal.id.in_(ids[start:start + 200]))):
            kept += signals.recheck_unhappy(signal)
        db.session.commit()
    click.echo(f"Open unhappy signals read again: {len(ids)}; still unhappy: {kept}; removed: {len(ids) - kept}.")


def init_app(app) -> None:
    app.cli.add_command(moderation_cli)
