"""The care queue, the audit log, and the brand team's actions on posts."""

from flask import Blueprint, Response, abort, flash, has_request_context, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app import parameters, permissions
from app.escalation import response_target
from app.extensions import db
from app.forms import render_form, submit
from app.i18n import gettext as _
from app.models import InternalNote, PostSignal, User, question_of
from app.moderation import (
    bulk,
    claims,
    log_view,
    notes,
    operations,
    queries,
    queue,
    queue_filters,
    redaction,
    twins,
    undo,
)
from app.moderation.forms import CloseForm, FlagForm, NoteForm, TwinForm
from app.moderation.queue_filters import QueueFilters
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


def _next_or_queue(tab: str) -> str:
    """Where a confirmation or a result page leads back to: the page the moderator came from, else the tab."""
    sent = request.values.get("next")
    return safe_next(sent) if sent else url_for("moderation.queue_page", tab=tab)


def _back(post=None):
    return redirect(safe_next(request.form.get("next")) if request.form.get("next") else post_url(post))


@bp.route("/moderation")
@moderators_only
def queue_page():
    tab = request.args.get("tab", "waiting")
    tab = tab if tab in queue.TABS else "waiting"
    who = request.args.get("who", "all")
    scope = queue.Scope(who if who in queue.WHO else "all", current_user.id)
    filters = QueueFilters.from_args(request.args)
    counts = queue.counts(filters=filters)
    rows = queue.tab_rows(tab, page_number(), counts[tab], filters, scope)
    return render_template("moderation/queue.html", tab=tab, rows=rows, counts=counts, who=scope.who,
                           filters=filters, products=queue_filters.products(),
                           target_hours=int(response_target().total_seconds() // 3600))


@bp.get("/moderation/bulk")
@moderators_only
def bulk_confirm():
    """The rows ticked in the queue and what will be done to them: nothing changes until confirmed."""
    return render_template("moderation/bulk.html", chosen=bulk.selection(request.args), outcome=None,
                           back=safe_next(request.args.get("next"), "moderation.queue_page"))


@bp.post("/moderation/bulk")
@moderators_only
def bulk_act():
    chosen = bulk.selection(request.form)
    outcome = bulk.act(current_user, chosen)
    db.session.commit()
    return render_template("moderation/bulk.html", chosen=chosen, outcome=outcome,
                           back=safe_next(request.form.get("next"), "moderation.queue_page"))


@bp.route("/moderation/log")
@moderators_only
def log():
    filters = queries.LogFilters.from_args(request.args)
    page = queries.list_log(filters, page_number())
    return render_template("moderation/log.html", page=page, entries=log_view.build(page.items), filters=filters,
                           moderators=queries.list_moderators(), actions=queries.list_actions())


@bp.get("/moderation/log.csv")
@moderators_only
def log_csv():
    filters = queries.LogFilters.from_args(request.args)
    body = log_view.csv_text(log_view.build(queries.export_log(filters)))
    return Response(body, mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="moderation-log.csv"'})


@bp.get("/moderation/log/<int:entry_id>")
@moderators_only
def entry(entry_id: int):
    """One entry of the log: where a hiding or a deletion from the Flags tab lands, with its undo while it lasts."""
    view = log_view.build([queries.get_entry(entry_id)])[0]
    return render_template("moderation/entry.html", entry=view, next=_next_or_queue("flags"),
                           minutes=undo.WINDOW_MINUTES)


@bp.post("/moderation/log/<int:entry_id>/undo")
@moderators_only
def undo_entry(entry_id: int):
    restored = undo.undo(current_user, queries.get_entry(entry_id))
    db.session.commit()
    flash(_("Undone: the post is back as it was."), "success")
    return redirect(url_for("moderation.entry", entry_id=restored.id, next=_next_or_queue("flags")))


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


@bp.get("/posts/<int:post_id>/flags/resolve")
@moderators_only
def confirm_resolve_flags(post_id: int):
    """The confirmation step of a deletion from the Flags tab: a page of its own, which the queue's script shows
    in a dialog."""
    post = get_post(post_id, current_user)
    outcome = request.args.get("outcome", "")
    if outcome not in operations.CONFIRMED_OUTCOMES:
        abort(404)
    return render_template("moderation/confirm.html", post=post, outcome=outcome, next=_next_or_queue("flags"),
                           minutes=undo.WINDOW_MINUTES)


@bp.post("/posts/<int:post_id>/flags/resolve")
@moderators_only
def resolve_flags(post_id: int):
    post = get_post(post_id, current_user)
    outcome = request.form.get("outcome", "")
    entry = operations.resolve_flags(current_user, post, outcome, request.form.get("reason", ""))
    db.session.commit()
    if outcome == "dismiss":
        flash(_("The flags are handled."), "success")
        return _back(post)
    return redirect(url_for("moderation.entry", entry_id=entry.id, next=_next_or_queue("flags")))


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


@bp.get("/questions/<int:question_id>/lock")
@moderators_only
def confirm_lock(question_id: int):
    """Locking from a queue row, confirmed first (the question's own page locks at once, the question in view)."""
    question = get_question(question_id, current_user)
    return render_template("moderation/confirm.html", post=question, outcome="unlock" if question.locked_at else "lock",
                           next=_next_or_queue("waiting"))


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


@bp.post("/questions/<int:question_id>/claim")
@moderators_only
def claim(question_id: int):
    question = get_question(question_id, current_user)
    claims.claim_question(current_user, question)
    db.session.commit()
    flash(_("You are on this question."), "success")
    return _back(question)


@bp.post("/questions/<int:question_id>/release")
@moderators_only
def release(question_id: int):
    question = get_question(question_id, current_user)
    claims.release_question(current_user, question)
    db.session.commit()
    flash(_("The question is free for anyone in the team again."), "success")
    return _back(question)


@bp.post("/questions/<int:question_id>/assign")
@moderators_only
def assign(question_id: int):
    question = get_question(question_id, current_user)
    assignee_id = parameters.whole_number(request.form.get("assignee"))
    claims.assign_question(current_user, question, db.session.get(User, assignee_id) if assignee_id else None)
    db.session.commit()
    flash(_("The question is assigned."), "success")
    return _back(question)


@bp.post("/questions/<int:question_id>/notes")
@moderators_only
def add_note(question_id: int):
    question = get_question(question_id, current_user)
    form = NoteForm()
    if not submit(form, lambda: notes.add_note(current_user, question, form.body.data or "")):
        return render_form("moderation/note.html", form, question=question, note=None)  # the text stays
    flash(_("The note is added."), "success")
    return redirect(post_url(question) + "#team-desk-heading")


@bp.post("/notes/<int:note_id>/edit")
@moderators_only
def edit_note(note_id: int):
    note = db.session.get(InternalNote, note_id) or abort(404)
    question = get_question(note.question_id, current_user)
    form = NoteForm()
    if not submit(form, lambda: notes.edit_note(current_user, note, form.body.data or "")):
        return render_form("moderation/note.html", form, question=question, note=note)  # the text stays
    flash(_("The note is saved."), "success")
    return redirect(post_url(question) + f"#note-{note.id}")


@bp.post("/notes/<int:note_id>/delete")
@moderators_only
def delete_note(note_id: int):
    note = db.session.get(InternalNote, note_id) or abort(404)
    question = get_question(note.question_id, current_user)
    notes.delete_note(current_user, note)
    db.session.commit()
    flash(_("The note is deleted."), "success")
    return redirect(post_url(question) + "#team-desk-heading")
