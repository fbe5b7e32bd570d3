"""A photo sent with a post through one app server is the same file through the other, and a change to the post
(the photo replaced, the post deleted) is served by the other at once: the files are kept in the database the
servers share (UPLOADS_STORAGE=database), and whether a public post shows one is read on every request."""

import re

from tests.cluster.browsing import Browser
from tests.cluster.test_across_servers import question_path, word
from tests.pictures import png, webp

IMAGE = re.compile(r'/uploads/[0-9a-f]{64}\.(?:jpg|png|webp)')


def shown_image(browser: Browser, server: int, path: str) -> str:
    """The address of the one photo the question's page shows (its smaller copies aside)."""
    page = browser.get(server, path)
    assert page.status_code == 200
    found = set(re.findall(r'<img[^>]* src="(/uploads/[^"]+)"', page.text))
    assert len(found) == 1, found
    return found.pop()


def test_a_photo_uploaded_through_one_server_is_served_by_the_other_and_its_changes_seen_at_once(moderator,
                                                                                                    visitor):
    # The brand team's administrator may post images from the start (members earn it with reputation).
    asked = moderator.submit(0, "/questions/ask", "title", {
        "title": f"Display {word()} shows E04 after descaling", "tags": "aurora-one", "language": "en",
        "body": "The display shows this after every descaling cycle.", "images_alt": "The error on the display"},
        files={"images": ("display.png", png(), "image/png")}, allow_redirects=False)
    assert asked.status_code == 302, asked.text[:2000]
    path = question_path(asked)
    first = shown_image(visitor, 1, path)
    assert IMAGE.fullmatch(first)

    through = [visitor.get(server, first) for server in (0, 1)]
    assert [r.status_code for r in through] == [200, 200]
    assert through[0].content == through[1].content and through[1].content.startswith(b"\x89PNG")
    assert through[0].headers["Content-Type"] == through[1].headers["Content-Type"] == "image/png"
    assert "public" in through[1].headers["Cache-Control"]

    question_id = re.search(r"/questions/(\d+)", path).group(1)
    edited = moderator.submit(0, f"/posts/{question_id}/edit", "body", {
        "body": "The display shows this after every descaling cycle (a clearer photo).",
        "images_alt": "The error on the display, closer"},
        files={"images": ("closer.webp", webp(), "image/webp")}, allow_redirects=False)
    assert edited.status_code == 302, edited.text[:2000]

    second = shown_image(visitor, 1, path)
    assert second != first
    replaced = visitor.get(1, second)
    assert replaced.status_code == 200 and replaced.content == visitor.get(0, second).content
    assert replaced.headers["Content-Type"].startswith("image/")
    # The first photo is shown by no post any more: no cache may keep it as a public file.
    old = visitor.get(1, first)
    assert old.status_code == 404 or "public" not in old.headers["Cache-Control"]

    deleted = moderator.submit(0, path, "csrf_token", action=f"/posts/{question_id}/delete", allow_redirects=False)
    assert deleted.status_code == 302, deleted.text[:2000]
    assert visitor.get(1, second).status_code == 404
