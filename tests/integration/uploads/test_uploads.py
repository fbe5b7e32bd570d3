"""Images in posts: uploaded from the editor or sent with the form, re-encoded, shown with their size and smaller
copies, served while a public post shows them, previewed, taken down by a moderator, and what the privileges and
quotas allow."""

import io
import re
from datetime import timedelta

import pytest
from PIL import Image as Picture
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import Image, ModerationAction, PostImage, Question, Revision
from tests.pictures import animated_gif, heic, phone_jpeg, png, webp

DETAILS = "The display shows an error after descaling, see the photo below."


@pytest.fixture
def writer(make_user, tags):
    return make_user("olivia", reputation=10)


def upload(client, data: bytes, name: str = "photo.jpg"):
    return client.post("/uploads", data={"image": (io.BytesIO(data), name)}, content_type="multipart/form-data",
                       headers={"Accept": "application/json"})


def ask(client, body: str, title: str = "The display shows E04 after descaling", **extra):
    return client.post("/questions/ask", data={"title": title, "body": body, "tags": "aurora-one", **extra},
                       content_type="multipart/form-data")


def stored_picture(client, url: str) -> Picture.Image:
    response = client.get(url)
    assert response.status_code == 200, url
    return Picture.open(io.BytesIO(response.data))


def test_a_phone_photo_is_stored_upright_small_and_without_its_metadata(client, auth, writer):
    auth.login(writer)
    response = upload(client, phone_jpeg(4000, 3000, orientation=6))
    assert response.status_code == 201, response.get_data(as_text=True)
    image = response.get_json()
    assert (image["width"], image["height"]) == (1200, 1600)  # turned upright, longest side 1600
    assert re.fullmatch(r"/uploads/[0-9a-f]{64}\.jpg", image["url"])
    assert image["markdown"] == f"![]({image['url']})"
    picture = stored_picture(client, image["url"])
    assert picture.size == (1200, 1600) and picture.format == "JPEG"
    assert not picture.getexif() and "exif" not in picture.info and "icc_profile" not in picture.info
    assert "comment" not in picture.info and b"Via Roma" not in client.get(image["url"]).data
    red = picture.convert("RGB").getpixel((picture.width - 5, 5))  # the photo's top-left corner, turned right
    assert red[0] > 200 and red[1] < 80, red
    thumbnail = stored_picture(client, image["thumbnail_url"])
    assert thumbnail.size == (400, 533)


def test_each_accepted_kind_is_re_encoded(client, auth, writer):
    auth.login(writer)
    kinds = {"png": (png(), "PNG"), "alpha.png": (png(alpha=True), "PNG"), "webp": (webp(), "WEBP"),
             "gif": (animated_gif(), "PNG"), "heic": (heic(), "JPEG")}
    for name, (data, stored_format) in kinds.items():
        response = upload(client, data, f"picture.{name}")
        assert response.status_code == 201, (name, response.get_data(as_text=True))
        picture = stored_picture(client, response.get_json()["url"])
        assert picture.format == stored_format, name
        assert getattr(picture, "n_frames", 1) == 1, f"{name}: only the first frame is kept"
        assert not picture.getexif(), name
    # An opaque PNG keeps its pixels as PNG; the transparent one keeps its transparency.
    assert stored_picture(client, upload(client, png(alpha=True)).get_json()["url"]).mode == "RGBA"


def test_the_same_picture_twice_is_one_image(client, auth, writer):
    auth.login(writer)
    first, second = (upload(client, png()).get_json() for _ in range(2))
    assert first["url"] == second["url"]
    assert db.session.scalar(select(func.count()).select_from(Image)) == 1


def test_a_post_shows_its_images_with_size_smaller_copies_and_lazy_loading(client, auth, writer):
    auth.login(writer)
    image = upload(client, phone_jpeg(4000, 3000, orientation=1)).get_json()
    assert client.get(image["url"]).headers["Cache-Control"] == "private, max-age=3600"  # the writer's editor
    response = ask(client, f"{DETAILS}\n\n![The display shows E04]({image['url']})")
    assert response.status_code == 302, response.get_data(as_text=True)
    auth.logout()
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    tag = re.search(r'<img [^>]*src="' + re.escape(image["url"]) + '"[^>]*>', html).group(0)
    assert 'width="1600" height="1200"' in tag and 'loading="lazy"' in tag and 'alt="The display shows E04"' in tag
    sources = re.search(r'srcset="([^"]*)"', tag).group(1)
    assert [s.split()[1] for s in sources.split(", ")] == ["400w", "800w", "1600w"]
    for address in (s.split()[0] for s in sources.split(", ")):
        served = client.get(address)
        assert served.status_code == 200 and served.headers["Cache-Control"] == \
            "public, max-age=31536000, immutable", address


def test_an_image_without_a_description_is_refused_and_the_text_kept(client, auth, writer):
    auth.login(writer)
    image = upload(client, png()).get_json()
    body = f"{DETAILS}\n\n{image['markdown']}"
    response = ask(client, body)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Describe each image for people who cannot see it" in html and image["url"] in html
    assert db.session.scalar(select(func.count()).select_from(Question)) == 0


def test_an_image_not_here_is_refused(client, auth, writer):
    auth.login(writer)
    response = ask(client, f"{DETAILS}\n\n![A photo](/uploads/{'ab' * 32}.jpg)")
    assert response.status_code == 400 and "no longer here" in response.get_data(as_text=True)


def test_photos_sent_with_the_form_without_the_script(client, auth, writer):
    auth.login(writer)
    photos = [(io.BytesIO(phone_jpeg(2000, 1500)), "IMG_0001.jpg"), (io.BytesIO(png()), "screen.png")]
    response = ask(client, DETAILS, images=photos, images_alt="The error on the display")
    assert response.status_code == 302, response.get_data(as_text=True)
    question = db.session.scalar(select(Question))
    assert question.body_markdown.startswith(DETAILS)
    assert question.body_markdown.count("![The error on the display](/uploads/") == 2
    assert db.session.scalar(select(func.count()).select_from(PostImage)) == 2


def test_a_refused_post_comes_back_with_its_photos_in_the_text(client, auth, writer):
    auth.login(writer)
    response = ask(client, DETAILS, title="Too short", images=[(io.BytesIO(png()), "screen.png")],
                   images_alt="The error [E04]")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert DETAILS in html and "![The error \\[E04\\]](/uploads/" in html  # the photo needs no second choosing
    body = re.search(r'<textarea[^>]*name="body"[^>]*>\s*(.*?)</textarea>', html, re.S).group(1)
    response = ask(client, body.replace("&#34;", '"').replace("&lt;", "<").replace("&gt;", ">"))
    assert response.status_code == 302


def test_photos_without_a_description_are_refused_before_anything_is_stored(client, auth, writer):
    auth.login(writer)
    response = ask(client, DETAILS, images=[(io.BytesIO(png()), "screen.png")])
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Describe what the photos show" in html and DETAILS in html
    assert db.session.scalar(select(func.count()).select_from(Image)) == 0


def test_a_refused_photo_is_named_at_the_photo_field_and_the_text_kept(client, auth, writer):
    auth.login(writer)
    truncated = phone_jpeg(800, 600)[:6000]
    response = ask(client, DETAILS, images=[(io.BytesIO(truncated), "broken.jpg")], images_alt="x y")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "broken.jpg: The picture could not be read" in html and DETAILS in html
    assert 'id="images-error"' in html


def test_preview_without_the_script_shows_the_post_above_the_form(client, auth, writer):
    auth.login(writer)
    response = ask(client, "A **bold** step\n\n<script>alert(1)</script>", preview="1")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    panel = html[html.index("data-preview-panel"):html.index("<form", html.index("data-preview-panel"))]
    assert "<strong>bold</strong>" in panel and "<script>alert" not in panel
    assert "A **bold** step" in html  # the text stays in the form
    assert db.session.scalar(select(func.count()).select_from(Question)) == 0


def test_preview_for_the_script_renders_as_saving_does(client, auth, writer):
    auth.login(writer)
    image = upload(client, png()).get_json()
    response = client.post("/posts/preview", data={"body": f"Hi *there*\n\n![A screen]({image['url']})"},
                           headers={"Accept": "application/json"})
    html = response.get_json()["html"]
    assert "<em>there</em>" in html and 'width="800" height="600"' in html and 'loading="lazy"' in html


def test_images_need_the_privilege(client, auth, make_user, tags):
    auth.login(make_user("newcomer"))
    response = upload(client, png())
    assert response.status_code == 403
    assert "“Post images” needs 10 reputation; you have 1" in response.get_json()["error"]["message"]
    page = client.get("/questions/ask").get_data(as_text=True)
    assert 'type="file"' not in page and "You can add photos from 10 reputation" in page


def test_the_daily_quota_counts_uploads(client, auth, writer, app):
    app.config["ABUSE_LIMITS_ENABLED"] = True
    app.config["ABUSE_LIMITS"] = {"new_member_images_per_day": [(2, 86400)]}
    auth.login(writer)  # 10 reputation: still new, so the new members' quota
    assert upload(client, png(100, 100)).status_code == 201
    assert upload(client, png(101, 100)).status_code == 201
    response = upload(client, png(102, 100))
    assert response.status_code == 429 and "as many images as a day allows (2)" in \
        response.get_json()["error"]["message"]


def test_a_deleted_post_hides_its_images_at_once(client, auth, writer, make_user):
    auth.login(writer)
    image = upload(client, png()).get_json()
    question_url = ask(client, f"{DETAILS}\n\n![A screen]({image['url']})").headers["Location"]
    question = db.session.scalar(select(Question))
    assert client.get(image["url"]).status_code == 200
    assert client.post(f"/posts/{question.id}/delete").status_code == 302
    auth.logout()
    assert client.get(image["url"]).status_code == 404
    assert client.get(question_url).status_code == 410
    auth.login(make_user("marta", role="moderator"))
    response = client.get(image["url"])  # the brand team still sees what it may restore
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"


def test_a_moderator_removes_one_image_and_the_post_stays(client, auth, writer, make_user):
    auth.login(writer)
    kept, removed = upload(client, png()).get_json(), upload(client, webp()).get_json()
    url = ask(client, f"{DETAILS}\n\n![Kept]({kept['url']})\n\n![Removed]({removed['url']})").headers["Location"]
    question = db.session.scalar(select(Question))
    sha = removed["url"].split("/")[-1].split(".")[0]
    assert client.post(f"/posts/{question.id}/images/{sha}/remove").status_code == 403  # the author is no moderator
    auth.logout()
    moderator = make_user("marta", role="moderator")
    auth.login(moderator)
    page = client.get(url).get_data(as_text=True)
    assert f"/posts/{question.id}/images/{sha}/remove" in page
    response = client.post(f"/posts/{question.id}/images/{sha}/remove", data={"reason": "Shows a customer's face"})
    assert response.status_code == 302
    auth.logout()
    assert client.get(removed["url"]).status_code == 404
    assert client.get(kept["url"]).status_code == 200
    html = client.get(url).get_data(as_text=True)
    assert kept["url"] in html and removed["url"] not in html and DETAILS in html
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "remove_image"))
    assert entry.target_id == question.id and entry.reason == "Shows a customer's face"
    assert db.session.scalar(select(func.max(Revision.number)).where(Revision.post_id == question.id)) == 2
    # The same picture cannot come back.
    auth.login(writer)
    response = upload(client, webp())
    assert response.status_code == 422 and "removed by the moderators" in response.get_json()["error"]["message"]


def test_an_edit_and_an_answer_show_images_too(client, auth, writer, make_user, make_question):
    question = make_question(writer)
    auth.login(writer)
    image = upload(client, png()).get_json()
    response = client.post(f"/posts/{question.id}/edit", data={
        "title": question.title, "body": f"{question.body_markdown}\n\n![The pump]({image['url']})",
        "tags": "aurora-one"}, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)
    assert db.session.scalar(select(PostImage.post_id)) == question.id
    helper = make_user("hugo", reputation=50)
    auth.logout()
    auth.login(helper)
    response = client.post(f"/questions/{question.id}/answers", content_type="multipart/form-data", data={
        "body": "Clean the filter under the tank, as on this photo.", "images_alt": "The filter under the tank",
        "images": [(io.BytesIO(webp(640, 480)), "filter.webp")]})
    assert response.status_code == 302, response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(PostImage)) == 2


def test_the_personal_data_warning_reads_image_descriptions(client, auth, writer):
    auth.login(writer)
    image = upload(client, png()).get_json()
    response = ask(client, f"{DETAILS}\n\n![My receipt, call me on +39 333 123 4567]({image['url']})")
    assert response.status_code == 400 and 'name="allow_personal_data"' in response.get_data(as_text=True)


def test_an_image_no_post_shows_is_served_only_within_the_grace_period(client, auth, writer):
    auth.login(writer)
    image = upload(client, png()).get_json()
    db.session.execute(Image.__table__.update().values(created_at=clock.now() - timedelta(hours=49)))
    db.session.commit()
    assert client.get(image["url"]).status_code == 404
