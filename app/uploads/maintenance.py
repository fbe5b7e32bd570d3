"""What `flask uploads` does: check every file against its hash and every post's images against its text, move
files between backends, and collect what no post needs any more. Each works in batches with progress."""

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import delete, exists, select

from app.extensions import db
from app.models import Image, ImageFile, Post, PostImage
from app.models.image import EXTENSIONS
from app.uploads import queries, rendering, storage

BATCH = 200
Progress = Callable[[int], None]


def _file_rows(batch: int = BATCH) -> Iterator[list[tuple[str, str]]]:
    """(key, sha256) of every file of every image not taken down, in batches, each key once."""
    last = ""
    while True:
        rows = db.session.execute(
            select(ImageFile.sha256, Image.format).join(Image, Image.id == ImageFile.image_id)
            .where(ImageFile.sha256 > last, Image.removed_at.is_(None))
            .order_by(ImageFile.sha256).limit(batch)).all()
        if not rows:
            return
        yield list(dict.fromkeys((f"{sha}.{EXTENSIONS[fmt]}", sha) for sha, fmt in rows))
        last = rows[-1][0]


def count_files() -> int:
    return len({key for rows in _file_rows(5000) for key, _ in rows})


@dataclass
class CheckReport:
    missing: list[str] = field(default_factory=list)  # keys recorded but not in storage
    corrupt: list[str] = field(default_factory=list)  # keys whose bytes no longer hash to their name
    drifted_posts: list[int] = field(default_factory=list)  # posts whose recorded images differ from their text
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.corrupt or self.drifted_posts)


def check(progress: Progress = lambda n: None) -> CheckReport:
    report = CheckReport()
    files = storage.backend()
    for rows in _file_rows():
        for key, sha256 in rows:
            data = files.get(key)
            if data is None:
                report.missing.append(key)
            elif hashlib.sha256(data).hexdigest() != sha256:
                report.corrupt.append(key)
        report.checked += len(rows)
        progress(len(rows))
        db.session.expunge_all()  # a million files are not kept in memory
    report.drifted_posts = [post_id for post_id, _ in _link_drift()]
    return report


def _link_drift() -> Iterator[tuple[int, set[int]]]:
    """(post, the image ids its text shows) for every post whose recorded images differ."""
    recorded: dict[int, set[int]] = {}
    for post_id, image_id in db.session.execute(select(PostImage.post_id, PostImage.image_id)):
        recorded.setdefault(post_id, set()).add(image_id)
    ids = {sha: image_id for sha, image_id in db.session.execute(select(Image.sha256, Image.id))}
    last = 0
    while True:
        rows = db.session.execute(select(Post.id, Post.body_html).where(
            Post.id > last, (Post.body_html.contains("/uploads/")) | Post.id.in_(select(PostImage.post_id)))
            .order_by(Post.id).limit(BATCH)).all()
        if not rows:
            break
        for post_id, html in rows:
            shown = {ids[s.sha256] for s in rendering.images_in(html) if s.sha256 in ids}
            if shown != recorded.get(post_id, set()):
                yield post_id, shown
        last = rows[-1][0]


def repair_links() -> int:
    """Record for every post the images its text shows (the derived rows rebuilt); returns the posts fixed."""
    fixed = list(_link_drift())
    for post_id, shown in fixed:
        db.session.execute(delete(PostImage).where(PostImage.post_id == post_id))
        db.session.add_all(PostImage(post_id=post_id, image_id=image_id) for image_id in sorted(shown))
    db.session.flush()
    return len(fixed)


def migrate(target_name: str, progress: Progress = lambda n: None) -> int:
    """Copy every recorded file from the configured backend to `target_name`, each read back and compared with its
    hash before it counts; committed batch by batch, so an interrupted move resumes where it stopped. Returns how
    many files were copied (those already there are skipped)."""
    source, target = storage.backend(), storage.backend(target_name)
    if source.name == target.name:
        raise ValueError(f"the files are already in {target_name}")
    copied = 0
    for rows in _file_rows():
        for key, sha256 in rows:
            if _intact(target.get(key), sha256):
                continue
            data = source.get(key)
            if data is None or not _intact(data, sha256):
                raise ValueError(f"{key} is missing or damaged in {source.name}: run `flask uploads check`")
            target.put(key, data)
            db.session.flush()
            if not _intact(target.get(key), sha256):
                raise ValueError(f"{key} did not read back from {target_name} as written")
            copied += 1
        db.session.commit()
        progress(len(rows))
    return copied


def _intact(data: bytes | None, sha256: str) -> bool:
    return data is not None and hashlib.sha256(data).hexdigest() == sha256


@dataclass
class Collected:
    images: int = 0  # uploaded, shown by no post, older than the grace period: deleted
    taken_down: int = 0  # removed by a moderator before the grace period: their files deleted
    files: int = 0  # files deleted from storage


def collect(dry_run: bool = False, progress: Progress = lambda n: None,
            on_start: Progress = lambda total: None) -> Collected:
    """Delete images no post ever showed once the grace period is over, and the files of images the moderators
    took down (their rows stay: the same picture is refused again). Images of deleted posts are kept: a
    moderator may restore the post."""
    since = queries.grace_start()
    result = Collected()
    unused = db.session.scalars(select(Image).where(
        Image.created_at < since, Image.removed_at.is_(None),
        ~exists().where(PostImage.image_id == Image.id))).all()
    taken_down = db.session.scalars(select(Image).where(Image.removed_at < since, Image.files.any())).all()
    files = storage.backend()
    on_start(len(unused) + len(taken_down))
    for image in [*unused, *taken_down]:
        keys = [file.key for file in image.files]
        if image.removed_at is None:
            result.images += 1
            if not dry_run:
                db.session.delete(image)
        else:
            result.taken_down += 1
            if not dry_run:
                image.files.clear()
        if not dry_run:
            db.session.flush()
            for key in keys:
                if not _still_named(key):  # a file two images share stays for the other
                    files.delete(key)
                    result.files += 1
        progress(1)
    if not dry_run:
        db.session.commit()
    if isinstance(files, storage.FilesystemStorage):
        result.files += _collect_strays(files, since, dry_run)
    return result


def _collect_strays(files: "storage.FilesystemStorage", since, dry_run: bool) -> int:
    """Files of uploads whose transaction failed after they were written (only the filesystem can have any: the
    database keeps files in the upload's own transaction), once older than the grace period."""
    deleted = 0
    for key in files.keys():  # noqa: SIM118 a storage backend, not a dict
        if files.written_before(key, since) and not _still_named(key):
            deleted += 1
            if not dry_run:
                files.delete(key)
    return deleted


def _still_named(key: str) -> bool:
    return bool(db.session.scalar(select(exists().where(ImageFile.sha256 == key.split(".", 1)[0]))))
