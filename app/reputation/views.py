"""The member list and the privileges page."""

from flask import Blueprint, render_template, request
from flask_login import current_user

from app.pagination import page_number
from app.reputation import points, privileges, queries

bp = Blueprint("reputation", __name__)
bp.add_app_template_global(privileges.threshold, "privilege_threshold")
bp.add_app_template_global(
    lambda reason, own=True: (points.REASON_LABELS if own else points.THIRD_PERSON_REASON_LABELS).get(reason, reason),
    "reason_label")
bp.add_app_template_global(lambda cause: points.CAUSE_LABELS.get(cause, cause), "cause_label")


@bp.route("/users")
def members():
    period = request.args.get("period", "all")
    period = period if period in queries.PERIODS else "all"
    search = request.args.get("q", "").strip()[:60]
    listing = queries.list_members(period, search, page_number())
    return render_template("reputation/members.html", listing=listing, period=period, search=search)


@bp.route("/help/privileges")
def privileges_help():
    return render_template("reputation/privileges.html", progress=queries.privilege_progress(current_user))
