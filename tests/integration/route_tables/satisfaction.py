"""The askers' survey: its panel on the question page and its e-mailed links; readers' "Was this helpful?"."""

from sqlalchemy import select

from app.extensions import db
from app.satisfaction import readers
from tests.integration.route_calls import OWNER, PUBLIC, Call, post


def build_world(w) -> None:
    from app.models import SatisfactionSurvey
    from app.satisfaction import links

    # The owner accepted answers on two questions, so she was asked twice: one survey's link is clicked, the
    # other's follow-up form sent (each link works once).
    clicked, detailed = db.session.scalars(select(SatisfactionSurvey).where(SatisfactionSurvey.asker_id == w.owner)
                                           .order_by(SatisfactionSurvey.id)).all()[:2]
    w.survey_token, w.survey_outcome = links.token(clicked), "yes"
    w.details_token = links.token(detailed)


ROUTES = {
    ("POST", "/questions/<int:question_id>/satisfaction"): post(OWNER, {"question_id": "solved"},
                                                                lambda w: {"outcome": "yes"}, refused_status=404),
    ("GET", "/satisfaction/<token>/<outcome>"): Call(PUBLIC, {"token": "survey_token", "outcome": "survey_outcome"}),
    ("POST", "/satisfaction/details"): post(PUBLIC, data=lambda w: {
        "token": w.details_token, "outcome": "no", "rating": "2", "comment": "It came back the next day."}, ok=200),
    # Anyone, as the page's form token allows; a member's CSRF token is checked too (the exempt view's own check).
    ("POST", "/questions/<int:question_id>/helpful"): post(PUBLIC, {"question_id": "question"}, lambda w: {
        "helpful": "no", "token": readers.form_token(w.question)}, ok=200, actor="owner"),
    # Only the reader who said No today gives a reason: the owner has not, so nothing may change.
    ("POST", "/questions/<int:question_id>/helpful/reason"): post(PUBLIC, {"question_id": "question"}, lambda w: {
        "reason": "outdated", "token": readers.form_token(w.question)}, ok=200, actor="owner", changes=None),
}
