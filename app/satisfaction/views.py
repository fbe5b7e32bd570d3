"""The survey's answers: from the panel on the question page (the asker, logged in) and from an e-mail's links
(no log-in: the signed, single-use link stands for the asker), then the optional rating and comment. And every
reader's "Was this helpful?", then why not."""

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request
from flask_login import current_user, login_required

from app import clock
from app.extensions import csrf, db, limiter
from app.forms import form_status, render_form, submit
from app.i18n import gettext as _
from app.models import OUTCOMES, Question
from app.questions import queries as question_queries
from app.satisfaction import links, operations, queries, readers
from app.satisfaction.forms import HelpfulForm, LinkSurveyForm, ReasonForm, SurveyForm
from app.seo.caching import protect_signed_in
from app.urls import post_url

bp = Blueprint("satisfaction", __name__)

POST_LIMIT = "30/minute"
LINK_TEMPLATE = "satisfaction/link.html"
# A reader answers a page or two in a sitting; a network sending more is not reading.
HELPFUL_LIMIT = "20/minute;300/day"
HELPFUL_TEMPLATE, HELPFUL_FRAGMENT = "satisfaction/helpful.html", "satisfaction/_helpful_box.html"


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


# "Was this helpful?" is on pages kept for every reader, which carry no session's token (app/seo/caching.py):
# members' CSRF tokens are checked here; visitors' answers count only with the page's form token.
@bp.post("/questions/<int:question_id>/helpful")
@csrf.exempt
@limiter.limit(HELPFUL_LIMIT)
def helpful(question_id: int):
    protect_signed_in()
    question = question_queries.get_question(question_id, current_user)
    form = HelpfulForm()
    day = clock.now().date()
    submit(form, lambda: operations.say_helpful(question, form.helpful.data or "", _reader(question, form, day), day))
    return _helpful_page(question, form, ReasonForm(formdata=None))


@bp.post("/questions/<int:question_id>/helpful/reason")
@csrf.exempt
@limiter.limit(HELPFUL_LIMIT)
def reason(question_id: int):
    protect_signed_in()
    question = question_queries.get_question(question_id, current_user)
    form = ReasonForm()
    day = clock.now().date()
    given = submit(form, lambda: operations.give_reason(question, form.reason.data or "",
                                                        _reader(question, form, day), day))
    return _helpful_page(question, HelpfulForm(formdata=None, helpful="no"), form, reason_given=bool(given))


def _reader(question: Question, form, day: date) -> str | None:
    """The reader's hash for the day, or None when the count ignores this request (app/satisfaction/readers.py)."""
    if not readers.is_counted(question.id, form.token.data or ""):
        return None
    return readers.visitor_key(day)


def _helpful_page(question: Question, helpful_form: HelpfulForm, reason_form: ReasonForm, reason_given=False):
    """The thanks and the reasons: in place of the page's box when its script asked, else a page of their own
    that leads back to the question. Never kept: it answers one reader."""
    template = HELPFUL_FRAGMENT if request.headers.get("X-Fragment") else HELPFUL_TEMPLATE
    body = render_template(template, question=question, helpful_form=helpful_form, reason_form=reason_form,
                           reason_given=reason_given)
    return body, form_status(helpful_form, reason_form), {"Cache-Control": "no-store"}
