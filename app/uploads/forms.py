"""The photo fields of the post forms, the request limits of the views that take images, and reading an upload.

Requests are limited to MAX_CONTENT_LENGTH (1 MB, app/config.py) and Flask's form-part count everywhere; a view
marked `accepts_images(n)` takes n images of UPLOADS_MAX_BYTES each, with UPLOADS_MAX_PARTS parts. The limit is
set before anything reads the body (the CSRF check reads the form), so a larger body is refused with 413 unread.
"""

from functools import wraps

from flask import current_app, request
from werkzeug.datastructures import FileStorage
from wtforms import MultipleFileField, StringField

from app.errors import Invalid
from app.i18n import LazyString
from app.i18n import gettext as _
from app.i18n import lazy_gettext as _l
from app.uploads.operations import Upload

FORM_OVERHEAD_BYTES = 1024 * 1024  # a post's text and fields besides its images


class PhotoFields:
    """Mixed into a post's form: photos sent with it when the page's script is off (the script uploads each as
    it is chosen, and empties the field), and what they show, their description."""

    images = MultipleFileField(_l("Photos"), render_kw={"accept": "image/*"}, description=LazyString(lambda: _(
        "JPEG, PNG, WebP, GIF (its first frame) or HEIC, up to %(size)s MB each. They are added at the end of the "
        "text, where you can move them.", size=current_app.config["UPLOADS_MAX_BYTES"] // (1024 * 1024))))
    images_alt = StringField(_l("What the photos show"), description=_l(
        "Required with photos: a description for people who cannot see them, e.g. “The display shows E04”."))


def accepts_images(count: int | None = None):
    """The view takes `count` images in one request (a post's form: UPLOADS_MAX_FILES)."""

    def mark(view):
        @wraps(view)
        def marked(*args, **kwargs):
            return view(*args, **kwargs)

        marked.accepts_images = count or "form"
        return marked

    return mark


def raise_limits_for_images() -> None:
    """Before anything reads the body (create_app runs it first of all before-request functions)."""
    app = current_app
    view = app.view_functions.get(request.endpoint) if request.endpoint else None
    count = getattr(view, "accepts_images", 0)
    if count == "form":
        count = app.config["UPLOADS_MAX_FILES"]
    if count:
        request.max_content_length = count * app.config["UPLOADS_MAX_BYTES"] + FORM_OVERHEAD_BYTES
        request.max_form_parts = app.config["UPLOADS_MAX_PARTS"]


def read_upload(file) -> Upload:
    """The bytes of one file field, read no further than one byte past the largest accepted image."""
    if file is None or not file.filename and not file.content_length:
        raise Invalid(_l("Choose a photo or picture to upload."), "image")
    limit = current_app.config["UPLOADS_MAX_BYTES"]
    return Upload(file.stream.read(limit + 1), file.filename or "")


def chosen_files(field) -> list:
    """The files a person chose in a file field (a browser sends one empty part when none is chosen; text sent
    under the field's name, which no browser does, is no file)."""
    return [file for file in field.data or [] if isinstance(file, FileStorage) and (file.filename or
                                                                                     file.content_length)]
