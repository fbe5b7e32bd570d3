"""The Flags tab acts on what it shows: each row carries the post's text, author, flags and flag history; deleting
asks first; a hiding or a deletion can be undone for ten minutes, reputation included, through the ledger."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import Answer, Flag, ModerationAction, User
from app.moderation import operations as moderation
from app.questions import operations as posts
from app.reputation import ledger, privileges
from app.votes import operations as votes

LONG_TEXT = "Use the descaling programme with the brand's own descaler. " * 12


@pytest.fixture
def flagged(make_user, make_question, make_answer):
    """An accepted, upvoted answer two members flagged as spam (one flag handled before): its author has earned
    reputation the deletion takes back."""
    asker, helper = make_user("asker"), make_user("helper", display_name="Hugo")
    voter, first, second = make_user("voter"), make_user("first"), make_user("second")
    marta = make_user("marta", role="moderator")
    question = make_question(asker, title="How do I descale the Aurora One properly?")
    answer = make_answer(helper, question, body=LONG_TEXT)
    with privileges.replaying_history():  # the members' privileges are not what is tested here
        votes.cast_vote(voter, answer, 1)
        posts.accept_answer(asker, answer)
        moderation.flag_post(first, answer, "off-topic", "")
        moderation.resolve_flags(marta, answer, "dismiss")
        moderation.flag_post(second, answer, "spam", "A link to a shop at the end")
        moderation.flag_post(voter, answer, "offensive", "")
    db.session.commit()
    assert ledger.recompute(check=True) == []
    return answer


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def _reputation(user_id):
    db.session.expire_all()
    return db.session.get(User, user_id).reputation


def test_a_flag_row_shows_the_text_author_flags_and_history(client, auth, flagged):
    auth.login("marta")
    row = _page(client, "/moderation?tab=flags").select_one(f"#flagged-{flagged.id}")
    text = " ".join(row.get_text().split())
    assert "Written by Hugo" in text
    folded = row.select_one("details.flagged-text")  # long: folded, its start in the summary
    assert folded.summary.get_text().startswith("Use the descaling programme") and "…" in folded.summary.get_text()
    assert folded.select_one(".post-body").get_text().count("descaler") == 12
    assert [" ".join(li.get_text().split()).split(" – ")[0] for li in row.select(".flag-reasons li")] == \
        ["Spam: “A link to a shop at the end”", "Offensive or abusive"]
    history = " ".join(row.select_one(".flag-history").get_text().split())
    assert history.startswith("1 earlier flag") and "Off-topic" in history and "dismissed by marta" in history
    links = {a.get_text(strip=True): a["href"] for a in row.select(".queue-actions a")}
    assert links["Edit"] == f"/posts/{flagged.id}/edit"
    assert links["Delete as spam"].startswith(f"/posts/{flagged.id}/flags/resolve?outcome=delete-spam")


def test_deleting_asks_first_and_nothing_happens_until_confirmed(client, auth, flagged):
    auth.login("marta")
    page = _page(client, f"/posts/{flagged.id}/flags/resolve?outcome=delete-spam&next=/moderation?tab%3Dflags")
    assert page.h1.get_text() == "Delete this post as spam?"
    assert "loses 100 reputation" in page.get_text() and "descaling programme" in page.get_text()
    form = page.select_one("[data-confirm-box] form")
    assert form["method"] == "post" and form.select_one("[name=outcome]")["value"] == "delete-spam"
    assert page.select_one("[data-cancel]")["href"] == "/moderation?tab=flags"
    assert db.session.get(Answer, flagged.id).deleted_at is None
    assert client.get(f"/posts/{flagged.id}/flags/resolve?outcome=dismiss").status_code == 404


@pytest.mark.parametrize("outcome", ["delete-spam", "delete"])
def test_undo_restores_the_post_its_flags_and_the_reputation_exactly(client, auth, flagged, outcome):
    author_id, before = flagged.author_id, _reputation(flagged.author_id)
    assert before == 1 + 10 + 15  # the upvote and the acceptance
    auth.login("marta")
    response = client.post(f"/posts/{flagged.id}/flags/resolve", data={"outcome": outcome, "reason": "Shop link"})
    entry = db.session.scalar(select(ModerationAction).order_by(ModerationAction.id.desc()))
    assert response.location.startswith(f"/moderation/log/{entry.id}?next=")
    assert _reputation(author_id) == 1  # floored: the upvote and acceptance taken back, and the spam penalty
    assert ledger.recompute(check=True) == []
    result = _page(client, response.location)
    assert result.select_one(f"form[action='/moderation/log/{entry.id}/undo']")

    response = client.post(f"/moderation/log/{entry.id}/undo")
    assert response.status_code == 302
    assert _reputation(author_id) == before
    assert ledger.recompute(check=True) == []
    answer = db.session.get(Answer, flagged.id)
    assert answer.deleted_at is None and answer.deletion_reason is None
    assert answer.question.accepted_answer_id == answer.id  # the acceptance the deletion took, back
    assert sorted(db.session.scalars(select(Flag.status).where(Flag.post_id == flagged.id))) == \
        ["dismissed", "open", "open"]
    undo = db.session.scalar(select(ModerationAction).order_by(ModerationAction.id.desc()))
    assert (undo.action, undo.after["undoes"], undo.moderator.username) == ("undo", entry.id, "marta")
    # Once undone, not again: the refusal says why, and nothing changes.
    response = client.post(f"/moderation/log/{entry.id}/undo")
    assert response.status_code == 409 and "changed since" in response.get_data(as_text=True)


def test_undo_is_refused_after_ten_minutes(client, auth, flagged):
    auth.login("marta")
    start = clock.now()
    with clock.frozen(start):
        client.post(f"/posts/{flagged.id}/flags/resolve", data={"outcome": "delete-spam"})
    entry = db.session.scalar(select(ModerationAction).order_by(ModerationAction.id.desc()))
    with clock.frozen(start + timedelta(minutes=10, seconds=1)):
        assert not _page(client, f"/moderation/log/{entry.id}").select("form[action$='/undo']")
        response = client.post(f"/moderation/log/{entry.id}/undo")
        assert response.status_code == 409
        assert "too late to undo this: an action can be undone for 10 minutes" in response.get_data(as_text=True)
    assert db.session.get(Answer, flagged.id).deleted_at is not None
    with clock.frozen(start + timedelta(minutes=10)):  # the tenth minute still counts
        assert client.post(f"/moderation/log/{entry.id}/undo").status_code == 302
    assert db.session.get(Answer, flagged.id).deleted_at is None


def test_hiding_keeps_the_flags_open_and_undo_shows_the_post_again(client, auth, flagged):
    auth.login("marta")
    response = client.post(f"/posts/{flagged.id}/flags/resolve", data={"outcome": "hide"})
    assert db.session.get(Answer, flagged.id).hidden_at is not None
    row = _page(client, "/moderation?tab=flags").select_one(f"#flagged-{flagged.id}")
    assert "hidden" in row.select_one(".urgency-pill").get_text()
    assert not row.select("button[value=hide]")  # hidden already
    entry_id = int(response.location.split("/moderation/log/")[1].split("?")[0])
    client.post(f"/moderation/log/{entry_id}/undo")
    assert db.session.get(Answer, flagged.id).hidden_at is None
    assert db.session.scalar(select(Flag.id).where(Flag.post_id == flagged.id, Flag.status == "open"))


def test_only_moderators_undo_and_only_what_can_be_undone(client, auth, flagged, make_user):
    make_user("member", reputation=10_000)
    auth.login("marta")
    client.post(f"/questions/{flagged.question.id}/lock")
    lock = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "lock"))
    assert client.post(f"/moderation/log/{lock.id}/undo").status_code == 409
    client.post(f"/posts/{flagged.id}/flags/resolve", data={"outcome": "delete"})
    entry = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "delete"))
    auth.logout()
    auth.login("member")
    assert client.post(f"/moderation/log/{entry.id}/undo").status_code == 403
    assert client.get(f"/moderation/log/{entry.id}").status_code == 403
    assert db.session.get(Answer, flagged.id).deleted_at is not None


def test_locking_from_a_queue_row_asks_first(client, auth, make_user, make_question):
    make_user("marta", role="moderator")
    question = make_question(make_user("asker"))
    auth.login("marta")
    row = _page(client, "/moderation?tab=waiting").select_one(f"#queued-{question.id}")
    assert not [f for f in row.select("form") if "/lock" in f["action"]]  # no lock that fires at once
    page = _page(client, row.find("a", string="Lock")["href"])
    assert page.h1.get_text() == "Lock this question?"
    assert db.session.get(type(question), question.id).locked_at is None
    form = page.select_one("[data-confirm-box] form")
    response = client.post(form["action"], data={i["name"]: i["value"] for i in form.select("input[type=hidden]")})
    assert response.location == "/moderation?tab=waiting"
    assert db.session.get(type(question), question.id).locked_at is not None
