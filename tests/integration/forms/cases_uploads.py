"""Photos sent with a post's form (the page without its script), and the brand team taking one down."""

import io

from PIL import Image as Picture

from tests.integration.forms.registry import case, refused
from tests.pictures import phone_jpeg

TITLE = "The steam wand drips for an hour after the machine is off"
BODY = "Water keeps dripping from the wand, see the photo."


@case("questions.remove_image POST")
def photo_posted_then_taken_down(w, browser):
    veteran = browser("veteran")
    form = veteran.get("/").click("Ask a question").form("questions.ask POST")
    photo = ("IMG_0042.JPG", phone_jpeg(1600, 1200))
    form.type("title", TITLE).type("body", BODY).type("tags", "aurora-one").attach("images", photo)
    page = form.submit()  # without a description
    form = refused(page, "questions.ask POST", title=TITLE, body=BODY, tags="aurora-one")
    assert "Describe what the photos show, for people who cannot see them." in page.errors
    page = form.type("images_alt", "Water under the steam wand").attach("images", photo).submit()
    assert "Your question is posted. You will find answers here." in page.flashes, page.errors
    shown = page.tree.css_first(".question .post-body img")
    assert shown.attributes["alt"] == "Water under the steam wand"
    assert (shown.attributes["width"], shown.attributes["height"]) == ("1200", "1600")  # upright, as the phone held
    assert shown.attributes["loading"] == "lazy" and "400w" in shown.attributes["srcset"]
    served = browser("anon").client.get(shown.attributes["src"])
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert not Picture.open(io.BytesIO(served.data)).getexif() and b"Via Roma" not in served.data
    question = page.url

    mod = browser("mod")
    form = mod.get(question).form("questions.remove_image POST")
    page = form.type("reason", "The photo shows a customer's address").submit()
    assert "The image is removed from the post." in page.flashes, page.errors
    assert not page.tree.css(".question .post-body img")
    assert browser("anon").client.get(shown.attributes["src"]).status_code == 404
    assert "The photo shows a customer's address" in mod.get("/moderation/log").text
