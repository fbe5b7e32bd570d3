"""Images in questions and answers: uploaded from the editor (or with the form), re-encoded, kept in a storage
backend (app/uploads/storage.py), served content-addressed, and `flask uploads migrate|check|gc`."""

from pathlib import Path

from flask import Flask
from flask_login import current_user

from app import markup
from app.reputation import privileges
from app.uploads import cli, rendering, serving, views

DEFAULTS = {
    "UPLOADS_STORAGE": "filesystem",  # or "database": several app servers on one PostgreSQL share the files
    "UPLOADS_DIR": None,  # the filesystem backend's folder: instance/uploads/
    "UPLOADS_MAX_BYTES": 8 * 1024 * 1024,  # one image file as sent
    "UPLOADS_MAX_PIXELS": 50_000_000,  # read from the header: larger pictures are refused before decoding
    "UPLOADS_MAX_SIDE": 16_384,
    "UPLOADS_DISPLAY_SIZE": 1600,  # the longest side of the file a post shows
    "UPLOADS_SMALLER_WIDTHS": [800, 400],  # copies for phones (srcset); the smallest is the thumbnail
    "UPLOADS_MAX_FILES": 5,  # photos sent with one form (without the editor's script)
    "UPLOADS_MAX_PARTS": 40,  # form fields and files in such a request
    "UPLOADS_GRACE_HOURS": 48,  # an image no post shows is kept this long (a post being written), then gc'd
    "UPLOADS_RATE_LIMIT": "30/minute",  # uploads from the editor, per address; the daily quota is in ABUSE_LIMITS
    "UPLOADS_CACHE_SECONDS": 365 * 24 * 3600,  # content-addressed: a file's address never shows anything else
}


def init_app(app: Flask) -> None:
    if not app.config["UPLOADS_DIR"]:
        app.config["UPLOADS_DIR"] = str(Path(app.instance_path) / "uploads")
    app.register_blueprint(views.bp)
    # Flask's documented way to add WSGI middleware; create_app wraps the host check and ProxyFix outside it.
    app.wsgi_app = serving.PublicFiles(app.wsgi_app, app)  # type: ignore[method-assign]
    cli.init_app(app)
    markup.set_image_dresser(rendering.dress)
    app.add_template_global(rendering.images_in, "uploaded_images_in")
    app.add_template_global(lambda: privileges.has(current_user, "image.post"), "may_post_images")
