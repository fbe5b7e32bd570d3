"""Reads for the survey: the asker's survey of a question, and the survey an e-mailed link is for."""

from flask import abort
from sqlalchemy import select

from app.extensions import db
from app.models import Question, SatisfactionSurvey, User
from app.satisfaction import links


def get_survey(question: Question, asker: User) -> SatisfactionSurvey:
    """The asker's survey of their question, or 404 (nobody was asked, or this is not the asker)."""
    survey = db.session.scalar(select(SatisfactionSurvey).where(SatisfactionSurvey.question_id == question.id,
                                                                SatisfactionSurvey.asker_id == asker.id))
    if survey is None:
        abort(404)
    return survey


def get_linked_survey(token: str) -> tuple[SatisfactionSurvey, str]:
    """(survey, the link's nonce) for a link signed here and not expired; raises links.LinkRefused."""
    survey_id, nonce = links.survey_id_of(token)
    survey = db.session.get(SatisfactionSurvey, survey_id)
    if survey is None:
        raise links.LinkRefused("invalid")
    return survey, nonce
