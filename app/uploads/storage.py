"""Where image files are kept: one interface, two backends.

`filesystem` (the default, one machine) keeps them under `instance/uploads/` (UPLOADS_DIR); `database` keeps them
in the `stored_files` table, so every app server of a PostgreSQL deployment reads the same files with nothing more
to run, and a backup of the database holds them (docs/decisions.md says why not an object store). Keys are
content hashes with an extension (`<sha256>.jpg`): a file is never changed, only written once and deleted.
`flask uploads migrate --to BACKEND` copies every file from one to the other.
"""

import os
import re
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Protocol

from flask import current_app
from sqlalchemy import delete, select

from app.extensions import db
from app.models import StoredFile

KEY = re.compile(r"[0-9a-f]{64}\.(?:jpg|png|webp)")
BACKENDS = ("filesystem", "database")


class Storage(Protocol):
    name: str

    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes | None: ...

    def local_file(self, key: str) -> Path | None:
        """A file on this machine that the web server can send without the app reading it (sendfile)."""

    def delete(self, key: str) -> None: ...

    def keys(self) -> Iterator[str]: ...


def check_key(key: str) -> str:
    """Only names this app makes reach a backend: no path, no traversal, whatever a caller passes."""
    if not KEY.fullmatch(key):
        raise ValueError(f"not a stored file's key: {key!r}")
    return key


class FilesystemStorage:
    """Files in a folder, two levels of subfolders by the hash's first characters (no folder of millions)."""

    name = "filesystem"

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path(self, key: str) -> Path:
        return Path(self.file_name(key))

    def file_name(self, key: str) -> str:
        """The file's path as text (a third of the time of building a Path, for serving files)."""
        check_key(key)
        return os.path.join(self.root, key[:2], key[2:4], key)

    def put(self, key: str, data: bytes) -> None:
        path = self.path(key)
        if path.exists():
            return  # the same name is the same content
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside it, then renamed: a reader never sees half a file, and a crash leaves only a temporary.
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def local_file(self, key: str) -> Path | None:
        path = self.path(key)
        return path if path.is_file() else None

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def written_before(self, key: str, moment: datetime) -> bool:
        try:
            return self.path(key).stat().st_mtime < moment.timestamp()
        except FileNotFoundError:
            return False

    def keys(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for path in sorted(self.root.glob("??/??/*")):
            if KEY.fullmatch(path.name):
                yield path.name


class DatabaseStorage:
    """Files in the database, written in the transaction of the upload: an upload that fails leaves nothing."""

    name = "database"

    def put(self, key: str, data: bytes) -> None:
        if db.session.get(StoredFile, check_key(key)) is None:
            db.session.add(StoredFile(key=key, data=data))

    def get(self, key: str) -> bytes | None:
        return db.session.scalar(select(StoredFile.data).where(StoredFile.key == check_key(key)))

    def local_file(self, key: str) -> Path | None:
        return None

    def delete(self, key: str) -> None:
        db.session.execute(delete(StoredFile).where(StoredFile.key == check_key(key)))

    def keys(self) -> Iterator[str]:
        last = ""
        while True:  # in pages: the keys of millions of files are not read at once
            page = db.session.scalars(select(StoredFile.key).where(StoredFile.key > last)
                                      .order_by(StoredFile.key).limit(1000)).all()
            yield from page
            if len(page) < 1000:
                return
            last = page[-1]


def backend(name: str | None = None) -> Storage:
    """The configured backend (UPLOADS_STORAGE), or the one named."""
    name = name or current_app.config["UPLOADS_STORAGE"]
    if name == "filesystem":
        return FilesystemStorage(current_app.config["UPLOADS_DIR"])
    if name == "database":
        return DatabaseStorage()
    raise ValueError(f"UPLOADS_STORAGE must be one of {', '.join(BACKENDS)}, not {name!r}")
