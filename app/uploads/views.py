"""Uploading an image from the editor's script, and serving image files."""

import re

from flask import Blueprint, abort, current_app, jsonify, request, send_file
from flask_login import current_user, login_required

from app import permissions
from app.extensions import db, limiter
from app.uploads import operations, queries, rendering, storage
from app.uploads.forms import accepts_images, read_upload

bp = Blueprint("uploads", __name__)

FILE_NAME = re.compile(r"([0-9a-f]{64})\.(jpg|png|webp)")
# Image responses run nothing: no script, no plugin, no form, even opened on their own (a browser that guessed
# another type despite nosniff would still run nothing).
IMAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def _rate_limit() -> str:
    return current_app.config["UPLOADS_RATE_LIMIT"]


@bp.post("/uploads")
@login_required
@limiter.limit(_rate_limit)
@accepts_images(1)
def upload():
    """One image from the editor's script (which sends each chosen, dropped or pasted picture on its own)."""
    image = operations.upload_image(current_user, read_upload(request.files.get("image")))
    db.session.commit()
    return jsonify(rendering.described(image)), 201


@bp.get("/uploads/<name>")
def serve(name: str):
    match = FILE_NAME.fullmatch(name)
    if match is None:
        abort(404)
    state = queries.file_state(match.group(1), match.group(2))
    if state is None:
        abort(404)
    if state.public:
        cache = f"public, max-age={current_app.config['UPLOADS_CACHE_SECONDS']}, immutable"
    elif state.fresh:
        cache = "private, max-age=3600"
    elif permissions.is_moderator(current_user):  # a deleted or hidden post's image, for the brand team
        cache = "private, no-store"
    else:
        abort(404)
    response = _file_response(state)
    response.headers["Cache-Control"] = cache
    response.headers["Content-Disposition"] = f'inline; filename="{state.key}"'
    response.headers["Content-Security-Policy"] = IMAGE_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.set_etag(match.group(1))
    return response.make_conditional(request)


def _file_response(state: queries.FileState):
    """The file sent by the web server straight from disk where it is there (the filesystem backend), else read."""
    files = storage.backend()
    local = files.local_file(state.key)
    if local is not None:
        return send_file(local, mimetype=state.content_type, conditional=False, etag=False, last_modified=None,
                         max_age=None)
    data = files.get(state.key)
    if data is None:
        current_app.logger.error("image file %s is recorded but missing from storage", state.key)
        abort(404)
    return current_app.response_class(data, mimetype=state.content_type)
