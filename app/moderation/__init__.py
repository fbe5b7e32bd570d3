"""The brand team's work: the care queue (queue.py), flags, closing, locking, the audit log's page, redaction,
and the signals the heuristics raise on what members post (signals.py, listening to the content events)."""

import json

from flask import Flask

from app import events
from app.models import FLAG_REASONS
from app.moderation import cli, operations, signals, views

DEFAULTS = {
    # Flags (spam or offensive) from this many members hide a post until a moderator looks at it.
    "FLAGS_TO_HIDE": 3,
    # An answered question without an accepted or official answer waits in the Unresolved tab after this many days.
    "UNRESOLVED_AFTER_DAYS": 3,
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    app.context_processor(views.queue_count)
    events.subscribe_all(signals.LISTENERS)
    # Before/after values in the log, readable (accents kept) and escaped by the template like any text.
    app.add_template_filter(lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True), "as_text")
    app.jinja_env.globals.update(
        FLAG_REASONS=FLAG_REASONS, CLOSE_REASONS=operations.CLOSE_REASONS,
        close_reason_label=lambda reason: operations.CLOSE_REASON_LABELS.get(reason, reason),
        flag_reason_label=lambda reason: operations.FLAG_REASON_LABELS.get(reason, reason))
    cli.init_app(app)
