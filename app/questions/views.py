"""Question lists, the question page, asking, answering, commenting, editing, deleting and accepting."""

import hashlib
import hmac
from dataclasses import replace

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import permissions
from app.badges import announcements, awards
from app.errors import wants_json
from app.extensions import db, limiter
from app.forms import form_status, render_form, submit
from app.i18n import current_language
from app.models import Answer, Question
from app.questions import diffs, feedback, operations, page, queries
from app.questions.forms import AnswerForm, AskForm, CommentForm, EditAnswerForm, EditQuestionForm
from app.seo import caching

bp = Blueprint("questions", __name__)

POST_LIMIT = "20/minute"


def post_url(post, **kwargs) -> str:
    """Canonical URL of a question, or of an answer's anchor on its question page."""
    if isinstance(post, Answer):
        return url_for("questions.show", question_id=post.parent_id, slug=post.question.slug,
                       _anchor=f"answer-{post.id}", **kwargs)
    return url_for("questions.show", question_id=post.id, slug=post.slug, **kwargs)


bp.add_app_template_global(post_url, "post_url")
bp.after_app_request(feedback.remember_place)
bp.add_app_template_global(permissions, "permissions")


@bp.route("/")
@bp.route("/questions")
def index():
    tab = request.args.get("tab", "newest")
    tab = tab if tab in queries.TABS else "newest"
    page = request.args.get("page", 1, type=int)
    listing = queries.list_questions(tab, page, current_app.config["QUESTIONS_PER_PAGE"])
    return caching.conditional(lambda: render_template("questions/index.html", listing=listing, tab=tab, tag=None),
                               lambda: caching.list_validators(listing, tab))


@bp.route("/tags")
def tags():
    order = "name" if request.args.get("sort") == "name" else "popular"
    tags = queries.list_tags(order)
    return caching.conditional(lambda: render_template("questions/tags.html", tags=tags, order=order),
                               lambda: caching.tag_list_validators(tags))


@bp.route("/tags/<name>")
def tagged(name: str):
    renamed = queries.find_renamed_tag(name)
    if renamed is not None:
        return redirect(url_for("questions.tagged", name=renamed.name, **request.args), 301)
    tag = queries.get_tag(name)
    tab = request.args.get("tab", "newest")
    tab = tab if tab in queries.TABS else "newest"
    page = request.args.get("page", 1, type=int)
    listing = queries.list_questions(tab, page, current_app.config["QUESTIONS_PER_PAGE"], tag=tag)
    return caching.conditional(lambda: render_template("questions/index.html", listing=listing, tab=tab, tag=tag),
                               lambda: caching.list_validators(listing, tab, tag.name, tag.description))


@bp.route("/questions/ask", methods=["GET", "POST"])
@login_required
@limiter.limit(POST_LIMIT, methods=["POST"])
def ask():
    form = AskForm()
    question = submit(form, lambda: operations.ask_question(
        current_user, form.title.data or "", form.body.data or "", form.tags.data or "", current_language(),
        form.allow_personal_data.data))
    if question:
        flash(_("Your question is posted. You will find answers here."), "success")
        return redirect(post_url(question))
    return render_form("questions/ask.html", form, all_tags=queries.list_tags("name"))


@bp.route("/questions/<int:question_id>")
@bp.route("/questions/<int:question_id>/<slug>")
def show(question_id: int, slug: str | None = None):
    if permissions.is_moderator(current_user):
        # The brand team also sees deleted and hidden posts, with their tools: rendered for each request.
        question = queries.get_question(question_id, current_user)
        if slug != question.slug:
            return redirect(post_url(question, **request.args), 301)
        _count_view(question.id)
        return _render_question(question, feedback_at=feedback.take_place())
    # Everyone else sees the same posts: one statement of plain rows decides the status, the address and
    # the ETag, and the question is loaded only if the content must be rendered (docs/decisions.md).
    state = caching.question_state(question_id)
    if state is None or state.kind != "question":
        abort(404)
    if state.deleted or state.hidden:
        abort(410 if state.deleted else 404)  # a deleted question is gone for good: search engines drop it
    if slug != state.slug:
        return redirect(url_for("questions.show", question_id=question_id, slug=state.slug, **request.args), 301)
    _count_view(question_id)  # before the 304 too: a revalidating browser is a reader (docs/decisions.md)
    if caching.shareable_request():  # a visitor: the same page for everyone of a language
        return caching.conditional(lambda: _render_question(queries.get_question(question_id, None)),
                                   lambda: state.validators)
    place = feedback.take_place()
    if place:  # messages about what they just did, shown at that answer: this page is theirs alone
        return _render_question(queries.get_question(question_id, current_user), feedback_at=place)
    # A member: the content is kept for every member with the same privileges, own posts, votes and
    # follow there (docs/decisions.md); the header is theirs.
    parts = caching.keep_for_readers(
        state.validators.etag, page.reader_facts(current_user, question_id, state),
        lambda: page.question_parts(queries.get_question(question_id, current_user)))
    return render_template("questions/show.html", parts=replace(parts, content=caching.with_token(parts.content)))


def _count_view(question_id: int) -> None:
    who = f"user:{current_user.id}" if current_user.is_authenticated else \
        f"{request.remote_addr}|{request.user_agent.string}"
    visitor = hmac.new(current_app.config["SECRET_KEY"].encode(), who.encode(), hashlib.sha256).hexdigest()[:32]
    if not operations.record_view(question_id, visitor, current_app.config["VIEW_WINDOW_MINUTES"]):
        return  # a reader counted within the window: nothing was written
    # The page is rendered from the rows just read (the counter is updated in memory too): expiring them
    # at this commit would read the question, its tags and the user again.
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def _render_question(question: Question, answer_form=None, comment_form=None, comment_post_id=None,
                     feedback_at: int | None = None):
    parts = page.question_parts(question, answer_form, comment_form, comment_post_id, feedback_at)
    return render_template("questions/show.html", parts=parts), form_status(answer_form, comment_form)


@bp.post("/questions/<int:question_id>/answers")
@login_required
@limiter.limit(POST_LIMIT)
def answer(question_id: int):
    question = queries.get_question(question_id, current_user)
    form = AnswerForm()
    posted = submit(form, lambda: operations.post_answer(current_user, question, form.body.data or "",
                                                         current_language(), form.allow_personal_data.data,
                                                         form.official.data))
    if posted:
        flash(_("Your answer is posted. Thank you for helping!"), "success")
        return redirect(post_url(posted))
    return _render_question(question, answer_form=form)


@bp.post("/posts/<int:post_id>/comments")
@login_required
@limiter.limit(POST_LIMIT)
def comment(post_id: int):
    post = queries.get_post(post_id, current_user)
    form = CommentForm()
    posted = submit(form, lambda: operations.add_comment(current_user, post, form.body.data or "",
                                                         form.allow_personal_data.data))
    if posted:
        return redirect(post_url(post, _anchor=f"comment-{posted.id}") if isinstance(post, Question)
                        else post_url(post))
    question = post if isinstance(post, Question) else post.question
    return _render_question(question, comment_form=form, comment_post_id=post.id)


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(POST_LIMIT, methods=["POST"])
def edit(post_id: int):
    post = queries.get_post(post_id, current_user)
    permissions.require_edit(current_user, post)
    if isinstance(post, Question):
        form = EditQuestionForm(obj=post, body=post.body_markdown, tags=" ".join(t.name for t in post.tags))
        action = lambda: operations.edit_question(current_user, post, form.title.data or "",  # noqa: E731
                                                  form.body.data or "", form.tags.data or "", form.summary.data or "",
                                                  form.allow_personal_data.data)
    else:
        form = EditAnswerForm(body=post.body_markdown)
        action = lambda: operations.edit_answer(current_user, post, form.body.data or "",  # noqa: E731
                                                form.summary.data or "", form.allow_personal_data.data)
    if submit(form, action):
        flash(_("Your edit is saved."), "success")
        return redirect(post_url(post))
    return render_form("questions/edit.html", form, post=post, all_tags=queries.list_tags("name"))


@bp.post("/posts/<int:post_id>/delete")
@login_required
def delete(post_id: int):
    post = queries.get_post(post_id, current_user)
    operations.delete_post(current_user, post, as_spam=request.form.get("spam") == "1",
                           reason=request.form.get("reason", ""))
    db.session.commit()
    flash(_("The post has been deleted."), "success")
    if isinstance(post, Answer):
        return redirect(post_url(post.question))
    return redirect(url_for("questions.index"))


@bp.route("/posts/<int:post_id>")
def post_link(post_id: int):
    """A stable link to any post: questions and answers alike land on the question page."""
    return redirect(post_url(queries.get_post(post_id, current_user)), 301)


@bp.route("/posts/<int:post_id>/revisions")
def revisions(post_id: int):
    post = queries.get_post(post_id, current_user)
    history = queries.list_revisions(post)
    changes = [diffs.revision_change(newer, older) for newer, older in zip(history, [*history[1:], None])]
    return render_template("questions/revisions.html", post=post, changes=changes)


@bp.post("/answers/<int:answer_id>/accept")
@login_required
def accept(answer_id: int):
    answer = queries.get_answer(answer_id, current_user)
    accepted = operations.accept_answer(current_user, answer)
    # A script shows what changed beside the button, badges earned included; a page shows them at the answer.
    badges = announcements.announce(awards.take_unseen(current_user)) if wants_json() else []
    db.session.commit()
    message = _("Answer accepted. Thank you for closing the loop!") if accepted else _("Acceptance removed.")
    if wants_json():
        return jsonify({"accepted": accepted, "answer_id": answer.id, "message": message, "badges": badges,
                        "solution": page.solution_box(answer.question)})
    flash(message, "success")
    return redirect(post_url(answer))
