"""/search (the page), /search/suggest (JSON for the ask page) and the suggestion click counter."""

from collections.abc import Callable

from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from app import content_language, reading
from app.extensions import db, limiter
from app.i18n import current_language
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.pagination import page_number
from app.questions.queries import get_question, twins_by_question
from app.search import operations, queries
from app.search.ranking import SORTS

bp = Blueprint("search", __name__)


def _limit(key: str) -> Callable[[], str]:
    return lambda: str(current_app.config[key])


@bp.get("/search")
@limiter.limit(_limit("SEARCH_RATE_LIMIT"))
def index() -> ResponseReturnValue:
    text = request.args.get("q", "").strip()
    sort = request.args.get("sort", "relevance")
    sort = sort if sort in SORTS else "relevance"
    page = page_number()
    limit = current_app.config["SEARCH_QUERY_MAX_LENGTH"]
    read = reading.reading()
    if len(text) > limit:
        message = _("Your search is too long: use at most %(n)s characters.", n=limit)
        return render_template("search/results.html", q=text, sort=sort, result=None, error=message,
                               reading=read), 400
    if not text:
        return render_template("search/results.html", q="", sort=sort, result=None, error=None, reading=read)
    as_typed = request.args.get("as_typed") == "1"
    result = queries.search(text, sort, page, current_app.config["SEARCH_PER_PAGE"], autocorrect=not as_typed,
                            reading=read)
    status = 503 if result.unavailable else 200
    return render_template("search/results.html", q=text, sort=sort, result=result, error=None,
                           as_typed=as_typed, reading=read), status


# Beside a suggestion in the other language than the one typed: the reader learns why it is not in theirs.
DISCUSSION_IN = {"en": _l("There is an English discussion of this"),
                 "it": _l("There is an Italian discussion of this")}


@bp.get("/search/suggest")
@limiter.limit(_limit("SEARCH_SUGGEST_RATE_LIMIT"))
def suggest() -> ResponseReturnValue:
    text = request.args.get("q", "").strip()[:current_app.config["SEARCH_QUERY_MAX_LENGTH"]]
    found = queries.suggestions(text, current_app.config["SEARCH_SUGGESTIONS"]) if text else []
    typed = content_language.choose(request.args.get("lang"), text, current_language())
    twins = twins_by_question([s.question.id for s in found])
    return jsonify({"query": text, "language": typed, "suggestions": [{
        "id": s.question.id, "title": s.question.title,
        "url": url_for("questions.show", question_id=s.question.id, slug=s.question.slug),
        "solved": s.question.is_solved, "answers": s.question.answer_count, "faq": s.in_faq,
        "language": s.question.language, "elsewhere": _elsewhere(s.question.language, typed),
        "twins": [{"title": twin.title, "url": url_for("questions.show", question_id=twin.id, slug=twin.slug),
                   "language": twin.language, "elsewhere": _elsewhere(twin.language, typed)}
                  for twin in twins[s.question.id] if twin.language != typed],
        "click_url": url_for("search.suggestion_click", question_id=s.question.id)} for s in found]})


def _elsewhere(language: str | None, typed: str) -> str | None:
    """"There is an English discussion of this" for a thread in another language than the one typed."""
    return str(DISCUSSION_IN[language]) if language in DISCUSSION_IN and language != typed else None


@bp.post("/search/suggestions/<int:question_id>/click")
@limiter.limit(_limit("SEARCH_CLICK_RATE_LIMIT"))
def suggestion_click(question_id: int) -> ResponseReturnValue:
    question = get_question(question_id, current_user)
    operations.record_suggestion_click(current_user if current_user.is_authenticated else None, question)
    db.session.commit()
    return "", 204
