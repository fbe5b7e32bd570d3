"""The care figures over the API, for the brand team's own reporting: the askers' survey (satisfaction, average
rating, response rate) for a period, per product and per answerer with enough ratings, and readers' "Was this
helpful?" per product with the pages most often called outdated, as on the dashboard."""

from flask import jsonify, request

from app import clock
from app.api import auth
from app.api import representations as show
from app.api.blueprint import bp, read_limit
from app.care import queries
from app.care.export import helpfulness_summary, tally_summary
from app.care.filters import from_args
from app.care.helpfulness_figures import HelpfulnessFigures
from app.care.satisfaction_figures import SatisfactionFigures


@bp.get("/care/satisfaction")
@read_limit
@auth.moderator_required
def satisfaction():
    now = clock.now()
    filters = from_args(request.args, now)
    figures = SatisfactionFigures(queries.surveys(filters))
    answerers = figures.answerers
    users = queries.users_by_id(a.user_id for a in answerers)
    return jsonify({
        "period": {"since": filters.since.isoformat(), "until": filters.until.isoformat(),
                   "tag": filters.tag.name if filters.tag else None},
        "computed_at": now.isoformat(),
        **tally_summary(figures.total),
        "by_product": [{"product": p.product, **tally_summary(p.tally)} for p in figures.by_product],
        "answerers": [{"user": show.user(users.get(a.user_id)), **tally_summary(a.tally)} for a in answerers],
        "readers": helpfulness_summary(HelpfulnessFigures(queries.reader_answers(filters))),
    })
