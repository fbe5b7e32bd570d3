"""The public FAQ, and the moderators' promote / edit / reorder / demote actions."""

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from app import permissions, reading
from app.errors import wants_json
from app.extensions import db
from app.faq import operations, queries
from app.faq.forms import FaqEntryForm
from app.forms import render_form, submit
from app.i18n import gettext as _
from app.models import Answer, Tag
from app.parameters import whole_number
from app.questions import queries as question_queries
from app.seo import caching
from app.urls import post_url, safe_next

bp = Blueprint("faq", __name__)
moderators_only = permissions.role_required(permissions.require_moderator)


@bp.route("/faq")
def index():
    read = reading.reading()
    groups = queries.faq_groups(reading=read)
    return caching.conditional(lambda: render_template("faq/index.html", groups=groups, tag=None, reading=read),
                               lambda: caching.view_validators(groups, (read.chosen, read.reader)))


@bp.route("/faq/<name>")
def product(name: str):
    tag = question_queries.get_tag_heading(name)
    read = reading.reading()
    groups = queries.faq_groups(tag, read)
    return caching.conditional(lambda: render_template("faq/index.html", groups=groups, tag=tag, reading=read),
                               lambda: caching.view_validators(groups, tag, (read.chosen, read.reader)))


@bp.route("/questions/<int:question_id>/faq", methods=["GET", "POST"])
@moderators_only
def edit(question_id: int):
    """The question's entry in one language (`?language=`, else the question's): the form's language names the
    entry saved, so saving in the other language adds that language's entry."""
    question = question_queries.get_question(question_id, current_user)
    asked = request.form if request.method == "POST" else request.args
    language = operations.entry_language(question, asked.get("language"))
    entry = queries.entry_in(question.id, language)
    form = FaqEntryForm.for_question(question, entry, language)
    saved = submit(form, lambda: operations.save_entry(
        current_user, question, form.title.data or "", db.session.get(Answer, form.answer_id.data or 0),
        db.session.get(Tag, form.tag.data or 0), form.position.data, form.language.data, form.wording.data or ""))
    if saved:
        flash(_("The FAQ entry is saved."), "success")
        return redirect(url_for("faq.product", name=saved.tag.name, _anchor=f"faq-{saved.id}"))
    return render_form("faq/edit.html", form, question=question, entry=entry)


@bp.post("/faq/<int:entry_id>/demote")
@moderators_only
def demote(entry_id: int):
    entry = queries.get_entry(entry_id)
    question = entry.question
    operations.demote(current_user, entry)
    db.session.commit()
    flash(_("The question was removed from the FAQ."), "success")
    return redirect(post_url(question))


@bp.post("/faq/<int:entry_id>/move")
@moderators_only
def move(entry_id: int):
    """Up, down (the buttons) or to a position (dragged), then back to the FAQ page it was done on, at the entry."""
    entry = queries.get_entry(entry_id)
    position = request.form.get("position")
    if position is not None:
        operations.place(current_user, entry, whole_number(position.strip(), 1, 10_000) or abort(400))
    else:
        operations.move(current_user, entry, -1 if request.form.get("direction") == "up" else 1)
    db.session.commit()
    message = _("Moved: %(title)s is now number %(n)s.", title=entry.title, n=entry.position)
    if wants_json():
        return jsonify({"position": entry.position, "message": message})
    flash(message, "success")
    back = safe_next(request.form.get("next"), "faq.index").partition("#")[0]
    return redirect(f"{back}#faq-{entry.id}")


@bp.post("/faq/<int:entry_id>/approve")
@moderators_only
def approve(entry_id: int):
    entry = queries.get_entry(entry_id)
    operations.approve_changes(current_user, entry)
    db.session.commit()
    flash(_("The FAQ now shows the answer as it is today."), "success")
    return redirect(url_for("moderation.queue_page", tab="review"))
