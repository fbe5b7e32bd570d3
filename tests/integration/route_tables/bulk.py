"""Bulk actions from the care queue: the confirmation page and the action, the brand team's alone."""

from tests.integration.route_calls import MODERATOR, Call, post

ROUTES = {
    ("GET", "/moderation/bulk"): Call(MODERATOR, query=lambda w: f"action=lock&post={w.unanswered}&next=/moderation"),
    ("POST", "/moderation/bulk"): post(MODERATOR, data=lambda w: {"action": "lock", "post": str(w.unanswered)},
                                       ok=200),
}
