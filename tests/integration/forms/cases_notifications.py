"""Following, "still not solved", the inbox and the unsubscribe link, through the rendered forms."""

import re

from sqlalchemy import select

from app.extensions import db
from app.models import OutgoingMail
from tests.integration.forms.registry import case


def follow_button(page) -> str:
    forms = [form for endpoint in ("follow_question", "unfollow_question", "follow_tag", "unfollow_tag")
             for form in page.forms_for(f"notifications.{endpoint} POST")]
    assert len(forms) == 1, forms
    return forms[0].button().text


def unread_count(inbox) -> int:
    return int(re.match(r"(\d+) unread", inbox.texts(".lead")[0]).group(1))


@case("notifications.follow_question POST", "notifications.unfollow_question POST")
def follow_question(w, browser):
    member = browser("member")
    page = member.get(f"/questions/{w.question}")
    assert follow_button(page).startswith("Follow ")
    page = page.form("notifications.follow_question POST").submit()
    assert "You follow this question: new answers and comments will be in your notifications." in page.flashes
    assert follow_button(page).startswith("Following ")
    browser("helper").get(f"/questions/{w.question}").form("questions.answer POST") \
        .type("body", "Another idea: the flow meter may be blocked by scale.").submit()
    assert "The machine shows error E04 after descaling" in member.get("/notifications").text

    page = page.form("notifications.unfollow_question POST").submit()
    assert "You no longer follow this question." in page.flashes
    assert follow_button(page).startswith("Follow ")


@case("notifications.follow_tag POST", "notifications.unfollow_tag POST")
def follow_tag(w, browser):
    member = browser("member")
    page = member.get("/tags/descaling").form("notifications.follow_tag POST").submit()
    assert "You follow descaling: new questions about it will be in your notifications." in page.flashes
    assert follow_button(page).startswith("Following ")
    page = page.form("notifications.unfollow_tag POST").submit()
    assert "You no longer follow descaling." in page.flashes
    assert follow_button(page).startswith("Follow ")


@case("notifications.still_unsolved POST")
def still_unsolved(w, browser):
    owner = browser("owner")
    form = owner.get(f"/questions/{w.question}").form("notifications.still_unsolved POST")
    page = form.type("note", "The gasket is new and it still drips.").submit()
    assert "Thank you for telling us. The brand team will look at your question." in page.flashes, page.errors
    queue = browser("mod").get("/moderation?tab=unhappy")
    assert "Still not solved" in queue.text and "The machine shows error E04 after descaling" in queue.text


@case("notifications.mark_read POST", "notifications.mark_all_read POST")
def inbox(w, browser):
    owner = browser("owner")
    inbox_page = owner.get("/notifications?order=unread")
    unread = unread_count(inbox_page)
    first = inbox_page.forms_for("notifications.mark_read POST")[0]
    row = first.args["notification_id"]
    page = first.submit()
    assert page.url == "/notifications?order=unread"
    assert page.texts(f"#notification-{row} .urgency-pill") == ["Read"]
    assert unread_count(page) == unread - 1

    # "Open" is a plain link: it marks its entry read and leads to the post.
    row = page.forms_for("notifications.mark_read POST")[0].args["notification_id"]
    what = page.texts(f"#notification-{row} .queue-title")[0]
    opened = page.click("Open", within=f"#notification-{row}")
    assert opened.url.startswith("/questions/") and opened.texts("h1")[0] in what, (opened.url, what)
    page = owner.get("/notifications?order=unread")
    assert unread_count(page) == unread - 2
    assert page.texts(f"#notification-{row} .urgency-pill") == ["Read"]

    page = owner.get("/notifications").form("notifications.mark_all_read POST").submit()
    assert "All notifications are marked as read." in page.flashes
    assert unread_count(page) == 0 and "New" not in page.texts(".urgency-pill")


@case("notifications.unsubscribe_now POST")
def unsubscribe(w, browser):
    mail = db.session.scalars(select(OutgoingMail).where(OutgoingMail.to_address == "olivia@example.com",
                                                         OutgoingMail.kind == "notification.answer")).first()
    link = re.search(r"https?://\S+/unsubscribe/\S+", mail.text_body).group(0)
    page = browser("anon").get(link)  # from the e-mail, without logging in
    page = page.form("notifications.unsubscribe_now POST").submit()
    assert "you will no longer receive e-mails for" in page.text, page.text
    form = browser("owner").get("/settings/notifications").form("notifications.settings POST")
    assert form["answer"] == "off"
