"""The survey's answers: from the panel on the question page (the asker, logged in) and from an e-mail's links
(no log-in: the signed, single-use link stands for the asker), then the optional rating and comment."""

from flask import Blueprint, abort, flash, redirect, render_template
from flask_login import current_user, login_required

from app.extensions import db, limiter
from app.forms import render_form, submit
from app.i18n import gettext as _
from app.models import OUTCOMES
from app.questions import queries as question_queries
from app.satisfaction import links, operations, queries
from app.satisfaction.forms import LinkSurveyForm, SurveyForm
from app.urls import post_url

bp = Blueprint("satisfaction", __name__)

POST_LIMIT = "30/minute"
LINK_TEMPLATE = "satisfaction/link.html"


@bp.post("/questions/<int:question_id>/satisfaction")
@login_required
@limiter.limit(POST_LIMIT)
def answer(question_id: int):
    question = question_queries.get_question(question_id, current_user)
    survey = queries.get_survey(question, current_user)
    form = SurveyForm()
    if submit(form, lambda: operations.answer_survey(current_user, survey, form.outcome.data or "",
                                                     form.rating.data, form.comment.data or "")):
        flash(_("Thank you: your answer was saved."), "success")
    else:
        for message in [*form.outcome.errors, *form.rating.errors, *form.comment.errors, *form.form_errors]:
            flash(message, "error")
    return redirect(post_url(question, _anchor="satisfaction"))


# A link in an e-mail answers in one click, without logging in: its signature and one use stand in for both.
@bp.get("/satisfaction/<token>/<outcome>")
@limiter.limit(POST_LIMIT)
def from_link(token: str, outcome: str):
    if outcome not in OUTCOMES:
        abort(404)
    survey = operations.answer_from_link(token, outcome)
    db.session.commit()
    form = LinkSurveyForm(formdata=None, outcome=outcome, token=links.token(survey))
    return render_template(LINK_TEMPLATE, form=form, survey=survey), 200, {"Cache-Control": "no-store"}


@bp.post("/satisfaction/details")
@limiter.limit(POST_LIMIT)
def details():
    form = LinkSurveyForm()
    survey, _nonce = queries.get_linked_survey(form.token.data or "")
    if submit(form, lambda: operations.answer_from_link(form.token.data or "", form.outcome.data or "",
                                                        form.rating.data, form.comment.data or "")):
        return render_template(LINK_TEMPLATE, form=None, survey=survey), 200, {"Cache-Control": "no-store"}
    return render_form(LINK_TEMPLATE, form, survey=survey)
