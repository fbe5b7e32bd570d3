"""Uploaded images against hostile files and requests: what is served is only ever a re-encoded picture of an
accepted kind, with a type no browser runs; bombs and oversized requests are refused before the work; only the
brand team takes images down; a deleted post's images are gone at once."""

import io
import os
import re
import time
import tracemalloc
from pathlib import Path

import pytest
from PIL import Image as Picture
from sqlalchemy import func, select

from app.extensions import db
from app.models import Image, Question, StoredFile
from tests.conftest import PASSWORD
from tests.pictures import SVG, jpeg_html_polyglot, jpeg_zip_polyglot, phone_jpeg, png, png_header_only, webp

DETAILS = "The display shows an error after descaling, see the photo below."
SMALL_LIMIT = 200 * 1024


@pytest.fixture
def writer(make_user, tags):
    return make_user("olivia", reputation=10)


def upload(client, data: bytes, name: str = "photo.jpg"):
    return client.post("/uploads", data={"image": (io.BytesIO(data), name)}, content_type="multipart/form-data",
                       headers={"Accept": "application/json"})


def refusal(response) -> str:
    assert response.status_code == 422, response.get_data(as_text=True)
    return response.get_json()["error"]["message"]


def images_stored() -> int:
    return db.session.scalar(select(func.count()).select_from(Image))


def post_with(client, image: dict) -> Question:
    response = client.post("/questions/ask", data={"title": "The display shows E04 after descaling", "tags":
                                                   "aurora-one", "body": f"{DETAILS}\n\n![A screen]({image['url']})"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalar(select(Question).order_by(Question.id.desc()))


@pytest.mark.parametrize("polyglot, payloads", [
    (jpeg_html_polyglot, [b"<html", b"<script", b"__polyglot"]),
    (jpeg_zip_polyglot, [b"PK\x03\x04", b"evil.html", b"<script"]),
])
def test_a_polyglot_is_stored_as_a_picture_only(client, auth, writer, polyglot, payloads):
    auth.login(writer)
    response = upload(client, polyglot())
    assert response.status_code == 201
    served = client.get(response.get_json()["url"])
    assert served.mimetype == "image/jpeg" and served.data.startswith(b"\xff\xd8")
    for payload in payloads:
        assert payload not in served.data, payload
    assert Picture.open(io.BytesIO(served.data)).format == "JPEG"


@pytest.mark.parametrize("name", ["drawing.png", "drawing.svg", "drawing.jpg"])
def test_svg_is_refused_whatever_its_name(client, auth, writer, name):
    auth.login(writer)
    message = refusal(upload(client, SVG, name))
    assert "JPEG, PNG, WebP, GIF or HEIC" in message
    assert images_stored() == 0


def test_a_decompression_bomb_is_refused_from_its_header(client, auth, writer):
    auth.login(writer)
    bomb = png_header_only(50_000, 50_000)
    tracemalloc.start()
    started = time.perf_counter()
    message = refusal(upload(client, bomb, "bomb.png"))
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "too many pixels" in message and "50 million" in message
    # 2.5 gigapixels were never decoded (7.5 GB and minutes); the time allows for a busy machine.
    assert seconds < 5 and peak < 20 * 1024 * 1024, (seconds, peak)
    for width, height in ((20_000, 2), (7500, 7500)):  # one side too long; too many pixels in all
        assert "too many pixels" in refusal(upload(client, png_header_only(width, height), "wide.png"))
    assert images_stored() == 0


@pytest.mark.parametrize("damaged", [
    lambda: phone_jpeg(800, 600)[:4000],  # truncated
    lambda: png()[:len(png()) // 2],
    lambda: webp()[:200],
    lambda: b"\xff\xd8\xff\xe0" + os.urandom(5000),  # a JPEG's start and noise
    lambda: png()[:40] + b"\x00" * 100 + png()[140:],  # a PNG with a broken chunk
    lambda: b"",
], ids=["truncated-jpeg", "truncated-png", "truncated-webp", "noise-jpeg", "corrupt-png", "empty"])
def test_truncated_and_corrupt_files_are_refused_clearly(client, auth, writer, damaged):
    auth.login(writer)
    message = refusal(upload(client, damaged(), "photo.jpg"))
    assert "JPEG, PNG, WebP, GIF or HEIC" in message or "could not be read" in message or "empty" in message
    assert images_stored() == 0


def test_gps_and_every_other_metadata_are_gone(client, auth, writer):
    auth.login(writer)
    sent = phone_jpeg(1600, 1200, orientation=1)
    assert b"Phonemaker" in sent and b"Via Roma" in sent
    served = client.get(upload(client, sent).get_json()["url"]).data
    picture = Picture.open(io.BytesIO(served))
    assert not picture.getexif() and not picture.getexif().get_ifd(0x8825)
    for trace in (b"Exif", b"Phonemaker", b"Phone 15 Pro", b"Via Roma", b"GPS", b"ICC_PROFILE", b"http://ns.adobe"):
        assert trace not in served, trace


def test_a_filename_with_traversal_and_control_characters_names_nothing(client, auth, writer, uploads_dir):
    auth.login(writer)
    # As a browser sends a name with line breaks (percent-encoded: a raw one would end the part's header).
    name = "../../../etc/passwd%0D%0AX-Injected: 1\x07\x1b.png"
    response = upload(client, png(), name)
    assert response.status_code == 201, response.get_data(as_text=True)
    served = client.get(response.get_json()["url"])
    assert "X-Injected" not in served.headers and "passwd" not in str(served.headers)
    disposition = served.headers["Content-Disposition"]
    assert disposition.startswith('inline; filename="') and "\r" not in disposition and ".." not in disposition
    every_file = [p for p in Path(uploads_dir).rglob("*") if p.is_file()]
    assert every_file and all(p.resolve().is_relative_to(Path(uploads_dir).resolve()) for p in every_file)
    assert not any("passwd" in p.name for p in every_file)
    # A refusal names the file by its last part, printable only.
    message = refusal(upload(client, b"not an image", "a/../../secret\x07\x1b[31mred.png"))
    assert message.startswith("secret[31mred.png: ") and "\x07" not in message and "\x1b" not in message


@pytest.mark.parametrize("app_config", [{"UPLOADS_MAX_BYTES": SMALL_LIMIT}])
def test_a_huge_multipart_body_is_refused_unread(client, auth, writer, app_config):
    auth.login(writer)
    huge = os.urandom(SMALL_LIMIT + 2 * 1024 * 1024)  # past the limit with the form's allowance
    response = upload(client, huge)
    assert response.status_code == 413
    # A form that takes photos takes several; a body beyond them all is refused too, and any other form takes 1 MB.
    response = client.post("/questions/ask", data={"title": "x", "images": [
        (io.BytesIO(huge), f"{n}.jpg") for n in range(6)]}, content_type="multipart/form-data")
    assert response.status_code == 413
    response = client.post("/settings", data={"about": "x", "file": (io.BytesIO(huge), "x.jpg")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    # Within the request limit, one file beyond the image limit is refused with the size.
    message = refusal(upload(client, os.urandom(SMALL_LIMIT + 1)))
    assert "the largest accepted is 0.2 MB" in message
    assert images_stored() == 0


def test_too_many_parts_are_refused(client, auth, writer):
    auth.login(writer)
    parts = {f"field{n}": "x" for n in range(60)}
    response = client.post("/uploads", data={**parts, "image": (io.BytesIO(png()), "a.png")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    response = client.post("/questions/ask", data={**parts, "title": "x"}, content_type="multipart/form-data")
    assert response.status_code == 413
    assert images_stored() == 0


def test_a_member_without_the_privilege_uploads_nothing(client, auth, make_user, tags):
    auth.login(make_user("newcomer", reputation=9))
    response = upload(client, png())
    assert response.status_code == 403 and "needs 10 reputation; you have 9" in \
        response.get_json()["error"]["message"]
    response = client.post("/questions/ask", content_type="multipart/form-data", data={
        "title": "The display shows E04 after descaling", "body": DETAILS, "tags": "aurora-one",
        "images": [(io.BytesIO(png()), "a.png")], "images_alt": "The display"})
    assert response.status_code == 403 and DETAILS in response.get_data(as_text=True)  # the text is kept
    assert images_stored() == 0


def test_only_the_brand_team_removes_an_image(client, auth, writer, make_user):
    auth.login(writer)
    image = upload(client, png()).get_json()
    question = post_with(client, image)
    sha = image["url"].rsplit("/", 1)[1].split(".")[0]
    auth.logout()
    for member in (make_user("veteran", reputation=5000), make_user("hugo", reputation=50)):
        auth.login(member)
        assert client.post(f"/posts/{question.id}/images/{sha}/remove").status_code == 403
        auth.logout()
    assert client.post(f"/posts/{question.id}/images/{sha}/remove").status_code == 302  # to the log-in
    assert client.get(image["url"]).status_code == 200
    assert db.session.scalar(select(Image.removed_at)) is None


def test_a_deleted_posts_images_are_not_found(client, auth, writer, make_user):
    auth.login(writer)
    on_question = upload(client, png()).get_json()
    question = post_with(client, on_question)
    auth.logout()
    helper = make_user("hugo", reputation=50)
    auth.login(helper)
    on_answer = upload(client, webp()).get_json()
    response = client.post(f"/questions/{question.id}/answers", data={
        "body": f"Clean the filter, as here:\n\n![The filter]({on_answer['url']})"})
    assert response.status_code == 302
    auth.logout()
    assert client.get(on_answer["url"]).status_code == 200
    moderator = make_user("marta", role="moderator")
    auth.login(moderator)
    assert client.post(f"/posts/{question.id}/delete").status_code == 302  # the answer's question
    auth.logout()
    for image in (on_question, on_answer):
        response = client.get(image["url"])
        assert response.status_code == 404 and response.mimetype != "image/jpeg"


def test_served_images_never_run_as_a_page(client, auth, writer):
    auth.login(writer)
    for data, name in ((jpeg_html_polyglot(), "page.html"), (png(), "x.svg"), (webp(), "x.htm")):
        url = upload(client, data, name).get_json()["url"]
        served = client.get(url)
        assert served.mimetype in ("image/jpeg", "image/png", "image/webp")
        assert served.headers["X-Content-Type-Options"] == "nosniff"
        csp = served.headers["Content-Security-Policy"]
        assert "sandbox" in csp and "default-src 'none'" in csp and "script-src" not in csp
        assert served.headers["Content-Disposition"] == f'inline; filename="{url.rsplit("/", 1)[1]}"'
        sha = url.rsplit("/", 1)[1].split(".")[0]
        for other in ("html", "svg", "jpg.html", "png" if not url.endswith(".png") else "jpg"):
            assert client.get(f"/uploads/{sha}.{other}").status_code == 404, other


@pytest.mark.parametrize("app_config", [{"UPLOADS_STORAGE": "database"}])
def test_the_database_backend_keeps_nothing_of_a_refused_upload(client, auth, writer, app_config):
    auth.login(writer)
    assert upload(client, png_header_only(50_000, 50_000)).status_code == 422
    assert upload(client, SVG, "x.png").status_code == 422
    assert db.session.scalar(select(func.count()).select_from(StoredFile)) == 0
    assert upload(client, png()).status_code == 201
    assert db.session.scalar(select(func.count()).select_from(StoredFile)) == 2  # 800 px wide, and the 400 px copy


@pytest.mark.parametrize("app_config", [{"WTF_CSRF_ENABLED": True}])
def test_uploads_and_take_downs_need_the_pages_token(app, client, writer, make_user, app_config):
    def log_in(name):
        token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").get_data(as_text=True))[1]
        assert client.post("/login", data={"login": name, "password": PASSWORD, "csrf_token": token}).status_code \
            == 302
        return re.search(r'name="csrf-token" content="([^"]+)"', client.get("/").get_data(as_text=True))[1]

    token = log_in(writer.username)
    assert upload(client, png()).status_code == 400  # no token
    image = client.post("/uploads", data={"image": (io.BytesIO(png()), "a.png")}, content_type="multipart/form-data",
                        headers={"Accept": "application/json", "X-CSRFToken": token}).get_json()
    response = client.post("/questions/ask", data={
        "title": "The display shows E04 after descaling", "tags": "aurora-one", "csrf_token": token,
        "body": f"{DETAILS}\n\n![A screen]({image['url']})"})
    assert response.status_code == 302, response.get_data(as_text=True)
    question = db.session.scalar(select(Question))
    client.post("/logout", data={"csrf_token": token})
    make_user("marta", role="moderator")
    token = log_in("marta")
    sha = image["url"].rsplit("/", 1)[1].split(".")[0]
    assert client.post(f"/posts/{question.id}/images/{sha}/remove", data={"reason": "x"}).status_code == 400
    assert db.session.scalar(select(Image.removed_at)) is None
    assert client.post(f"/posts/{question.id}/images/{sha}/remove",
                       data={"reason": "x", "csrf_token": token}).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Image.removed_at)) is not None
