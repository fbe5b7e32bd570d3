"""The care queue, the audit log, and the brand team's actions on posts."""

from flask import Blueprint, abort, flash, has_request_context, redirect, render_template, request
from flask_login import current_user, login_required

from app import permissions
from app.escalation import response_target
from app.extensions import db
from app.forms import render_form, submit
from app.i18n import gettext as _
from app.models import PostSignal, question_of
from app.moderation import operations, queries, queue, redaction, twins
from app.moderation.forms import CloseForm, FlagForm, TwinForm
from app.pagination import page_number
from app.questions.official_answers import mark_official, unmark_official
from app.questions.operations import undelete_post
from app.questions.queries import get_answer, get_post, get_question
from app.urls import post_url, safe_next

bp = Blueprint("moderation", __name__)
moderators_only = permissions.role_required(permissions.require_moderator)


def queue_count():
    """The moderator's navigation shows how much is waiting in the queue (read before the page renders)."""
    if has_request_context() and permissions.is_moderator(current_user):
        return {"queue_counts": queue.counts()}
    return {}


def _back(post=None):
    return redirect(safe_next(request.form.get("next")) if request.form.get("next") else post_url(post))


@bp.route("/moderation")
@moderators_only
def queue_page():
    tab = request.args.get("tab", "waiting")
    tab = tab if tab in queue.TABS else "waiting"
    counts = queue.counts()
    if tab in ("waiting", "unresolved"):
        rows = queue.question_page(tab, page_number(), counts[tab])
    else:
        rows = {"unhappy": queue.unhappy, "flags": queue.flagged, "review": queue.review,
                "personal": queue.personal, "held": queue.held}[tab]()
    return render_template("moderation/queue.html", tab=tab, rows=rows, counts=counts,
                           target_hours=int(response_target().total_seconds() // 3600))


@bp.route("/moderation/log")
@moderators_only
def log():
    filters = queries.LogFilters.from_args(request.args)
    entries = queries.list_log(filters, page_number())
    return render_template("moderation/log.html", entries=entries, filters=filters,
                           moderators=queries.list_moderators(), actions=queries.list_actions())


@bp.post("/answers/<int:answer_id>/official")
@moderators_only
def official(answer_id: int):
    answer = get_answer(answer_id, current_user)
    if request.form.get("action") == "unmark":
        unmark_official(current_user, answer)
        message = _("The official mark was removed.")
    else:
        mark_official(current_user, answer, request.form.get("note", ""))
        message = _("The answer is marked official.")
    db.session.commit()
    flash(message, "success")
    return _back(answer)


@bp.post("/posts/<int:post_id>/flags")
@login_required
def flag(post_id: int):
    post = get_post(post_id, current_user)
    form = FlagForm()
    if not submit(form, lambda: operations.flag_post(current_user, post, form.reason.data or "", form.text.data or "")):
        return render_form("moderation/flag.html", form, post=post)  # refused: what was chosen and typed stays
    flash(_("Thank you: the moderators will look at this post."), "success")
    return redirect(post_url(post) if post.is_public else post_url(question_of(post)))


@bp.post("/posts/<int:post_id>/flags/resolve")
@moderators_only
def resolve_flags(post_id: int):
    post = get_post(post_id, current_user)
    operations.resolve_flags(current_user, post, request.form.get("outcome", ""), request.form.get("reason", ""))
    db.session.commit()
    flash(_("The flags are handled."), "success")
    return _back(post)


@bp.post("/questions/<int:question_id>/close")
@moderators_only
def close(question_id: int):
    question = get_question(question_id, current_user)
    form = CloseForm()
    if not submit(form, lambda: operations.close_question(current_user, question, form.reason.data or "",
                                                         queries.find_question(form.duplicate_of.data or ""))):
        return render_form("moderation/close.html", form, question=question)  # refused: nothing typed is lost
    flash(_("The question is closed."), "success")
    return _back(question)


@bp.post("/questions/<int:question_id>/twins")
@moderators_only
def link_twin(question_id: int):
    question = get_question(question_id, current_user)
    form = TwinForm()
    if not submit(form, lambda: twins.link_twins(current_user, question,
                                                 queries.find_question(form.duplicate_of.data or ""))):
        return render_form("moderation/twin.html", form, question=question)  # refused: nothing typed is lost
    flash(_("The questions are linked as translations of each other."), "success")
    return _back(question)


@bp.post("/questions/<int:question_id>/twins/unlink")
@moderators_only
def unlink_twin(question_id: int):
    question = get_question(question_id, current_user)
    twins.unlink_twin(current_user, question)
    db.session.commit()
    flash(_("The question is no longer linked to its translation."), "success")
    return _back(question)


@bp.post("/questions/<int:question_id>/reopen")
@moderators_only
def reopen(question_id: int):
    question = get_question(question_id, current_user)
    operations.reopen_question(current_user, question)
    db.session.commit()
    flash(_("The question is open again."), "success")
    return _back(question)


@bp.post("/questions/<int:question_id>/lock")
@moderators_only
def lock(question_id: int):
    question = get_question(question_id, current_user)
    locked = operations.toggle_lock(current_user, question, request.form.get("reason", ""))
    db.session.commit()
    flash(_("The question is locked.") if locked else _("The question is unlocked."), "success")
    return _back(question)


@bp.post("/posts/<int:post_id>/undelete")
@moderators_only
def undelete(post_id: int):
    post = get_post(post_id, current_user)
    undelete_post(current_user, post)
    db.session.commit()
    flash(_("The post is restored."), "success")
    return _back(post)


@bp.post("/signals/<int:signal_id>/dismiss")
@moderators_only
def dismiss(signal_id: int):
    signal = db.session.get(PostSignal, signal_id) or abort(404)
    operations.dismiss_signal(current_user, signal)
    db.session.commit()
    flash(_("Dismissed."), "success")
    return _back(signal.post)


@bp.post("/posts/<int:post_id>/redact")
@moderators_only
def redact(post_id: int):
    post = get_post(post_id, current_user)
    redaction.redact_personal_data(current_user, post)
    db.session.commit()
    flash(_("The personal data was removed from the post."), "success")
    return _back(post)

