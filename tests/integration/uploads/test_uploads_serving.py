"""Public image files are answered in front of the app (app/uploads/serving.py): no session, no hook, one read
that says a public post shows the file, on both storage backends; everything else under /uploads/ still reaches
the app's view, which decides as before."""

import io

import pytest
from flask import request

from app.extensions import db
from tests.pictures import png

DETAILS = "The display shows an error after descaling, see the photo below."
IMAGE_HEADERS = {"Content-Type": "image/png", "X-Content-Type-Options": "nosniff",
                 "Cache-Control": "public, max-age=31536000, immutable"}


@pytest.fixture(params=["filesystem", "database"])
def backend(request, app):
    app.config["UPLOADS_STORAGE"] = request.param
    return request.param


@pytest.fixture
def hooks(app):
    """The paths of the requests that reached the app's before-request functions."""
    seen = []
    app.before_request_funcs.setdefault(None, []).append(lambda: seen.append(request.path))
    return seen


@pytest.fixture
def writer(make_user, tags):
    return make_user("olivia", reputation=10)


def upload(client) -> str:
    response = client.post("/uploads", data={"image": (io.BytesIO(png()), "photo.png")},
                           content_type="multipart/form-data", headers={"Accept": "application/json"})
    assert response.status_code == 201, response.get_data(as_text=True)
    return response.get_json()["url"]


def ask_with(client, url: str) -> str:
    response = client.post("/questions/ask", data={"title": "The display shows E04 after descaling",
                                                   "body": f"{DETAILS}\n\n![The display]({url})", "tags": "aurora-one"})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def test_a_public_image_is_answered_before_the_app(app, client, auth, writer, backend, hooks):
    auth.login(writer)
    url = upload(client)
    fresh = client.get(url)  # no post shows it yet: the app's view, for its writer only
    assert fresh.status_code == 200 and fresh.headers["Cache-Control"] == "private, max-age=3600"
    assert hooks[-1] == url
    ask_with(client, url)
    db.session.commit()
    hooks.clear()
    visitor = app.test_client()
    served = visitor.get(url)
    assert served.status_code == 200 and hooks == [], hooks
    assert {name: served.headers[name] for name in IMAGE_HEADERS} == IMAGE_HEADERS
    assert served.headers["ETag"] == f'"{url[9:73]}"' and "sandbox" in served.headers["Content-Security-Policy"]
    assert "Set-Cookie" not in served.headers and "Vary" not in served.headers
    assert served.data == fresh.data and served.headers["Content-Length"] == str(len(served.data))
    again = visitor.get(url, headers={"If-None-Match": served.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    head = visitor.head(url)
    assert head.status_code == 200 and head.data == b"" and head.headers["Content-Length"] == str(len(served.data))
    assert hooks == []


def test_what_is_not_a_public_file_reaches_the_app(app, client, auth, writer, hooks):
    auth.login(writer)
    url = upload(client)
    ask_with(client, url)
    hooks.clear()
    visitor = app.test_client()
    for path in (url.replace(".png", ".jpg"), "/uploads/" + "0" * 64 + ".png", "/uploads/../etc/passwd",
                 url.upper()):
        assert visitor.get(path).status_code == 404, path
    assert len(hooks) == 4
    assert visitor.post(url).status_code in (404, 405)
