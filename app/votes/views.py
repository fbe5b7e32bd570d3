"""The vote endpoint: a plain form POST that redirects back, or JSON for scripts."""

from flask import Blueprint, jsonify, redirect, request
from flask_login import current_user, login_required

from app.badges import announcements, awards
from app.errors import wants_json
from app.extensions import db, limiter
from app.questions.queries import get_post
from app.urls import post_url
from app.votes import operations

bp = Blueprint("votes", __name__)

VOTE_NAMES = {1: "up", -1: "down", 0: None}


@bp.post("/posts/<int:post_id>/vote")
@login_required
@limiter.limit("60/minute")
def vote(post_id: int):
    post = get_post(post_id, current_user)
    value = operations.parse_value(request.form.get("value", ""))
    score, mine = operations.cast_vote(current_user, post, value)
    # A script shows a badge earned by this vote beside the buttons; a page shows it at the post.
    badges = announcements.announce(awards.take_unseen(current_user)) if wants_json() else []
    db.session.commit()
    if wants_json():
        return jsonify({"score": score, "vote": VOTE_NAMES[mine], "badges": badges})
    return redirect(post_url(post))
