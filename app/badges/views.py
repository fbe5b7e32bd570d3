"""The badge catalogue, each badge's holders, and telling users about badges they earned."""

from flask import Blueprint, flash, render_template, request
from flask_login import current_user

from app.badges import announcements, awards, queries
from app.extensions import db
from app.pagination import page_number

bp = Blueprint("badges", __name__)


@bp.route("/badges")
def index():
    return render_template("badges/index.html", tiers=queries.catalogue_by_tier(), counts=queries.holder_counts())


@bp.route("/badges/<slug>")
def show(slug: str):
    badge = queries.get_badge(slug)
    holders = queries.list_holders(badge, page_number())
    return render_template("badges/show.html", badge=badge, holders=holders)


def announce_new_badges():
    """A badge may be earned through someone else's action: say so on the earner's next page."""
    if request.method != "GET" or request.endpoint in (None, "static") or not current_user.is_authenticated:
        return
    new = awards.take_unseen(current_user)
    if new:
        for message in announcements.announce(new):
            flash(message, "badge")
        db.session.commit()
