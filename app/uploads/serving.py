"""Public image files answered in front of the app: a content-addressed file that a public post shows is the same
bytes for everyone, so its response needs no session, no signed-in member, no before- or after-request hook,
only the one indexed read that says a public post still shows it (a deleted post's images 404 at once). Anything
else under /uploads/ (an image being written, a moderator's view of a hidden post's, a missing file, the upload
itself) goes on to the app's view (app/uploads/views.py), which decides as before.

Measured in bench/results/2026-12-07-uploads-served-first.md: the app's request cycle (context, session, hooks)
cost an image response three quarters of its time, and SQLAlchemy's execution of the one read four fifths of
what was left, so the read is compiled once and run on a pooled connection of the app's engine."""

import os

from sqlalchemy import Engine, Select, bindparam, select
from werkzeug.http import parse_etags
from werkzeug.wsgi import wrap_file

from app.extensions import db
from app.models import StoredFile
from app.models.image import CONTENT_TYPES, EXTENSIONS
from app.uploads import queries, storage
from app.uploads.views import FILE_NAME, IMAGE_CSP

PREFIX = "/uploads/"


class Prepared:
    """A statement compiled once for a dialect, run on a raw connection from the engine's pool (280 µs of
    SQLAlchemy's execution against 60 µs for the query itself, measured on SQLite)."""

    def __init__(self, statement: Select, engine: Engine):
        self.engine, self.compiled = engine, statement.compile(dialect=engine.dialect)

    def first(self, **values):
        parameters = self.compiled.construct_params(values)
        if self.compiled.positional:
            parameters = tuple(parameters[name] for name in self.compiled.positiontup)
        connection = self.engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(self.compiled.string, parameters)
            row = cursor.fetchone()
            cursor.close()
            return row
        finally:
            connection.close()  # back to the pool (rolled back there)


class PublicFiles:
    """WSGI middleware placed around the Flask app (inside the trusted-hosts check and ProxyFix)."""

    def __init__(self, wsgi_app, app):
        self.wsgi_app, self.app = wsgi_app, app
        self._reads: tuple[Prepared, Prepared] | None = None

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(PREFIX) and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            match = FILE_NAME.fullmatch(path[len(PREFIX):])
            answered = self._answer(match, environ, start_response) if match else None
            if answered is not None:
                return answered
        return self.wsgi_app(environ, start_response)

    @property
    def reads(self) -> tuple[Prepared, Prepared]:
        """Whether a public post shows the file, and a file kept in the database."""
        if self._reads is None:
            with self.app.app_context():
                engine = db.engine
            self._reads = (Prepared(queries.public_file_statement(), engine),
                           Prepared(select(StoredFile.data).where(StoredFile.key == bindparam("key")), engine))
        return self._reads

    def _answer(self, match, environ, start_response):
        sha256, extension = match.groups()
        try:
            found = self._public_file(sha256, extension)
        except Exception:  # noqa: BLE001 - the database is unreachable: the app's view answers with its error page
            return None
        if found is None:
            return None
        image_format, handle, data = found
        key, etag = f"{sha256}.{extension}", f'"{sha256}"'
        headers = [("Content-Type", CONTENT_TYPES[image_format]),
                   ("Cache-Control", f"public, max-age={self.app.config['UPLOADS_CACHE_SECONDS']}, immutable"),
                   ("Content-Disposition", f'inline; filename="{key}"'), ("Content-Security-Policy", IMAGE_CSP),
                   ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "strict-origin-when-cross-origin"),
                   ("ETag", etag)]
        if "HTTP_IF_NONE_MATCH" in environ and parse_etags(environ["HTTP_IF_NONE_MATCH"]).contains_weak(sha256):
            _close(handle)
            start_response("304 Not Modified", headers)
            return []
        size = os.fstat(handle.fileno()).st_size if handle is not None else len(data)
        start_response("200 OK", [*headers, ("Content-Length", str(size))])
        if environ["REQUEST_METHOD"] == "HEAD":
            _close(handle)
            return []
        # The server sends the file with sendfile where it can, and closes it.
        return [data] if handle is None else wrap_file(environ, handle, 64 * 1024)

    def _public_file(self, sha256: str, extension: str):
        """(format, an open file or None, bytes or None) when a public post shows the file, else None."""
        config = self.app.config
        public, stored = self.reads
        row = public.first(sha256=sha256)
        if row is None or EXTENSIONS.get(row[0]) != extension:
            return None
        key = f"{sha256}.{extension}"
        if config["UPLOADS_STORAGE"] == "database":
            stored_row = stored.first(key=key)
            return (row[0], None, bytes(stored_row[0])) if stored_row is not None else None
        try:
            handle = open(storage.FilesystemStorage(config["UPLOADS_DIR"]).file_name(key), "rb")  # noqa: SIM115
        except FileNotFoundError:
            return None  # recorded but missing: the app's view logs it
        return row[0], handle, None


def _close(handle) -> None:
    if handle is not None:
        handle.close()
