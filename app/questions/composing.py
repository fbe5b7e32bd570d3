"""What a post's form does before the post is saved: photos sent with it are stored and put into its text, and the
Preview button shows the text rendered instead of saving it.

Photos sent with the form (the page without its script) are an upload of their own, committed before the post is
looked at, exactly as the editor's script uploads each photo when it is chosen: a post refused afterwards (a title
too short) comes back with the photos already in its text, and nothing has to be chosen twice (docs/decisions.md).
"""

from dataclasses import dataclass

from flask import current_app, g, request
from flask_login import current_user
from markupsafe import Markup

from app import markup, typed_text
from app.errors import DomainError, Invalid
from app.extensions import db
from app.forms import attach_errors
from app.i18n import lazy_gettext as _l
from app.models import Question
from app.parameters import whole_number
from app.replies import placeholders
from app.replies import queries as saved_replies
from app.uploads import operations as images
from app.uploads import rendering
from app.uploads.forms import chosen_files, read_upload

PREVIEW_BUTTON = "preview"
INSERT_REPLY_BUTTON = "insert_reply"  # the answer form's saved reply picker, without its script


@dataclass(frozen=True)
class Draft:
    preview: Markup | None = None  # the text as it will show, when Preview was pressed
    ready: bool = True  # to be saved: no photo was refused and Preview was not pressed


def compose(form, question: Question | None = None) -> Draft:
    """Store the photos sent with the form and add them to its text; insert the saved reply chosen (an answer to
    `question`); render the preview if it was asked for."""
    if g.get("form_expired") or not form.is_submitted() or not form.validate():
        return Draft()
    if "images" in form and not _attach_photos(form):
        return Draft(ready=False)
    if request.form.get(INSERT_REPLY_BUTTON) and question is not None and "saved_reply" in form:
        _insert_reply(form, question)
        return Draft(ready=False)
    if request.form.get(PREVIEW_BUTTON):
        return Draft(preview=render_preview(form.body.data or ""), ready=False)
    return Draft()


def render_preview(text: str) -> Markup:
    """The post's text through the same rendering and sanitising as saving it."""
    return Markup(markup.render_post(typed_text.multi_line(text)))  # nosec B704 # sanitised by app.markup


def _attach_photos(form) -> bool:
    files = chosen_files(form.images)
    if not files:
        return True
    description = typed_text.single_line(form.images_alt.data or "")
    most = current_app.config["UPLOADS_MAX_FILES"]
    if not description:
        form.images_alt.errors = [*form.images_alt.errors,
                                  _l("Describe what the photos show, for people who cannot see them.")]
    elif len(files) > most:
        form.images.errors = [*form.images.errors, _l("Send at most %(n)s photos at once.", n=most)]
    if form.images_alt.errors or form.images.errors:
        form.refusal_status = 400
        return False
    try:
        stored = [images.upload_image(current_user, read_upload(file)) for file in files]
        db.session.commit()
    except DomainError as refusal:
        db.session.rollback()
        attach_errors(form, Invalid(refusal.message, "images"))  # about a photo: shown at the photo field
        form.refusal_status = refusal.status
        return False
    text = (form.body.data or "").rstrip()
    form.body.data = "\n\n".join([*([text] if text else []), *(rendering.markdown_for(i, description) for i in stored)])
    form.images_alt.data = ""
    return True


def _insert_reply(form, question: Question) -> None:
    """The saved reply chosen, filled in for the question, after what is typed (the script inserts it at the
    cursor instead); the form remembers it so that posting counts its use."""
    reply = saved_replies.chosen(current_user, whole_number(str(form.saved_reply.data or "")))
    if reply is None:
        form.saved_reply.errors = [*form.saved_reply.errors, _l("Choose a saved reply to insert.")]
        form.refusal_status = 400
        return
    text = (form.body.data or "").rstrip()
    form.body.data = "\n\n".join([*([text] if text else []), placeholders.fill(reply.body, question, reply.language)])
    form.saved_reply.data, form.used_reply.data = "", str(reply.id)
    form.reply_inserted = True

