"""Photos in a post, in a real browser: on a phone a customer photographs the display (a file set on the picker),
describes it, previews and posts, and the page shows it without shifting; on a desktop a picture is dropped on the
text or pasted into it and lands where the cursor is."""

import base64
import io
import re

import pytest
from PIL import Image as Picture
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from app.extensions import db
from app.models import Question
from tests.pictures import phone_jpeg, png

pytestmark = pytest.mark.e2e
PASSWORD = "correct horse battery"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
MARKDOWN_IMAGE = r"!\[{alt}\]\(/uploads/[0-9a-f]{{64}}\.(jpg|png)\)"
# Every layout shift of the page, from its first paint (buffered), as Lighthouse sums them.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const shift of list.getEntries()) { total += shift.value; } })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


def log_in(page: Page, live_server: str, username: str) -> None:
    page.goto(f"{live_server}/login")
    page.get_by_label("Username or e-mail").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Ask a question").first).to_be_visible()


def test_a_photo_from_a_phone_is_described_previewed_and_posted(browser: Browser, live_server, make_user):
    make_user("olivia", reputation=10)
    page = browser.new_context(**PHONE).new_page()
    log_in(page, live_server, "olivia")
    page.goto(f"{live_server}/questions/ask")
    page.get_by_label("Title").fill("The display shows E04 after descaling")
    details = page.get_by_label("Details")
    details.fill("After descaling the display shows this:")
    picker = page.get_by_label("Photos", exact=True)
    assert picker.get_attribute("accept") == "image/*"
    expect(page.get_by_label("What the photos show")).to_be_hidden()  # one description per photo instead
    picker.set_input_files(files=[{"name": "IMG_0042.JPG", "mimeType": "image/jpeg",
                                   "buffer": phone_jpeg(4000, 3000, orientation=6)}])
    expect(page.locator("[data-photo-status]")).to_have_text("Photo added. Describe what it shows below.")
    description = page.get_by_label("What this photo shows")
    expect(description).to_be_focused()
    description.fill("The display shows E04 in red")
    expect(details).to_have_value(
        re.compile(r"After descaling the display shows this:\n\n" + MARKDOWN_IMAGE.format(
            alt="The display shows E04 in red")))

    page.get_by_role("button", name="Preview").click()
    preview = page.locator("[data-preview-panel]")
    expect(preview).to_be_visible()
    expect(preview.get_by_role("img", name="The display shows E04 in red")).to_be_visible()
    assert page.url.endswith("/questions/ask"), "the preview leaves the page as it is"
    assert db.session.scalar(select(Question.id)) is None

    page.get_by_label("Products and topics").fill("aurora-one")
    page.get_by_role("button", name="Post your question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("The display shows E04 after descaling")
    question_url = page.url

    # A fresh visit, as a reader on a phone: the photo is sized before it loads and nothing moves.
    reader = browser.new_context(**PHONE).new_page()
    reader.goto(question_url)
    photo = reader.locator(".question .post-body img")
    expect(photo).to_have_attribute("alt", "The display shows E04 in red")
    assert (photo.get_attribute("width"), photo.get_attribute("height")) == ("1200", "1600")  # upright
    assert photo.get_attribute("loading") == "lazy" and "400w" in photo.get_attribute("srcset")
    photo.scroll_into_view_if_needed()
    reader.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    assert reader.evaluate(LAYOUT_SHIFT) < 0.01
    box = photo.bounding_box()
    assert box["width"] <= 390 and abs(box["height"] / box["width"] - 1600 / 1200) < 0.02  # fits the phone
    # 390 CSS pixels at 2 device pixels each: the 800 px copy, not the 1200 px display file.
    copies = dict(reversed(entry.split()) for entry in photo.get_attribute("srcset").split(", "))
    assert reader.evaluate("img => img.currentSrc", photo.element_handle()).endswith(copies["800w"])

    served = reader.request.get(live_server + photo.get_attribute("src"))
    assert served.ok and served.headers["content-type"] == "image/jpeg"
    stored = served.body()
    assert not Picture.open(io.BytesIO(stored)).getexif()
    assert b"Exif" not in stored and b"Via Roma" not in stored and b"Phonemaker" not in stored


# A picture put in a DataTransfer by the page, as the operating system hands a dropped or pasted file.
DATA_TRANSFER = """([name, type, encoded]) => {
  const bytes = Uint8Array.from(atob(encoded), c => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, {type}));
  return transfer;
}"""


def test_a_dropped_and_a_pasted_picture_land_at_the_cursor(page: Page, live_server, make_user, make_question):
    question = make_question(make_user("giulia"))
    make_user("hugo", reputation=10)
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "hugo")
    page.goto(f"{live_server}/questions/{question.id}/{question.slug}")
    answer = page.get_by_role("textbox", name="Your answer")
    answer.fill("First clean the filter.\n\nThen run the descaling programme.")
    answer.evaluate("area => area.setSelectionRange(23, 23)")  # after the first paragraph

    encoded = base64.b64encode(png(900, 600)).decode()
    dropped = page.evaluate_handle(DATA_TRANSFER, ["filter.png", "image/png", encoded])
    answer.dispatch_event("dragover", {"dataTransfer": dropped})
    answer.dispatch_event("drop", {"dataTransfer": dropped})
    description = page.get_by_label("What this photo shows")
    expect(description).to_be_focused()
    description.fill("The filter, [clean] side up")
    text = answer.input_value()
    first, rest = text.split("\n\n", 1)
    assert first == "First clean the filter."
    assert re.match(MARKDOWN_IMAGE.format(alt=r"The filter, \\\[clean\\\] side up"), rest), rest
    assert rest.endswith("\n\nThen run the descaling programme.")

    answer.evaluate("area => area.setSelectionRange(area.value.length, area.value.length)")
    pasted = page.evaluate_handle(DATA_TRANSFER, ["image.png", "image/png", base64.b64encode(png(640, 480,
                                                                                                  alpha=True)).decode()])
    answer.evaluate("(area, transfer) => area.dispatchEvent(new ClipboardEvent('paste', "
                    "{clipboardData: transfer, bubbles: true, cancelable: true}))", pasted)
    expect(page.get_by_label("What this photo shows")).to_have_count(2)
    page.get_by_label("What this photo shows").nth(1).fill("The descaling light")
    assert answer.input_value().split("\n\n")[-1].startswith("![The descaling light](/uploads/")

    # A photo taken out again leaves the text as it was around it.
    page.get_by_role("button", name="Remove from the text").first.click()
    assert "filter" not in answer.input_value().split("\n\n")[1]

    page.get_by_role("button", name="Preview").click()
    expect(page.locator("[data-preview-panel]").get_by_role("img", name="The descaling light")).to_be_visible()
    page.get_by_role("button", name="Post your answer").click()
    expect(page.locator(".answer .post-body img")).to_have_attribute("alt", "The descaling light")
    posted = page.locator(".answer .post-body img")
    assert posted.get_attribute("width") == "640" and posted.get_attribute("height") == "480"
