"""The care dashboard (/moderation/metrics) and its CSV export, for the brand team."""

from flask import Blueprint, Response, render_template, request, url_for

from app import clock, permissions
from app.care import export, metrics, queries
from app.care.filters import CUSTOM, DEFAULT_PRESET, PRESETS, from_args
from app.care.satisfaction_figures import ANSWERER_MIN_RATINGS
from app.errors import Invalid
from app.moderation import queue_filters
from app.urls import absolute_url

bp = Blueprint("care", __name__)
moderators_only = permissions.role_required(permissions.require_moderator)


def _entered() -> dict:
    """What the form shows: the values as entered, so a refused period keeps them."""
    args = request.args
    period = args.get("period", "") or (CUSTOM if args.get("from") or args.get("to") else str(DEFAULT_PRESET))
    return {"period": period, "from": args.get("from", ""), "to": args.get("to", ""), "tag": args.get("tag", "")}


def _page(report, errors: dict):
    return render_template("care/dashboard.html", report=report, entered=_entered(), errors=errors,
                           presets=PRESETS, custom=CUSTOM, tags=queue_filters.products(),
                           helpers=queries.users_by_id(report.named_user_ids) if report else {},
                           answerer_min_ratings=ANSWERER_MIN_RATINGS)


@bp.get("/moderation/metrics")
@moderators_only
def dashboard():
    try:
        filters = from_args(request.args, clock.now())
    except Invalid as error:
        return _page(None, error.errors), 400
    return _page(metrics.compute(filters), {})


@bp.get("/moderation/metrics.csv")
@moderators_only
def export_csv():
    filters = from_args(request.args, clock.now())
    report = metrics.compute(filters)
    rows = request.args.get("rows")  # assistant, satisfaction or helpfulness: per product; else one per question
    if rows == "assistant":
        body, prefix = export.assistant_csv_text(report), "care-assistant"
    elif rows == "satisfaction":
        body, prefix = export.satisfaction_csv_text(report), "care-satisfaction"
    elif rows == "helpfulness":
        body, prefix = export.helpfulness_csv_text(report), "care-helpfulness"
    else:
        body, prefix = export.csv_text(report, lambda row: absolute_url(
            url_for("questions.show", question_id=row.id, slug=row.slug))), "care"
    name = export.file_name(filters.first_day, filters.last_day, filters.tag.name if filters.tag else None, prefix)
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})
