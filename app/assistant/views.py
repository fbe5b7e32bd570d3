"""The help page (/help: one box, the assistant's answer as a page), the ask page's check before posting, the
customer's "This solved it" / "Not what I need", and the hand-over: the ask form filled from the session.

What a customer types here is theirs: answer pages are never kept by a browser or proxy, never indexed, and the
words travel in POST bodies only (not in addresses, logs or referrers)."""

from flask import Blueprint, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.assistant import links, operations, queries
from app.assistant.forms import FeedbackForm, HelpForm
from app.assistant.replies import reply as assistant_reply
from app.client_network import client_network
from app.errors import Invalid
from app.extensions import db, limiter
from app.forms import render_form, submit
from app.i18n import current_language
from app.i18n import gettext as _
from app.questions import queries as question_queries
from app.questions.forms import AskForm

bp = Blueprint("assistant", __name__)
POST_LIMIT = "20/minute"  # posting the question handed over: the ask form's own limit


def visitor_or_member() -> str:
    """Limits count a member wherever they are, and a visitor by their network."""
    if current_user.is_authenticated:
        return f"member:{current_user.id}"
    return f"network:{client_network()}"


ask_limit = limiter.limit(lambda: current_app.config["ASSISTANT_RATE_LIMIT"], key_func=visitor_or_member,
                          methods=["POST"])
preview_limit = limiter.limit(lambda: current_app.config["ASSISTANT_PREVIEW_RATE_LIMIT"], key_func=visitor_or_member)


def _private(response):
    """A customer's words and what was found for them: kept by no cache, shown by no search engine."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _answer_page(asked):
    reply, session, key = asked
    form = FeedbackForm(formdata=None, key=key)
    html = render_template("assistant/answer.html", reply=reply, session=session, form=form,
                           handover_path=links.handover_path(session.id, key))
    return _private(current_app.make_response(html))


@bp.route("/help", methods=["GET", "POST"])
@ask_limit
def help_page():
    form = HelpForm()
    asked = submit(form, lambda: operations.ask(current_user, "help", form.text.data or "", current_language()))
    if asked:
        return _answer_page(asked)
    return _private(current_app.make_response(render_form("assistant/help.html", form)))


@bp.post("/help/draft")
@login_required
@ask_limit
def draft():
    """The ask page's "Check the community first" (and, from its live look-up, "This solved it")."""
    form = AskForm()
    solved = request.form.get("solved") == "1"
    asked = submit(form, lambda: operations.ask(current_user, "ask", form.body.data or "", current_language(),
                                                title=form.title.data or "", tags=form.tags.data or "",
                                                feedback=operations.SOLVED if solved else None))
    if not asked:
        return render_form("questions/ask.html", form, tag_options=question_queries.tag_options(current_language()))
    if solved:
        flash(_("Glad it helped! Nothing was posted."), "success")
        return redirect(url_for("assistant.help_page"))
    return _answer_page(asked)


@bp.post("/help/preview")
@login_required
@preview_limit
def preview():
    """What the assistant would answer to the ask form as typed so far, for its script: nothing is stored."""
    form = AskForm()
    if not form.validate_on_submit():
        return jsonify({"outcome": None, "html": ""}), 400
    found = assistant_reply(form.body.data or "", current_language(), title=form.title.data or "")
    html = render_template("assistant/_reply.html", reply=found, preview=True)
    return _private(jsonify({"outcome": found.outcome, "html": html}))


@bp.post("/help/<int:session_id>/feedback")
@ask_limit
def feedback(session_id: int):
    form = FeedbackForm()
    if not form.validate_on_submit():
        raise Invalid(_("This page has expired: ask again."), "key")
    session = queries.session_with_key(session_id, form.key.data or "")
    operations.record_feedback(session, form.feedback.data or "")
    db.session.commit()
    if session.feedback == operations.SOLVED:
        flash(_("Glad it helped! Nothing was posted."), "success")
        return redirect(url_for("assistant.help_page"))
    return redirect(links.handover_path(session.id, form.key.data or ""))


@bp.route("/help/<int:session_id>/question", methods=["GET", "POST"])
@login_required
@limiter.limit(POST_LIMIT, methods=["POST"])
def handover(session_id: int):
    session, _key = queries.session_from_link(session_id, request.args.get("token", ""))
    if session.question_id is not None:
        return redirect(url_for("questions.post_link", post_id=session.question_id))
    form = AskForm() if request.method == "POST" else AskForm(formdata=None, **queries.handover_values(session))
    question = submit(form, lambda: operations.hand_over(
        current_user, session, form.title.data or "", form.body.data or "", form.tags.data or "",
        form.language.data or None, form.allow_personal_data.data, interface_language=current_language()))
    if question:
        flash(_("Your question is posted, for a person of the %(brand)s team to answer here. You will be told by "
                "notification and e-mail.", brand=current_app.config["BRAND_NAME"]), "success")
        return redirect(url_for("questions.show", question_id=question.id, slug=question.slug))
    form.language.show_detection(f"{form.title.data or ''}\n{form.body.data or ''}", current_language())
    return _private(current_app.make_response(render_form(
        "questions/ask.html", form, tag_options=question_queries.tag_options(current_language()),
        handover=queries.handover_view(session))))
