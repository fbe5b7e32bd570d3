"""The member list and the privileges page."""

from flask import Blueprint, render_template, request
from flask_login import current_user

from app.pagination import page_number
from app.reputation import points, queries

bp = Blueprint("reputation", __name__)


@bp.route("/users")
def members() -> str:
    period = request.args.get("period", "all")
    period = period if period in queries.PERIODS else "all"
    search = request.args.get("q", "").strip()[:60]
    listing = queries.list_members(period, search, page_number())
    return render_template("reputation/members.html", listing=listing, period=period, search=search)


@bp.route("/help/privileges")
def privileges_help() -> str:
    earned = {reason: points.value(reason) for reason in points.DEFAULT_POINTS}
    return render_template("reputation/privileges.html", progress=queries.privilege_progress(current_user),
                           points=earned)
