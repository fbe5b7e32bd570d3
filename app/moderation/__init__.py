"""The brand team's work: the care queue (queue.py), flags, closing, locking, undoing a flag's hiding or deletion
(undo.py), the audit log's page in words (actions.py, log_view.py), redaction, and the signals the heuristics raise
on what members post (signals.py, listening to the content events)."""

from flask import Flask

from app import events
from app.models import FLAG_REASONS
from app.moderation import actions, bulk, cli, operations, queue, signals, views

DEFAULTS = {
    # Flags (spam or offensive) from this many members hide a post until a moderator looks at it.
    "FLAGS_TO_HIDE": 3,
    # An answered question without an accepted or official answer waits in the Unresolved tab after this many days.
    "UNRESOLVED_AFTER_DAYS": 3,
    # A moderator's claim on a question lapses after this many hours, so nothing hides behind a forgotten one.
    "CLAIM_HOURS": 4,
    # Whether the asker is told "The brand team is looking into this" while someone holds a claim (off: a
    # claim is a promise the team may not keep; docs/decisions.md).
    "CLAIM_SHOWN_TO_ASKER": False,
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.context_processor(views.queue_count)
    events.subscribe_all(signals.LISTENERS)
    app.jinja_env.globals.update(
        QUEUE_TAB_NAMES=queue.TAB_NAMES, BULK_ACTIONS=bulk.ACTIONS, BULK_TAB_ACTIONS=bulk.TAB_ACTIONS,
        BULK_DONE=bulk.DONE, FLAG_REASONS=FLAG_REASONS, CLOSE_REASONS=operations.CLOSE_REASONS,
        close_reason_label=lambda reason: operations.CLOSE_REASON_LABELS.get(reason, reason),
        flag_reason_label=lambda reason: operations.FLAG_REASON_LABELS.get(reason, reason),
        action_label=actions.label)
    cli.init_app(app)
