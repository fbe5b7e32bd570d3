"""The inbox, e-mail settings, unsubscribe links, follow buttons and "still not solved"."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.extensions import csrf, db, limiter
from app.forms import render_form, submit
from app.i18n import gettext as _
from app.notifications import emails, kinds, links, messages, operations, queries
from app.notifications.forms import MailSettingsForm, StillUnsolvedForm
from app.pagination import page_number
from app.questions import queries as question_queries
from app.urls import post_url, safe_next

bp = Blueprint("notifications", __name__)

POST_LIMIT = "30/minute"
ORDERS = ("newest", "unread")


@bp.route("/notifications")
@login_required
def inbox():
    order = request.args.get("order", "newest")
    order = order if order in ORDERS else "newest"
    page = page_number()
    listing = queries.list_groups(current_user.id, order, page, current_app.config["NOTIFICATIONS_PER_PAGE"])
    return render_template("notifications/inbox.html", listing=listing, order=order,
                           unread=queries.unread_count(current_user.id), describe=messages.describe_group,
                           target=messages.target_path, excerpt=messages.excerpt, open_path=links.open_path)


# A plain link, as a person expects of "Open" (middle-click, new tab, copy); the signed token stands in
# for the CSRF token a form would carry, and marking read twice changes nothing.
@bp.get("/notifications/<int:notification_id>/open/<token>")
@login_required
def open_one(notification_id: int, token: str):
    notification = queries.get_notification(notification_id, current_user)
    if not links.is_open_token(token, notification):
        abort(404)
    operations.mark_read(current_user, notification)
    db.session.commit()
    return redirect(messages.target_path(notification) or url_for("notifications.inbox"))


@bp.post("/notifications/<int:notification_id>/read")
@login_required
def mark_read(notification_id: int):
    operations.mark_read(current_user, queries.get_notification(notification_id, current_user))
    db.session.commit()
    return redirect(safe_next(request.form.get("next"), "notifications.inbox"))


@bp.post("/notifications/read-all")
@login_required
def mark_all_read():
    operations.mark_all_read(current_user)
    db.session.commit()
    flash(_("All notifications are marked as read."), "success")
    return redirect(url_for("notifications.inbox"))


@bp.route("/settings/notifications", methods=["GET", "POST"])
@login_required
@limiter.limit(POST_LIMIT, methods=["POST"])
def settings():
    form = MailSettingsForm(data=queries.mail_modes(current_user.id))
    if submit(form, lambda: operations.save_preferences(
            current_user, {kind: form[kind].data for kind in kinds.PREFERENCES})):
        flash(_("Your e-mail settings are saved."), "success")
        return redirect(url_for("notifications.settings"))
    return render_form("notifications/settings.html", form, preferences=kinds.PREFERENCES)


@bp.get("/unsubscribe/<token>")
def unsubscribe(token: str):
    found = emails.read_unsubscribe_token(token)
    status = 200 if found else 404
    return render_template("notifications/unsubscribe.html", token=token, found=found, done=False,
                           label=_label(found)), status


# The link in an e-mail is the credential: a mail client's one-click POST (RFC 8058) carries no session
# and no CSRF token, and a forged request would need the signed token itself.
@bp.post("/unsubscribe/<token>")
@csrf.exempt
@limiter.limit("20/minute")
def unsubscribe_now(token: str):
    found = emails.read_unsubscribe_token(token)
    if found is None:
        return render_template("notifications/unsubscribe.html", token=token, found=None, done=False,
                               label=""), 404
    operations.unsubscribe(*found)
    db.session.commit()
    return render_template("notifications/unsubscribe.html", token=token, found=found, done=True,
                           label=_label(found))


def _label(found) -> str:
    if not found:
        return ""
    return _("the daily summary") if found[1] == kinds.DIGEST else str(kinds.PREFERENCES[found[1]][0])


@bp.post("/questions/<int:question_id>/follow")
@login_required
@limiter.limit(POST_LIMIT)
def follow_question(question_id: int):
    question = question_queries.get_question(question_id, current_user)
    operations.follow_question(current_user, question)
    db.session.commit()
    flash(_("You follow this question: new answers and comments will be in your notifications."), "success")
    return redirect(post_url(question))


@bp.post("/questions/<int:question_id>/unfollow")
@login_required
@limiter.limit(POST_LIMIT)
def unfollow_question(question_id: int):
    question = question_queries.get_question(question_id, current_user)
    operations.unfollow_question(current_user, question)
    db.session.commit()
    flash(_("You no longer follow this question."), "success")
    return redirect(post_url(question))


@bp.post("/tags/<name>/follow")
@login_required
@limiter.limit(POST_LIMIT)
def follow_tag(name: str):
    tag = question_queries.get_tag(name)
    operations.follow_tag(current_user, tag)
    db.session.commit()
    flash(_("You follow %(tag)s: new questions about it will be in your notifications.", tag=tag.name), "success")
    return redirect(url_for("questions.tagged", name=tag.name))


@bp.post("/tags/<name>/unfollow")
@login_required
@limiter.limit(POST_LIMIT)
def unfollow_tag(name: str):
    tag = question_queries.get_tag(name)
    operations.unfollow_tag(current_user, tag)
    db.session.commit()
    flash(_("You no longer follow %(tag)s.", tag=tag.name), "success")
    return redirect(url_for("questions.tagged", name=tag.name))


@bp.post("/questions/<int:question_id>/still-unsolved")
@login_required
@limiter.limit(POST_LIMIT)
def still_unsolved(question_id: int):
    question = question_queries.get_question(question_id, current_user)
    form = StillUnsolvedForm()
    if submit(form, lambda: operations.say_still_unsolved(current_user, question, form.note.data or "")):
        flash(_("Thank you for telling us. The brand team will look at your question."), "success")
    else:
        for message in [*form.note.errors, *form.form_errors]:
            flash(message, "error")
    return redirect(post_url(question))
