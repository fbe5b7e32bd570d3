"""Question lists, the question page, asking, answering, commenting, editing, deleting and accepting."""

import functools
import hmac
from dataclasses import replace

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app import content_language, follows, permissions, reading
from app.badges import announcements, awards
from app.client_network import network_of
from app.errors import wants_json
from app.extensions import db, limiter
from app.forms import form_status, render_form, submit
from app.i18n import current_language
from app.i18n import gettext as _
from app.models import Answer, Question, question_of
from app.pagination import page_number
from app.parameters import with_query
from app.questions import composing, diffs, feedback, operations, page, page_queries, queries
from app.questions.forms import AnswerForm, AskForm, CommentForm, EditAnswerForm, EditQuestionForm
from app.questions.limits import POST_LIMIT
from app.seo import caching, slots
from app.uploads import queries as image_queries
from app.uploads.forms import accepts_images
from app.urls import post_url
from app.view_models import facts

bp = Blueprint("questions", __name__)

PREVIEW_LIMIT = "30/minute"
VISITORS_PER_NETWORK = 4  # visitors behind one address (an office, a mobile carrier) are not all one reader
KEPT_USER_AGENT_LENGTH = 512


@bp.route("/")
@bp.route("/questions")
def index():
    tab = request.args.get("tab", "newest")
    tab = tab if tab in queries.TABS else "newest"
    read = reading.reading()
    listed = queries.read_list(tab, page_number(), current_app.config["QUESTIONS_PER_PAGE"],
                               staff=permissions.is_moderator(current_user), reading=read)
    return caching.conditional(lambda: render_template("questions/index.html", listing=listed.listing, tab=tab,
                                                       tag=None, reading=read),
                               lambda: _list_validators(listed, read, tab))


def _list_validators(listed: queries.ListRead, read: reading.Reading, *page_facts) -> caching.Validators:
    """A list's rows as read (their keyed columns, tags, the total and page), and the facts of the page itself (the
    language filter and the reader's language it orders by, tab, tag)."""
    return caching.validators((listed.key_facts(), facts(((read.chosen, read.reader), page_facts))),
                              listed.newest_moment())


@bp.route("/tags")
def tags():
    order = "name" if request.args.get("sort") == "name" else "popular"
    cards = queries.tag_cards(order, current_language())
    return caching.conditional(lambda: render_template("questions/tags.html", tags=cards, order=order),
                               lambda: caching.view_validators(tuple(cards)))


@bp.route("/tags/<name>")
def tagged(name: str):
    renamed = queries.find_renamed_tag(name)
    if renamed is not None:
        return redirect(with_query(url_for("questions.tagged", name=renamed.name)), 301)
    tag = queries.get_tag_heading(name)
    tab = request.args.get("tab", "newest")
    tab = tab if tab in queries.TABS else "newest"
    read = reading.reading()
    listed = queries.read_list(tab, page_number(), current_app.config["QUESTIONS_PER_PAGE"], tag=tag,
                               staff=permissions.is_moderator(current_user), reading=read)
    following = current_user.is_authenticated and follows.follows_tag(current_user.id, tag.id)
    return caching.conditional(lambda: render_template("questions/index.html", listing=listed.listing, tab=tab,
                                                       tag=tag, tag_following=following, reading=read),
                               lambda: _list_validators(listed, read, tab, tag))


@bp.route("/questions/ask", methods=["GET", "POST"])
@login_required
@limiter.limit(POST_LIMIT, methods=["POST"])
@accepts_images()
def ask():
    form = AskForm()
    draft = composing.compose(form)  # photos sent with the form into its text; the preview if asked for
    question = draft.ready and submit(form, lambda: operations.ask_question(
        current_user, form.title.data or "", form.body.data or "", form.tags.data or "", form.language.data or None,
        form.allow_personal_data.data, interface_language=current_language()))
    if question:
        flash(_("Your question is posted. You will find answers here."), "success")
        return redirect(post_url(question))
    form.language.show_detection(f"{form.title.data or ''}\n{form.body.data or ''}", current_language())
    return render_form("questions/ask.html", form, tag_options=queries.tag_options(current_language()),
                       preview=draft.preview)


@bp.route("/questions/<int:question_id>")
@bp.route("/questions/<int:question_id>/<slug>")
def show(question_id: int, slug: str | None = None):
    # One statement of plain rows decides the status, the address and the key, and builds the view model only
    # if the content must be rendered (docs/architecture-caching.md). The brand team also sees deleted and
    # hidden posts, with their tools: their page is rendered for each request.
    staff = permissions.is_moderator(current_user)
    read = page_queries.read_page(question_id, staff)
    if read is None or read.value("kind") != "question":
        abort(404)
    if not staff and (read.value("deleted_at") or read.value("hidden_at")):
        abort(410 if read.value("deleted_at") else 404)  # a deleted question is gone for good: search engines drop it
    if slug != read.value("slug"):
        return redirect(with_query(url_for("questions.show", question_id=question_id, slug=read.value("slug"))), 301)
    if _count_view(question_id):  # before the 304 too: a revalidating browser is a reader (docs/decisions.md)
        read = read.with_view_counted()
    if staff:
        return _render_question(read, feedback_at=feedback.take_place())
    if caching.shareable_request():  # a visitor: the same page for everyone of a language
        return caching.conditional(lambda: _render_question(read), read.validators)
    place = feedback.take_place()
    if place:  # messages about what they just did, shown at that answer: this page is theirs alone
        return _render_question(read, feedback_at=place)
    # A member: the content is kept for every member of the same standing, with slots for what is theirs
    # (docs/decisions.md); the header is theirs.
    parts = caching.keep_for_readers(read.validators().etag, page.standing(current_user),
                                     lambda: page.kept_parts(page_queries.build_page(read), current_user))
    reader = page.reader_of(current_user, read)
    return render_template("questions/show.html", parts=replace(parts, content=slots.fill(parts.content, reader,
                                                                                         page.SLOTS)))


def _count_view(question_id: int) -> bool:
    """A member counts once per window; a visitor as `_visitor_id` names them (docs/decisions.md)."""
    key = current_app.config["SECRET_KEY"].encode()
    if current_user.is_authenticated:
        visitor = _reader_id(key, f"user:{current_user.id}")
    else:
        visitor = _visitor_id(key, request.remote_addr, request.headers.get("User-Agent", ""))
    if not operations.record_view(question_id, visitor, current_app.config["VIEW_WINDOW_MINUTES"]):
        return False  # a reader counted within the window: nothing was written
    # The reader was loaded before: expiring them at this commit would read them again.
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True
    return True


def _reader_id(key: bytes, who: str) -> str:
    # hmac.digest: OpenSSL's one-shot HMAC, the same bytes as hmac.new(…).digest() at a fraction of the cost.
    return hmac.digest(key, who.encode(), "sha256").hex()[:32]


def _visitor_id(key: bytes, address: str | None, user_agent: str) -> str:
    """Visitors by their network, where the browsers on one network are told apart by user agent folded into
    VISITORS_PER_NETWORK buckets: whatever a client sends, one network counts at most that many views a window.
    Kept per address and user agent (a reader's every page asks again, and the two hashes with the address's
    parsing cost about 3 % of a kept page), but not for user agents longer than browsers send, which would make
    the kept names a worker's memory for the asking."""
    if len(user_agent) > KEPT_USER_AGENT_LENGTH:
        return _network_visitor.__wrapped__(key, address, user_agent)
    return _network_visitor(key, address, user_agent)


@functools.lru_cache(maxsize=4096)
def _network_visitor(key: bytes, address: str | None, user_agent: str) -> str:
    bucket = hmac.digest(key, user_agent.encode(), "sha256")[0] % VISITORS_PER_NETWORK
    return _reader_id(key, f"net:{network_of(address)}|{bucket}")


def _render_question(read: page_queries.PageRows, answer_form=None, comment_form=None, comment_post_id=None,
                     feedback_at: int | None = None, answer_preview=None):
    reader = page.reader_of(current_user, read)
    parts = page.question_parts(page_queries.build_page(read), reader, answer_form, comment_form, comment_post_id,
                                feedback_at, answer_preview)
    return render_template("questions/show.html", parts=parts), form_status(answer_form, comment_form)


def _page_of(question) -> page_queries.PageRows:
    """The page of a question a form was sent from, as the reader sees it (re-shown with the form's errors)."""
    return page_queries.read_existing_page(question.id, permissions.is_moderator(current_user))


@bp.post("/questions/<int:question_id>/answers")
@login_required
@limiter.limit(POST_LIMIT)
@accepts_images()
def answer(question_id: int):
    question = queries.get_question(question_id, current_user)
    form = AnswerForm()
    draft = composing.compose(form, question)
    posted = draft.ready and submit(form, lambda: operations.post_answer(current_user, question, form.body.data or "",
                                                         form.language.data or None, form.allow_personal_data.data,
                                                         form.official.data, interface_language=current_language(),
                                                         saved_reply_id=form.used_reply_id()))
    if posted:
        flash(_("Your answer is posted. Thank you for helping!"), "success")
        return redirect(post_url(posted))
    form.language.show_detection(form.body.data or "", current_language())
    return _render_question(_page_of(question), answer_form=form, answer_preview=draft.preview)


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
    question = question_of(post)
    return _render_question(_page_of(question), comment_form=form, comment_post_id=post.id)


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
@limiter.limit(POST_LIMIT, methods=["POST"])
@accepts_images()
def edit(post_id: int):
    post = queries.get_post(post_id, current_user)
    permissions.require_edit(current_user, post)
    # The version the form shows, for the page only: a save says which version it was made from (a client
    # that does not say is not checked against newer versions, rather than against one it never saw).
    revision = getattr(queries.latest_revision(post), "number", None) if request.method == "GET" else None
    if isinstance(post, Question):
        form = EditQuestionForm.of(post, revision)
        action = lambda: operations.edit_question(current_user, post, form.title.data or "",  # noqa: E731
                                                  form.body.data or "", form.tags.data or "", form.summary.data or "",
                                                  form.allow_personal_data.data, form.base(), form.language.data)
        typed = f"{form.title.data or ''}\n{form.body.data or ''}"
    else:
        assert isinstance(post, Answer)  # a post is a question or an answer
        form = EditAnswerForm.of(post, revision)
        action = lambda: operations.edit_answer(current_user, post, form.body.data or "",  # noqa: E731
                                                form.summary.data or "", form.allow_personal_data.data, form.base(),
                                                form.language.data)
        typed = form.body.data or ""
    form.language.show_detection(typed, post.language or current_language())
    draft = composing.compose(form)
    saved = draft.ready and submit(form, action)
    if saved:
        flash(_edit_saved(saved), "success")
        return redirect(post_url(post))
    conflict = None
    if form_status(form) == 409:  # someone saved a newer version: the editor compares, and may save over it
        newer = queries.latest_revision(post)
        assert newer is not None  # a conflict is a newer version saved
        conflict = diffs.edit_conflict(newer, form)
        form.base_revision.data = conflict.revision.number
    return render_form("questions/edit.html", form, post=post, tag_options=queries.tag_options(current_language()),
                       conflict=conflict, preview=draft.preview)


def _edit_saved(saved: operations.SavedEdit) -> str:
    if saved.merged_with is None:
        return _("Your edit is saved.")
    author = saved.merged_with.author
    return _("Your edit is saved, together with the changes %(name)s saved while you were editing.",
             name=author.name if author else _("a former member"))


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
    listing, before = queries.list_revisions(post, page_number())
    budget = diffs.Budget()  # one for the page: however long the revisions, the diffs' work is bounded
    changes = [diffs.revision_change(newer, older, budget)
               for newer, older in zip(listing.items, [*listing.items[1:], before], strict=True)]
    return render_template("questions/revisions.html", post=post, changes=changes, listing=listing)


@bp.post("/answers/<int:answer_id>/accept")
@login_required
def accept(answer_id: int):
    answer = queries.get_answer(answer_id, current_user)
    # The form says which state the member asked for, so a second click or a resent form changes nothing;
    # without it (a page rendered before it carried the field) the button toggles.
    wanted = {"1": True, "0": False}.get(request.form.get("accept", ""))
    accepted = operations.accept_answer(current_user, answer, wanted)
    # A script shows what changed beside the button, badges earned included; a page shows them at the answer.
    badges = announcements.announce(awards.take_unseen(current_user)) if wants_json() else []
    db.session.commit()
    message = _("Answer accepted. Thank you for closing the loop!") if accepted else _("Acceptance removed.")
    if wants_json():
        return jsonify({"accepted": accepted, "answer_id": answer.id, "message": message, "badges": badges,
                        "solution": page.solution_box(answer.question_id, permissions.is_moderator(current_user))})
    flash(message, "success")
    return redirect(post_url(answer))


@bp.post("/posts/preview")
@login_required
@limiter.limit(PREVIEW_LIMIT)
def preview():
    """The editor's Preview: the text rendered as saving it would (a read: nothing stored)."""
    return jsonify({"html": composing.render_preview(request.form.get("body", ""))})


@bp.post("/posts/<int:post_id>/images/<sha256>/remove")
@login_required
def remove_image(post_id: int, sha256: str):
    post = queries.get_post(post_id, current_user)
    operations.remove_image(current_user, post, image_queries.get_image(sha256), request.form.get("reason", ""))
    db.session.commit()
    flash(_("The image is removed from the post."), "success")
    return redirect(post_url(post))


@bp.post("/questions/detect-language")
@login_required
@limiter.limit("60/minute")
def detect_language():
    """The language the ask and answer forms' script names while a post is typed (a read: nothing stored)."""
    return jsonify({"language": content_language.detect(request.form.get("text", ""), current_language())})
