"""The index directory: numbered generations of the index side by side, a CURRENT file naming the live
one (replaced atomically, so a rebuild swaps in whole), and a REBUILDING marker while a rebuild runs.

    <SEARCH_INDEX_DIR>/CURRENT      "gen-20261123-195012-4f2a"
    <SEARCH_INDEX_DIR>/gen-…/       one complete index
"""

import fcntl
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

POINTER, MARKER, LOCK = "CURRENT", "REBUILDING", ".generations.lock"
# A marker older than this was left by a rebuild that died: writers stop honouring it.
MARKER_MAX_AGE = 6 * 3600


@contextmanager
def _locked(base: Path) -> Iterator[None]:
    """Serialises creating and swapping generations across processes."""
    base.mkdir(parents=True, exist_ok=True)
    with open(base / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def current(base: Path) -> Path | None:
    try:
        name = (base / POINTER).read_text().strip()
    except FileNotFoundError:
        return None
    return base / name if name else None


def pointer_version(base: Path) -> int:
    """Changes whenever CURRENT is replaced: a cheap way for readers to notice a swap."""
    try:
        stat = os.stat(base / POINTER)
    except FileNotFoundError:
        return 0
    return stat.st_ino ^ stat.st_mtime_ns


def new_generation(base: Path) -> Path:
    path = base / f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(3)}"
    path.mkdir(parents=True)
    return path


def ensure_current(base: Path, create: Callable[[Path], object]) -> Path:
    """The live generation, creating an empty one (with `create(path)`) the first time."""
    path = current(base)
    if path is not None and path.exists():
        return path
    with _locked(base):
        path = current(base)
        if path is None or not path.exists():
            path = new_generation(base)
            create(path)
            _point_to(base, path)
        return path


def swap(base: Path, path: Path) -> None:
    """Make `path` the live generation and remove all but it and the one before (kept for readers that
    still have it open)."""
    with _locked(base):
        previous = current(base)
        _point_to(base, path)
        keep = {path.name, previous.name if previous else None}
        for old in base.glob("gen-*"):
            if old.name not in keep:
                shutil.rmtree(old, ignore_errors=True)


def _point_to(base: Path, path: Path) -> None:
    temporary = base / f".{POINTER}.{secrets.token_hex(4)}"
    temporary.write_text(path.name)
    os.replace(temporary, base / POINTER)


def rebuilding(base: Path) -> bool:
    try:
        return time.time() - os.stat(base / MARKER).st_mtime < MARKER_MAX_AGE
    except FileNotFoundError:
        return False


@contextmanager
def rebuild_marker(base: Path) -> Iterator[None]:
    """While it exists, writers keep their pending marks so the rebuild can catch up after the swap."""
    base.mkdir(parents=True, exist_ok=True)
    (base / MARKER).write_text(str(os.getpid()))
    try:
        yield
    finally:
        (base / MARKER).unlink(missing_ok=True)
