"""The public FAQ, and the moderators' promote / edit / reorder / demote actions."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from app import permissions
from app.extensions import db
from app.faq import operations, queries
from app.faq.forms import FaqEntryForm
from app.forms import render_form, submit
from app.i18n import gettext as _
from app.models import Answer, Tag
from app.questions import queries as question_queries
from app.seo import caching
from app.urls import post_url

bp = Blueprint("faq", __name__)
moderators_only = permissions.role_required(permissions.require_moderator)


@bp.route("/faq")
def index():
    groups = queries.faq_groups()
    return caching.conditional(lambda: render_template("faq/index.html", groups=groups, tag=None),
                               lambda: caching.view_validators(groups))


@bp.route("/faq/<name>")
def product(name: str):
    tag = question_queries.get_tag_heading(name)
    groups = queries.faq_groups(tag)
    return caching.conditional(lambda: render_template("faq/index.html", groups=groups, tag=tag),
                               lambda: caching.view_validators(groups, tag))


@bp.route("/questions/<int:question_id>/faq", methods=["GET", "POST"])
@moderators_only
def edit(question_id: int):
    question = question_queries.get_question(question_id, current_user)
    entry = queries.entry_for_question(question.id)
    form = FaqEntryForm.for_question(question, entry)
    saved = submit(form, lambda: operations.save_entry(
        current_user, question, form.title.data or "", db.session.get(Answer, form.answer_id.data or 0),
        db.session.get(Tag, form.tag.data or 0), form.position.data))
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
    entry = queries.get_entry(entry_id)
    operations.move(current_user, entry, -1 if request.form.get("direction") == "up" else 1)
    db.session.commit()
    return redirect(url_for("faq.product", name=entry.tag.name, _anchor=f"faq-{entry.id}"))


@bp.post("/faq/<int:entry_id>/approve")
@moderators_only
def approve(entry_id: int):
    entry = queries.get_entry(entry_id)
    operations.approve_changes(current_user, entry)
    db.session.commit()
    flash(_("The FAQ now shows the answer as it is today."), "success")
    return redirect(url_for("moderation.queue_page", tab="review"))
