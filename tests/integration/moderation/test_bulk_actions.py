"""Bulk actions from the care queue: rows ticked on the rendered page, one confirmation page listing the threads
(nothing changed yet), then a summary of what was done and what was refused and why; each thread's action in the
audit log, as if its own button had been pressed."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from app import clock
from app.extensions import db
from app.models import Flag, ModerationAction, Question
from tests.integration.page_forms import form_with


@pytest.fixture
def queue_world(make_user, make_question, make_answer):
    make_user("marta", role="moderator")
    asker, flagger = make_user("olivia"), make_user("fede", reputation=500)
    first = make_question(asker, "The Aurora One shows error E04 after descaling")
    second = make_question(asker, "The grinder of the Macina Pro stops after a second")
    third = make_question(asker, "The steam wand hisses and gives no steam at all")
    third.locked_at = clock.now()  # still waiting in the queue, but locked since this morning
    answer = make_answer(make_user("troll"), second, body="Just read the manual, it is not that hard, honestly.")
    db.session.add(Flag(post_id=answer.id, user_id=flagger.id, reason="offensive", text="Rude", created_at=clock.now()))
    db.session.commit()
    return first, second, third, answer


def ticked(client, tab: str, action: str, post_ids: list[int]) -> str:
    """The queue's bulk form as rendered, with these rows ticked: the confirmation page's address."""
    page = client.get(f"/moderation?tab={tab}").get_data(as_text=True)
    soup = BeautifulSoup(page, "html.parser")
    boxes = {int(box["value"]) for box in soup.select("input.bulk-tick[form=bulk-form]")}
    assert set(post_ids) <= boxes, boxes
    options = [o["value"] for o in soup.select("#bulk-action option")]
    assert action in options, options
    form = soup.select_one("form#bulk-form")
    fields = [(i["name"], i.get("value", "")) for i in form.select("input[type=hidden]")]
    query = [*fields, ("action", action), *(("post", str(i)) for i in post_ids)]
    return form["action"] + "?" + "&".join(f"{k}={v}" for k, v in query)


def test_closing_several_waiting_questions_confirms_then_says_what_was_done_and_refused(client, auth, queue_world):
    first, second, third, _ = queue_world
    auth.login("marta")
    already = db.session.scalar(select(ModerationAction.id).order_by(ModerationAction.id.desc()).limit(1)) or 0
    confirm = client.get(ticked(client, "waiting", "lock", [first.id, third.id]))
    assert confirm.status_code == 200
    html = confirm.get_data(as_text=True)
    assert "Confirm: Lock" in html and first.title in html and third.title in html
    assert db.session.get(Question, first.id).locked_at is None  # nothing changed before the confirmation

    form = form_with(html, "/moderation/bulk")
    assert dict(parse_qsl(urlsplit(form.fields["next"]).query)) == {"tab": "waiting"}
    done = client.post("/moderation/bulk", data=MultiDict([(k, v) for k, v in form.fields.items() if k != "post"]
                                                          + [("post", str(first.id)), ("post", str(third.id))]))
    soup = BeautifulSoup(done.get_data(as_text=True), "html.parser")
    assert [li.get_text(" ", strip=True) for li in soup.select(".bulk-done li")] == [first.title]
    refused = [li.get_text(" ", strip=True) for li in soup.select(".bulk-refused li")]
    assert refused == [f"{third.title} : already locked"]
    assert soup.find("a", string="Back to the care queue")["href"] == "/moderation?tab=waiting"
    assert db.session.get(Question, first.id).locked_at is not None
    logged = db.session.execute(select(ModerationAction.action, ModerationAction.target_id)
                                .where(ModerationAction.id > already)).all()
    assert logged == [("lock", first.id)]


def test_flags_are_dismissed_and_off_topic_closes_each_thread_with_its_own_log_entry(client, auth, queue_world):
    first, second, third, answer = queue_world
    auth.login("marta")
    html = client.get(ticked(client, "flags", "dismiss-flags", [answer.id])).get_data(as_text=True)
    form = form_with(html, "/moderation/bulk")
    client.post("/moderation/bulk", data=form.fields)
    assert db.session.scalar(select(Flag.status)) == "dismissed"
    assert "No open flags." in client.get("/moderation?tab=flags").get_data(as_text=True)

    html = client.get(ticked(client, "waiting", "close-off-topic", [first.id, third.id])).get_data(as_text=True)
    data = [(k, v) for k, v in form_with(html, "/moderation/bulk").fields.items() if k != "post"]
    client.post("/moderation/bulk", data=MultiDict(data + [("post", str(first.id)), ("post", str(third.id))]))
    closed = db.session.scalars(select(Question.closed_reason).where(Question.id.in_([first.id, third.id]))).all()
    assert closed == ["off-topic", "off-topic"]
    closes = db.session.scalars(select(ModerationAction.target_id).where(ModerationAction.action == "close",
                                                                         ModerationAction.reason == "off-topic")).all()
    assert sorted(closes) == sorted([first.id, third.id])


def test_refusals_say_why_and_members_cannot_act(client, auth, queue_world, make_user):
    first, *_ = queue_world
    auth.login("marta")
    response = client.get("/moderation/bulk?action=delete-everything&post=1")
    assert response.status_code == 400
    assert "Choose what to do with the selected rows." in response.get_data(as_text=True)
    response = client.get("/moderation/bulk?action=lock")
    assert response.status_code == 400 and "Tick at least one row of the queue." in response.get_data(as_text=True)
    response = client.get("/moderation/bulk?action=lock&post=abc")
    assert response.status_code == 400
    auth.logout()
    make_user("marco")
    auth.login("marco")
    assert client.get(f"/moderation/bulk?action=lock&post={first.id}").status_code == 403
    assert client.post("/moderation/bulk", data={"action": "lock", "post": str(first.id)}).status_code == 403
    assert db.session.get(Question, first.id).locked_at is None


def test_claiming_several_says_which_a_colleague_already_has(client, auth, queue_world, make_user):
    first, _, third, _ = queue_world
    make_user("luca", role="moderator", display_name="Luca")
    auth.login("luca")
    client.post(f"/questions/{third.id}/claim")
    auth.logout()
    auth.login("marta")
    html = client.get(ticked(client, "waiting", "claim", [first.id, third.id])).get_data(as_text=True)
    assert "Confirm: I'm on it" in html
    form = form_with(html, "/moderation/bulk")
    data = [(k, v) for k, v in form.fields.items() if k != "post"]
    done = client.post("/moderation/bulk", data=MultiDict(data + [("post", str(first.id)), ("post", str(third.id))]))
    soup = BeautifulSoup(done.get_data(as_text=True), "html.parser")
    assert [li.get_text(" ", strip=True) for li in soup.select(".bulk-done li")] == [first.title]
    assert [li.get_text(" ", strip=True) for li in soup.select(".bulk-refused li")] == [
        f"{third.title} : Luca is already on this question."]
    mine = client.get("/moderation?tab=waiting&who=mine").get_data(as_text=True)
    assert first.title in mine and third.title not in mine
