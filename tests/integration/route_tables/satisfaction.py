"""The askers' survey: its panel on the question page and its e-mailed links."""

from sqlalchemy import select

from app.extensions import db
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
}
