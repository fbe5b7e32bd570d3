"""A moderator's working hour in one browser session: she claims the oldest waiting question, answers it with a
saved reply she edits and marks official, closes another question as a duplicate by pasting the original's address,
deletes a flagged answer as spam and undoes it (the author's reputation on their profile as before), then reads
each of those actions in the moderation log as a sentence."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from app import clock
from app.extensions import db
from app.moderation import operations as moderation
from app.questions import operations as posts
from app.replies import operations as replies
from app.reputation import privileges
from app.votes import operations as votes
from tests.e2e.test_brand_team_tools import log_in

pytestmark = pytest.mark.e2e
OLDEST = "The steam wand of my Lattea hisses but gives no steam"
ORIGINAL = "How do I descale the Aurora One properly?"
DUPLICATE = "Descaling the Aurora One: which programme do I use?"
FLAGGED_ON = "La Duo perde acqua dalla lancia vapore"
SPAM = "The Aurora One descales well with vinegar. Cheap descaler for every machine at my shop, link in my profile."


@pytest.fixture
def hour(make_user, make_question, make_answer):
    """The queue as the hour starts: the oldest question waiting for three hours, a solved original and its
    duplicate, a spam answer flagged by a member, and the team's saved reply written through the replies page's
    own operation."""
    marta = make_user("marta", role="moderator", display_name="Marta")
    with clock.frozen(clock.now() - timedelta(hours=3)):
        oldest = make_question(make_user("luca", display_name="Luca"), title=OLDEST,
                               body="It worked yesterday; today it only hisses. Is there something I can clean?")
    asker = make_user("giulia", display_name="Giulia Rinaldi")
    original = make_question(asker, title=ORIGINAL, body="The manual is unclear about the descaler and the water.")
    posts.accept_answer(asker, make_answer(make_user("paolo"), original,
                                           body="Use the descaling programme with the brand descaler."))
    duplicate = make_question(asker, title=DUPLICATE,
                              body="I cannot find the descaling programme in the menu of my machine.")
    spam = make_answer(make_user("marco", display_name="Marco"), make_question(make_user("sara"), title=FLAGGED_ON),
                       body=SPAM)
    with privileges.replaying_history():
        votes.cast_vote(make_user("voter"), spam, 1)  # reputation above the floor, so the spam penalty shows
        moderation.flag_post(make_user("carla"), spam, "spam", "A link to a shop at the end.")
    replies.create_reply(marta, "Steam wand, blocked tip",
                         "Hello {asker}, the tip of the {product} steam wand is often blocked by dried milk: "
                         "unscrew it and soak it in warm water.", "en")
    db.session.commit()
    return oldest, original, duplicate, spam


def reputation_on_profile(page: Page, profile: str) -> str:
    page.goto(profile)
    return page.locator(".profile-stats div", has_text="Reputation").locator("dd").inner_text()


def test_a_moderators_working_hour(page: Page, live_server, hour):
    oldest, original, duplicate, spam = hour
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server)

    # 1. The Waiting tab, oldest first: she takes it, the row says so, and "Mine" lists it alone.
    page.get_by_role("link", name="Care queue").first.click()
    page.get_by_role("navigation", name="Queue").get_by_role("link", name=re.compile("^Waiting")).click()
    first = page.locator(".queue-row").first
    expect(first).to_contain_text(OLDEST)
    first.get_by_role("button", name="I'm on it").click()
    expect(page.locator(".queue-row").first.locator(".claim-mark")).to_have_text("You are on it")
    page.get_by_role("navigation", name="Whose questions").get_by_role("link", name="Mine").click()
    expect(page.locator(".queue-row")).to_have_count(1)
    expect(page.locator(".queue-row")).to_contain_text(OLDEST)

    # 2. The saved reply, edited before posting, then marked official.
    page.locator(".queue-row").get_by_role("link", name=OLDEST).click()
    page.get_by_label("Saved reply").select_option(label="Steam wand, blocked tip (English)")
    page.get_by_role("button", name="Insert").click()
    body = page.locator("#answer-body")
    expect(body).to_have_value(re.compile(r"^Hello Luca, the tip of the aurora-one steam wand .* in warm water\.$"))
    body.fill(body.input_value().replace("warm water", "hot water"))
    page.get_by_role("button", name="Post your answer").click()
    answer = page.locator(".answer", has_text="soak it in hot water")
    expect(answer).to_have_count(1)
    answer.locator("summary", has_text="Mark official").click()
    answer.get_by_role("button", name="Mark official").click()
    official = page.locator(".solution-entry.official")
    expect(official).to_contain_text("Official answer")
    expect(official).to_contain_text("soak it in hot water")
    expect(page.locator("body")).not_to_contain_text("in warm water")

    # 3. The original's address as the browser shows it, pasted into the close dialog of its duplicate.
    page.goto(f"{live_server}/questions/{original.id}")
    copied = page.url
    assert re.fullmatch(rf"{live_server}/questions/{original.id}/[a-z0-9-]+", copied)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page.evaluate("address => navigator.clipboard.writeText(address)", copied)
    page.goto(f"{live_server}/questions/{duplicate.id}/{duplicate.slug}")
    page.locator("summary", has_text="Close").first.click()
    page.locator("#close-reason").select_option("duplicate")
    field = page.locator("#duplicate-of")
    field.focus()
    page.keyboard.press("Control+V")
    expect(field).to_have_value(copied)
    expect(page.get_by_role("listbox")).to_be_hidden()  # an address is sent as it is, not searched
    page.get_by_role("button", name="Close question").click()
    expect(page.locator(".notice-duplicate")).to_have_text(f"This question already has an answer here: {ORIGINAL}")

    # 4. The flagged text read in the Flags tab, deleted as spam through the dialog, then undone.
    profile = f"{live_server}/users/{spam.author_id}/marco"
    before = reputation_on_profile(page, profile)
    page.goto(f"{live_server}/moderation")
    page.get_by_role("navigation", name="Queue").get_by_role("link", name=re.compile("^Flags")).click()
    row = page.locator(f"#flagged-{spam.id}")
    expect(row.locator(".flagged-text")).to_contain_text("Cheap descaler for every machine at my shop")
    row.get_by_role("link", name="Delete as spam").click()
    dialog = page.get_by_role("dialog", name="Delete this post as spam?")
    expect(dialog).to_contain_text("loses 100 reputation")
    dialog.get_by_role("button", name="Delete as spam").click()
    expect(page.get_by_role("heading", name="Deleted as spam")).to_be_visible()
    result = page.url
    assert reputation_on_profile(page, profile) == "1"
    page.goto(result)
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_text("Undone: the post is back as it was.")).to_be_visible()
    assert reputation_on_profile(page, profile) == before
    page.goto(f"{live_server}/questions/{spam.parent_id}")
    expect(page.locator(f"#answer-{spam.id}")).to_contain_text("Cheap descaler for every machine")

    # 5. The log, newest first, in words.
    page.goto(f"{live_server}/moderation")
    page.get_by_role("link", name="Moderation log").first.click()
    log = page.locator(".log-table")
    expect(log.locator(".log-sentence")).to_have_text([
        f"Marta undid “Deleted as spam” on the answer to “{FLAGGED_ON}”",
        f"Marta deleted the answer to “{FLAGGED_ON}” as spam",
        f"Marta closed “{DUPLICATE}” as a duplicate of “{ORIGINAL}”",
        f"Marta marked the answer to “{OLDEST}” as official",
        f"Marta took on “{OLDEST}”",
        "Marta added the saved reply “Steam wand, blocked tip”"])
    expect(log.locator("tbody tr").nth(3)).to_contain_text("Review due: — → ")
    expect(log.locator("tbody tr").nth(5)).to_contain_text("Language: — → English")
    text = log.inner_text()  # no identifiers, no JSON, no machine timestamps
    assert not re.search(r'#\d|post \d|\w_\w|\{"|\d{4}-\d\d-\d\dT', text), text
