"""Photos by e-mail: pictures attached to (or inline in) a received message become images of the post it makes,
through the web's upload path (re-encoded, metadata gone, limits, kinds, the image privilege); what is refused is
told in the reply, in the sender's language, and the post is made without it. A held message's photos are shown
only to moderators, attached when it is published and gone when it is rejected. Messages are real MIME built
with the standard library, received through the stdin command's operation."""

import io
import re

import pytest
from PIL import Image as Picture
from sqlalchemy import func, select

from app.extensions import db
from app.inbound import receiving
from app.models import Image, InboundMessage, PostImage, Question
from app.moderation import redaction
from tests.conftest import PASSWORD
from tests.integration import mail_world
from tests.integration.forms.browser import Browser
from tests.integration.mail_world import outbox, with_pictures
from tests.pictures import GPS_IFD, SVG, jpeg_html_polyglot, phone_jpeg, png

TEXT_EN = ("Every morning there is a puddle of water under my Aurora One, see the photos.\n"
           "The drip tray is empty. Where could the water come from?")
TEXT_IT = ("Ogni mattina c'è una pozza d'acqua sotto la mia Aurora One, guardate le foto.\n"
           "La vaschetta è vuota. Da dove può arrivare l'acqua?")


@pytest.fixture
def app_config():
    return dict(mail_world.CONFIG)


@pytest.fixture
def world(app, make_user, make_question, make_answer):
    world = mail_world.build(make_user, make_question, make_answer)
    world.olivia = make_user("olivia", email="olivia@example.com", reputation=50)  # may post images
    db.session.commit()
    return world


def deliver(raw: bytes) -> InboundMessage:
    received = receiving.deliver(raw)
    db.session.expire_all()
    return db.session.get(InboundMessage, received.id)


def images_in(body: str) -> list[tuple[str, str]]:
    return re.findall(r"!\[([^\]]*)\]\((/uploads/[0-9a-f]{64}\.(?:jpg|png|webp))\)", body)


def no_metadata(data: bytes) -> bool:
    picture = Picture.open(io.BytesIO(data))
    exif = picture.getexif()
    return GPS_IFD not in exif and not exif and "icc_profile" not in picture.info


def image_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Image))


JPEG = "image/jpeg"


def test_attached_and_inline_photos_are_posted_described_and_without_their_metadata(world, client):
    raw = with_pictures("olivia@example.com", "Water under my Aurora One every morning", TEXT_EN,
                  attachments=[("water-under_the tray.jpg", phone_jpeg(1600, 1200), JPEG)],
                  inline=[("image001.png", png(), "image/png")])
    received = deliver(raw)
    assert (received.status, received.reason) == ("posted", None), received.detail
    question = db.session.get(Question, received.post_id)
    shown = images_in(question.body_markdown)
    assert [alt for alt, _ in shown] == ["Photo 1 sent by e-mail", "Water under the tray"]  # in the message's order
    assert question.body_markdown.startswith("Every morning there is a puddle")
    assert db.session.scalar(select(func.count()).select_from(PostImage).where(PostImage.post_id == question.id)) == 2
    page = client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
    for alt, path in shown:
        assert f'alt="{alt}"' in page and path in page
        served = client.get(path)
        assert served.status_code == 200 and served.mimetype in ("image/jpeg", "image/png")
        assert no_metadata(served.data)  # the phone's GPS position is gone
    [acknowledgement] = outbox("olivia@example.com")
    assert "could not be added" not in acknowledgement.text_body


def test_refused_pictures_are_left_out_and_the_sender_told_why(world, client, app):
    app.config["UPLOADS_MAX_BYTES"] = 100 * 1024  # the phone photo is about 250 KB
    raw = with_pictures("olivia@example.com", "Water under my Aurora One every morning", TEXT_EN, attachments=[
        ("polyglot.jpg", jpeg_html_polyglot(), JPEG), ("drawing.svg", SVG, "image/svg+xml"),
        ("renamed.png", SVG, "image/png"), ("huge.jpg", phone_jpeg(), JPEG),
        ("manual.pdf", b"%PDF-1.4 a manual", "application/pdf")])
    received = deliver(raw)
    assert received.status == "posted", received.detail
    question = db.session.get(Question, received.post_id)
    [(alt, path)] = images_in(question.body_markdown)  # the polyglot, as a picture only
    served = client.get(path)
    assert served.mimetype == "image/jpeg" and b"<script" not in served.data and b"<html" not in served.data
    [acknowledgement] = outbox("olivia@example.com")
    body = acknowledgement.text_body
    assert "These pictures could not be added:" in body
    assert "- drawing.svg: Choose a photo or picture in JPEG, PNG, WebP, GIF or HEIC format." in body
    assert "- renamed.png: Choose a photo or picture in JPEG, PNG, WebP, GIF or HEIC format." in body
    assert re.search(r"- huge\.jpg: The picture is [\d.]+ MB; the largest accepted is 0\.1 MB\.", body), body
    assert "Only pictures can be posted by e-mail, so 1 attachment was left out: manual.pdf." in body
    assert "polyglot.jpg" not in body


def test_the_reasons_are_told_in_the_language_the_sender_wrote_in(world):
    raw = with_pictures("olivia@example.com", "Acqua sotto la mia Aurora One ogni mattina", TEXT_IT,
                  attachments=[("disegno.svg", SVG, "image/svg+xml")])
    received = deliver(raw)
    assert received.status == "posted", received.detail
    [acknowledgement] = outbox("olivia@example.com")
    assert "Questa immagine non è stata aggiunta:" in acknowledgement.text_body, acknowledgement.text_body
    assert "- disegno.svg: Scegli una foto" in acknowledgement.text_body


def test_a_member_without_the_image_privilege_posts_the_text_and_hears_why_not_the_photo(world):
    raw = with_pictures("grace@example.com", "Water under my Aurora One every morning", TEXT_EN,
                  attachments=[("puddle.jpg", phone_jpeg(800, 600), JPEG)])
    received = deliver(raw)
    assert received.status == "posted", received.detail
    question = db.session.get(Question, received.post_id)
    assert images_in(question.body_markdown) == [] and "puddle of water" in question.body_markdown
    assert image_count() == 0
    [acknowledgement] = outbox("grace@example.com")
    assert "- puddle.jpg: “Post images” needs 10 reputation; you have 1." in acknowledgement.text_body


def test_a_reply_that_becomes_a_comment_leaves_its_photo_out_and_says_so(world):
    raw = with_pictures("grace@example.com", "Re: your answer", "Thanks Hugo, it is the gasket, see the photo.",
                  attachments=[("gasket.jpg", phone_jpeg(800, 600), JPEG)], to=world.reply_to)
    received = deliver(raw)
    assert (received.status, received.purpose) == ("posted", "comment"), received.detail
    [confirmation] = outbox("grace@example.com")
    assert "- gasket.jpg: comments show no pictures." in confirmation.text_body
    assert image_count() == 0


def held_with_photos() -> InboundMessage:
    raw = with_pictures("alan@example.net", "Water under my Aurora One every morning", TEXT_EN, attachments=[
        ("IMG_2041.JPG", phone_jpeg(1600, 1200), JPEG), ("drawing.svg", SVG, "image/svg+xml")])
    held = deliver(raw)
    assert (held.status, held.reason) == ("held", "unknown_sender")
    return held


def moderator_on(app, held: InboundMessage):
    moderator = Browser(app, "mona")
    moderator.log_in("mona", PASSWORD)
    return moderator, moderator.get(f"/moderation/held/{held.id}")


def test_a_held_message_shows_its_photos_to_moderators_only_and_publishing_attaches_them(world, app):
    held = held_with_photos()
    assert image_count() == 0  # nothing is stored before a moderator publishes it
    [note] = outbox("alan@example.net")
    assert "- drawing.svg: Choose a photo or picture in JPEG" in note.text_body
    moderator, page = moderator_on(app, held)
    [source] = re.findall(r'<img src="(/moderation/held/\d+/pictures/1)" alt="Photo 1 sent by e-mail"', page.html)
    preview = moderator.client.get(source)
    assert preview.status_code == 200 and preview.mimetype == "image/jpeg" and no_metadata(preview.data)
    assert preview.headers["X-Content-Type-Options"] == "nosniff" and "private" in preview.headers["Cache-Control"]
    visitor, member = Browser(app), Browser(app, "hugo")
    member.log_in("hugo", PASSWORD)
    assert visitor.client.get(source).status_code in (302, 401, 403, 404)
    assert member.client.get(source).status_code in (403, 404)
    assert moderator.client.get(source.replace("/pictures/1", "/pictures/2")).status_code == 404

    published = page.form("inbound.approve POST").submit()
    assert published.flashes == ["Published, and the sender told."], published.errors
    db.session.expire_all()
    question = db.session.get(Question, db.session.get(InboundMessage, held.id).post_id)
    [(alt, path)] = images_in(question.body_markdown)
    assert alt == "Photo 1 sent by e-mail" and question.author.email == "alan@example.net"
    assert db.session.get(Image, db.session.scalar(select(PostImage.image_id))).uploaded_by_id == question.author_id
    served = visitor.client.get(path)
    assert served.status_code == 200 and "public" in served.headers["Cache-Control"] and no_metadata(served.data)
    assert moderator.client.get(source).status_code == 404  # no longer held: served as the post's image only


def test_a_rejected_held_message_leaves_no_photo_behind(world, app):
    held = held_with_photos()
    moderator, page = moderator_on(app, held)
    source = f"/moderation/held/{held.id}/pictures/1"
    assert moderator.client.get(source).status_code == 200
    rejected = page.form("inbound.reject POST").type("reason", "Please write on the site with a photo.").submit()
    assert rejected.flashes == ["Rejected, and the sender told why."], rejected.errors
    assert moderator.client.get(source).status_code == 404
    assert image_count() == 0


def test_pictures_past_the_daily_quota_are_left_out_and_the_sender_told_when_to_try_again(world, app):
    app.config.update(ABUSE_LIMITS_ENABLED=True, ABUSE_LIMITS={"images_per_day": [(1, 86400)],
                                                               "new_member_images_per_day": [(1, 86400)]})
    raw = with_pictures("olivia@example.com", "Water under my Aurora One every morning", TEXT_EN, attachments=[
        ("tray.jpg", phone_jpeg(800, 600), JPEG), ("gasket.png", png(), "image/png")])
    received = deliver(raw)
    assert received.status == "posted", received.detail
    question = db.session.get(Question, received.post_id)
    assert [alt for alt, _ in images_in(question.body_markdown)] == ["Tray"]
    [acknowledgement] = outbox("olivia@example.com")
    assert "- gasket.png: You have uploaded as many images as a day allows (1)." in acknowledgement.text_body


def test_redacting_the_post_removes_the_number_from_its_photo_and_the_held_copy_of_it(world, app):
    raw = with_pictures("alan@example.net", "Water under my Aurora One every morning", TEXT_EN,
                        attachments=[("call me on +39 333 123 4567.jpg", phone_jpeg(800, 600), JPEG)])
    held = deliver(raw)
    assert held.draft["pictures"][0]["description"] == "Call me on +39 333 123 4567"
    moderator, page = moderator_on(app, held)
    assert page.form("inbound.approve POST").submit().flashes == ["Published, and the sender told."]
    db.session.expire_all()
    message = db.session.get(InboundMessage, held.id)
    question = db.session.get(Question, message.post_id)
    redaction.redact_personal_data(world.moderator, question)
    db.session.commit()
    db.session.expire_all()
    message = db.session.get(InboundMessage, held.id)
    assert "123 4567" not in question.body_markdown and "pictures" not in message.draft
    assert "123 4567" not in message.raw_message.decode() and "](/uploads/" in question.body_markdown
