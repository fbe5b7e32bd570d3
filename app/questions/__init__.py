"""Questions and answers: the lists, the question page, asking, answering, commenting, editing, deleting,
accepting and the brand's official answers; the kept list counts; `flask posts` and `flask counters`."""

from flask import Flask

from app import reading
from app.questions import cli, list_counts, views
from app.questions.view_models import tag_description, tag_label

DEFAULTS = {
    "QUESTIONS_PER_PAGE": 30,
    # A visitor who reloads a question within this window is counted once.
    "VIEW_WINDOW_MINUTES": 30,
    # Seconds the list totals are kept in each process (0: counted on every page); see list_counts.py.
    "LIST_COUNT_CACHE_SECONDS": 30,
    # An official answer waits in Review due for re-confirmation after this many months.
    "OFFICIAL_REVIEW_MONTHS": 12,
}


def init_app(app: Flask) -> None:
    app.register_blueprint(views.bp)
    list_counts.init_app(app)
    cli.init_app(app)
    app.add_template_filter(tag_label)
    app.add_template_filter(tag_description)
    app.add_template_global(reading.other_language_label, "other_language")
    app.add_template_global(reading.filter_links, "language_filter_links")
