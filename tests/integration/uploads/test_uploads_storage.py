"""The two storage backends and `flask uploads check | migrate | gc`: files move between the filesystem and the
database and still serve, every file is checked against its hash, and what no post needs is collected after the
grace period."""

import io
import os
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import Image, ImageFile, PostImage, Question, StoredFile
from app.uploads import storage
from tests.pictures import png, webp

DETAILS = "The display shows an error after descaling, see the photo below."


@pytest.fixture
def writer(make_user, tags):
    return make_user("olivia", reputation=10)


def upload(client, data: bytes) -> dict:
    response = client.post("/uploads", data={"image": (io.BytesIO(data), "photo.png")},
                           content_type="multipart/form-data", headers={"Accept": "application/json"})
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()


def ask_with(client, *images: dict):
    shown = "\n\n".join(f"![Photo {n}]({image['url']})" for n, image in enumerate(images))
    response = client.post("/questions/ask", data={"title": "The display shows E04 after descaling",
                                                   "body": f"{DETAILS}\n\n{shown}", "tags": "aurora-one"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def run(app, *args):
    result = app.test_cli_runner().invoke(args=["uploads", *args])
    return result.exit_code, result.output


def file_count() -> int:
    return db.session.scalar(select(func.count(func.distinct(ImageFile.sha256))))


def test_files_move_to_the_database_and_back_and_still_serve(app, client, auth, writer, uploads_dir):
    auth.login(writer)
    images = [upload(client, png()), upload(client, webp(1700, 900))]
    url = ask_with(client, *images)
    assert run(app, "check") == (0, run(app, "check")[1])
    code, output = run(app, "migrate", "--to", "database")
    assert code == 0 and f"Copied {file_count()} files to database" in output, output
    assert db.session.scalar(select(func.count()).select_from(StoredFile)) == file_count() == 5
    # Served from the database now, even with the folder gone.
    app.config["UPLOADS_STORAGE"] = "database"
    for path in Path(uploads_dir).rglob("*.*"):
        path.unlink()
    assert run(app, "check")[0] == 0
    page = client.get(url).get_data(as_text=True)
    for image in images:
        assert image["url"] in page and client.get(image["url"]).status_code == 200
    # Again: nothing to copy. Then back to the filesystem.
    app.config["UPLOADS_STORAGE"] = "filesystem"
    assert "Copied 0 files to database" in run(app, "migrate", "--to", "database")[1]
    app.config["UPLOADS_STORAGE"] = "database"
    code, output = run(app, "migrate", "--to", "filesystem")
    assert code == 0 and "Copied 5 files to filesystem" in output, output
    app.config["UPLOADS_STORAGE"] = "filesystem"
    db.session.execute(StoredFile.__table__.delete())
    db.session.commit()
    assert run(app, "check")[0] == 0
    assert all(client.get(image["url"]).status_code == 200 for image in images)


def test_migrating_to_where_the_files_are_is_refused(app):
    code, output = run(app, "migrate", "--to", "filesystem")
    assert code == 1 and "already in filesystem" in output


@pytest.mark.parametrize("backend", ["filesystem", "database"])
def test_check_finds_missing_and_damaged_files(app, client, auth, writer, backend):
    app.config["UPLOADS_STORAGE"] = backend
    auth.login(writer)
    first, second = upload(client, png()), upload(client, webp())
    ask_with(client, first, second)
    files = storage.backend()
    missing, damaged = first["url"].rsplit("/", 1)[1], second["url"].rsplit("/", 1)[1]
    files.delete(missing)
    files.delete(damaged)
    files.put(damaged, b"not what was stored")
    db.session.commit()
    code, output = run(app, "check")
    assert code == 1
    assert f"missing: {missing}" in output and f"damaged (hash differs): {damaged}" in output
    assert "1 missing, 1 damaged" in output


def test_check_repairs_the_record_of_which_post_shows_which_image(app, client, auth, writer):
    auth.login(writer)
    image = upload(client, png())
    ask_with(client, image)
    question_id = db.session.scalar(select(Question.id))
    db.session.execute(PostImage.__table__.delete())
    db.session.commit()
    assert client.get(image["url"]).headers["Cache-Control"].startswith("private")  # no post shows it, it seems
    code, output = run(app, "check")
    assert code == 1 and f"differ from their text: {question_id}" in output
    code, output = run(app, "check", "--repair")
    assert code == 0 and "Recorded the images of 1 posts again" in output
    assert client.get(image["url"]).headers["Cache-Control"].startswith("public")
    assert run(app, "check")[0] == 0


@pytest.mark.parametrize("backend", ["filesystem", "database"])
def test_gc_deletes_what_no_post_needs_after_the_grace_period(app, client, auth, writer, make_user, backend,
                                                                uploads_dir):
    app.config["UPLOADS_STORAGE"] = backend
    auth.login(writer)
    shown, abandoned, fresh = upload(client, png()), upload(client, webp()), upload(client, png(300, 200))
    ask_with(client, shown)
    long_ago = clock.now() - timedelta(hours=49)
    db.session.execute(Image.__table__.update().where(Image.sha256 != fresh["url"][9:73]).values(
        created_at=long_ago))
    db.session.commit()
    files = storage.backend()
    if backend == "filesystem":  # a file of an upload whose transaction failed, written long ago
        files.put("f" * 64 + ".png", b"orphan")
        stray = files.path("f" * 64 + ".png")
        stamp = long_ago.timestamp()
        os.utime(stray, (stamp, stamp))
    code, output = run(app, "gc", "--dry-run")
    assert code == 0 and "Would delete 1 unused images" in output, output
    assert client.get(abandoned["url"]).status_code == 404  # past the grace period: no longer served anyway
    code, output = run(app, "gc")
    assert code == 0 and "Deleted 1 unused images" in output, output
    kept = {image.sha256 for image in db.session.scalars(select(Image))}
    assert kept == {shown["url"][9:73], fresh["url"][9:73]}
    assert files.get(abandoned["url"].rsplit("/", 1)[1]) is None
    assert files.get(shown["url"].rsplit("/", 1)[1]) is not None
    if backend == "filesystem":
        assert not stray.exists()
    assert run(app, "check")[0] == 0
    # A taken-down image's files go after the grace period too; its row stays, so it cannot come back.
    auth.logout()
    auth.login(make_user("marta", role="moderator"))
    question_id = db.session.scalar(select(Question.id))
    assert client.post(f"/posts/{question_id}/images/{shown['url'][9:73]}/remove").status_code == 302
    db.session.execute(Image.__table__.update().where(Image.removed_at.is_not(None)).values(removed_at=long_ago))
    db.session.commit()
    code, output = run(app, "gc")
    assert "the files of 1 taken-down ones" in output, output
    assert files.get(shown["url"].rsplit("/", 1)[1]) is None
    assert db.session.scalar(select(Image.removed_at).where(Image.sha256 == shown["url"][9:73])) is not None
