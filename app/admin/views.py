"""Administration pages: members (roles, suspensions) and the brand's tags."""

from datetime import UTC, datetime, time

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, or_, select

from app import permissions
from app.accounts.queries import get_user
from app.admin import operations
from app.admin.forms import EmailForm, MergeForm, SuspendForm, TagForm
from app.extensions import db
from app.forms import render_form, submit
from app.i18n import gettext as _
from app.models import User
from app.pagination import page_number
from app.questions import tag_terms
from app.questions.queries import get_tag
from app.two_factor import queries as two_factor

bp = Blueprint("admin", __name__)
admins_only = permissions.role_required(permissions.require_admin)
moderators_only = permissions.role_required(permissions.require_moderator)


@bp.route("/admin/users")
@admins_only
def users():
    search = request.args.get("q", "").strip()[:60]
    query = select(User).where(User.is_placeholder.is_(False)).order_by(User.role.desc(), User.username_key)
    if search:
        pattern = f"%{search.lower()}%"
        query = query.where(or_(User.username_key.like(pattern), func.lower(User.display_name).like(pattern),
                                User.email.like(pattern)))
    listing = db.paginate(query, page=page_number(), per_page=50, error_out=False)
    return render_template("admin/users.html", listing=listing, search=search, suspend_form=SuspendForm(),
                           two_factor_ids=two_factor.users_with_second_factor([user.id for user in listing.items]))


@bp.post("/admin/users/<int:user_id>/role")
@admins_only
def set_role(user_id: int):
    operations.set_role(current_user, get_user(user_id), request.form.get("role", ""))
    db.session.commit()
    flash(_("The role is changed."), "success")
    return redirect(url_for("admin.users", q=request.form.get("q") or None))


@bp.route("/admin/users/<int:user_id>/suspend", methods=["GET", "POST"])
@admins_only
def suspend(user_id: int):
    user = get_user(user_id)
    form = SuspendForm()
    until = datetime.combine(form.until.data, time(), UTC) if form.until.data else None
    if submit(form, lambda: operations.suspend(current_user, user, until, form.reason.data or "")):
        flash(_("%(name)s is suspended.", name=user.name), "success")
        return redirect(url_for("admin.users", q=user.username))
    return render_form("admin/suspend.html", form, user=user)


@bp.route("/admin/users/<int:user_id>/email", methods=["GET", "POST"])
@admins_only
def set_email(user_id: int):
    user = get_user(user_id)
    form = EmailForm(obj=user)
    if submit(form, lambda: operations.set_email(current_user, user, form.email.data or "")):
        flash(_("The e-mail address of %(name)s is saved.", name=user.name), "success")
        return redirect(url_for("admin.users", q=user.username))
    return render_form("admin/email.html", form, user=user)


@bp.post("/admin/users/<int:user_id>/unsuspend")
@admins_only
def unsuspend(user_id: int):
    user = get_user(user_id)
    operations.lift_suspension(current_user, user)
    db.session.commit()
    flash(_("The suspension of %(name)s is lifted.", name=user.name), "success")
    return redirect(url_for("admin.users", q=user.username))


@bp.route("/tags/new", methods=["GET", "POST"])
@moderators_only
def new_tag():
    form = TagForm()
    tag = submit(form, lambda: operations.create_tag(current_user, form.name.data or "", form.typed_names()))
    if tag:
        flash(_("The tag %(name)s is created.", name=tag.name), "success")
        return redirect(url_for("questions.tagged", name=tag.name))
    return render_form("admin/tag_edit.html", form, tag=None, merge_form=None)


@bp.route("/tags/<name>/edit", methods=["GET", "POST"])
@moderators_only
def edit_tag(name: str):
    tag = get_tag(name)
    aliases = " ".join(tag_terms.aliases_of(tag))
    form = (TagForm(obj=tag, aliases=aliases) if request.form.get("which") != "merge"
            else TagForm(formdata=None, obj=tag, aliases=aliases))
    merge_form = MergeForm() if request.form.get("which") == "merge" else MergeForm(formdata=None)
    if request.form.get("which") == "merge":
        target = submit(merge_form, lambda: operations.merge_tags(current_user, tag, merge_form.merge_into.data or ""))
        if target:
            flash(_("The tag is merged."), "success")
            return redirect(url_for("questions.tagged", name=target.name))
    elif submit(form, lambda: operations.update_tag(current_user, tag, form.name.data or "", form.typed_names())):
        flash(_("The tag is saved."), "success")
        return redirect(url_for("questions.tagged", name=tag.name))
    status = 400 if form.errors or merge_form.errors else 200
    return render_template("admin/tag_edit.html", form=form, tag=tag, merge_form=merge_form), status

