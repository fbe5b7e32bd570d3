"""Writes with a token go through the web forms' operations: the same validation, privileges, quotas and
consequences (reputation, badges), and one commit or nothing."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import Answer, Comment, FaqEntry, Flag, Question, ReputationEvent, Vote
from app.questions import operations as posts

NEW_QUESTION = {"title": "The steam wand drips after I close it", "tags": ["aurora-one"],
                "body": "Since last week the steam wand keeps dripping water for minutes after use."}
ANSWER_TEXT = "Check the gasket under the steam knob and replace it if it is worn."


@pytest.fixture(autouse=True)
def _tags(tags):
    return tags


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_ask(api, make_user, make_token):
    token = make_token(make_user("olivia"))
    response = api.post("/questions", token=token, json={**NEW_QUESTION, "language": "it"})
    assert response.status_code == 201
    question = db.session.get(Question, response.json["id"])
    assert response.headers["Location"].endswith(f"/api/v1/questions/{question.id}")
    assert question.title == NEW_QUESTION["title"] and question.author.username == "olivia"
    assert question.language == "it" and [t.name for t in question.tags] == ["aurora-one"]
    assert response.json["answers"] == [] and response.json["tags"] == ["aurora-one"]
    # The same rules as the form, every field at once; nothing is stored.
    refused = api.post("/questions", token=token, json={"title": "Help", "body": "It broke.", "tags": "coffee"})
    assert refused.status_code == 422 and refused.json["error"]["code"] == "invalid"
    assert refused.json["error"]["fields"] == {
        "title": "Use at least 15 characters (you entered 4).", "body": "Use at least 20 characters (you entered 9).",
        "tags": "Unknown tag: coffee. Choose from the existing tags."}
    assert count(Question) == 1
    # Tags as one string, like the form's field.
    assert api.post("/questions", token=token, json={**NEW_QUESTION, "tags": "aurora-one, descaling"}).json[
        "tags"] == ["aurora-one", "descaling"]


def test_ask_refuses_wrong_types_and_bodies(api, make_user, make_token):
    token = make_token(make_user("olivia"))
    wrong = api.post("/questions", token=token, json={"title": 15, "body": ["x"], "tags": [1], "language": "fr",
                                                      "allow_personal_data": "yes"})
    assert wrong.status_code == 422
    assert set(wrong.json["error"]["fields"]) == {"title", "body", "tags", "language", "allow_personal_data"}
    not_json = api.post("/questions", token=token, data="title=Hello", headers={"Content-Type": "text/plain"})
    assert not_json.status_code == 400 and not_json.json["error"]["code"] == "bad_request"
    assert api.post("/questions", token=token, json=["a", "list"]).status_code == 400
    assert count(Question) == 0


def test_personal_data_needs_confirmation(api, make_user, make_token):
    token = make_token(make_user("olivia"))
    data = {**NEW_QUESTION, "body": "Please write to me at olivia.rossi@example.com about the order."}
    warned = api.post("/questions", token=token, json=data)
    assert warned.status_code == 422 and "allow_personal_data" in warned.json["error"]["fields"]
    assert api.post("/questions", token=token, json={**data, "allow_personal_data": True}).status_code == 201


def test_answer_and_comment(api, make_user, make_question, make_token):
    owner, helper = make_user("olivia"), make_user("hugo")
    question = make_question(owner)
    response = api.post(f"/questions/{question.id}/answers", token=make_token(helper), json={"body": ANSWER_TEXT})
    assert response.status_code == 201 and response.json["question_id"] == question.id
    answer = db.session.get(Answer, response.json["id"])
    assert answer.body_markdown == ANSWER_TEXT and answer.question.answer_count == 1
    # The asker may always comment on answers to their question; others need the privilege (15).
    comment = api.post(f"/posts/{answer.id}/comments", token=make_token(owner), json={"body": "It worked, thanks!"})
    assert comment.status_code == 201 and comment.json["post_id"] == answer.id
    stranger = api.post(f"/posts/{question.id}/comments", token=make_token(make_user("sam")),
                        json={"body": "Same problem here."})
    assert stranger.status_code == 403 and "needs 15 reputation" in stranger.json["error"]["message"]
    assert count(Comment) == 1
    assert api.post(f"/posts/{answer.id}/comments", token=make_token(owner), json={"body": "x"}).json[
        "error"]["fields"] == {"body": "Use at least 2 characters (you entered 1)."}


def test_answers_to_closed_locked_and_deleted_questions_are_refused(api, make_user, make_question, make_token):
    from app.moderation import operations as moderation

    owner, mod = make_user("olivia"), make_user("marta", role="moderator")
    token = make_token(make_user("hugo"))
    closed, locked, deleted = (make_question(owner, title=f"A question that will be {word} soon")
                               for word in ("closed", "locked", "deleted"))
    moderation.close_question(mod, closed, "off-topic", None)
    moderation.toggle_lock(mod, locked)
    posts.delete_post(owner, deleted)
    db.session.commit()
    assert api.post(f"/questions/{closed.id}/answers", token=token, json={"body": ANSWER_TEXT}).status_code == 403
    assert api.post(f"/questions/{locked.id}/answers", token=token, json={"body": ANSWER_TEXT}).status_code == 403
    assert api.post(f"/questions/{deleted.id}/answers", token=token, json={"body": ANSWER_TEXT}).status_code == 410
    assert api.post("/questions/777/answers", token=token, json={"body": ANSWER_TEXT}).status_code == 404
    assert count(Answer) == 0


def test_vote_with_the_sites_privileges_quota_and_reputation(app, api, make_user, make_question, make_answer,
                                                             make_token):
    owner, helper = make_user("olivia"), make_user("hugo")
    question = make_question(owner)
    answer = make_answer(helper, question)
    newcomer = api.post(f"/posts/{answer.id}/vote", token=make_token(make_user("sam")), json={"value": "up"})
    assert newcomer.status_code == 403 and "needs 5 reputation" in newcomer.json["error"]["message"]
    own = api.post(f"/posts/{question.id}/vote", token=make_token(owner), json={"value": "up"})
    assert own.status_code == 403

    voter = make_token(make_user("vera", reputation=1000))
    before = helper.reputation
    up = api.post(f"/posts/{answer.id}/vote", token=voter, json={"value": "up"})
    assert up.json == {"post_id": answer.id, "score": 1, "vote": "up"}
    db.session.refresh(helper)
    assert helper.reputation == before + 10  # answer_upvoted, through the ledger
    assert api.post(f"/posts/{answer.id}/vote", token=voter, json={"value": "sideways"}).json["error"][
        "fields"] == {"value": "A vote is 'up', 'down' or 'none'."}
    # Changing a vote is allowed for 5 minutes, then it is locked in (409).
    with clock.frozen(datetime.now(UTC) + timedelta(minutes=30)):
        locked = api.post(f"/posts/{answer.id}/vote", token=voter, json={"value": "down"})
    assert locked.status_code == 409 and locked.json["error"]["code"] == "conflict"
    assert api.post(f"/posts/{answer.id}/vote", token=voter, json={"value": "none"}).json["vote"] is None
    # The daily allowance (VOTES_PER_DAY) is counted from the votes themselves: 429 when used up.
    app.config["VOTES_PER_DAY"] = 1
    assert api.post(f"/posts/{question.id}/vote", token=voter, json={"value": "up"}).status_code == 200
    second = api.post(f"/posts/{answer.id}/vote", token=voter, json={"value": "up"})
    assert second.status_code == 429 and second.json["error"]["code"] == "rate_limited"
    assert count(Vote) == 1


def test_accept_is_for_the_asker_and_repeatable(api, make_user, make_question, make_answer, make_token):
    owner, helper = make_user("olivia"), make_user("hugo")
    question = make_question(owner)
    answer = make_answer(helper, question)
    other = api.post(f"/answers/{answer.id}/accept", token=make_token(helper))
    assert other.status_code == 403
    token = make_token(owner)
    accepted = api.post(f"/answers/{answer.id}/accept", token=token)
    assert accepted.json == {"answer_id": answer.id, "question_id": question.id, "accepted": True}
    rows = count(ReputationEvent)
    assert api.post(f"/answers/{answer.id}/accept", token=token).json["accepted"] is True
    assert count(ReputationEvent) == rows  # asking again changed nothing
    db.session.refresh(helper)
    assert helper.reputation == 16  # 1 + answer_accepted (15)
    assert api.delete(f"/answers/{answer.id}/accept", token=token).json["accepted"] is False
    db.session.refresh(question)
    assert question.accepted_answer_id is None
    assert api.delete(f"/answers/{answer.id}/accept", token=make_token(helper)).status_code == 403


def test_flag(api, make_user, make_question, make_token):
    question = make_question(make_user("olivia"))
    assert api.post(f"/posts/{question.id}/flags", token=make_token(make_user("sam")),
                    json={"reason": "spam"}).status_code == 403  # flagging needs 15 reputation
    token = make_token(make_user("vera", reputation=1000))
    invalid = api.post(f"/posts/{question.id}/flags", token=token, json={"reason": "other", "text": "bad"})
    assert invalid.status_code == 422 and set(invalid.json["error"]["fields"]) == {"text"}
    flagged = api.post(f"/posts/{question.id}/flags", token=token, json={"reason": "needs-brand-answer"})
    assert flagged.status_code == 201 and flagged.json["status"] == "open"
    again = api.post(f"/posts/{question.id}/flags", token=token, json={"reason": "spam"})
    assert again.status_code == 409
    assert count(Flag) == 1


def test_official_marks_are_for_the_brand_team(api, make_user, make_question, make_answer, make_token):
    question = make_question(make_user("olivia"))
    answer = make_answer(make_user("hugo"), question)
    member = api.post(f"/answers/{answer.id}/official", token=make_token(make_user("vera", reputation=100_000)),
                      json={"note": "I think so"})
    assert member.status_code == 403 and member.json["error"]["code"] == "forbidden"
    mod = make_token(make_user("marta", role="moderator"))
    marked = api.post(f"/answers/{answer.id}/official", token=mod, json={"note": "Checked by the service team"})
    assert marked.status_code == 200 and marked.json["official"]["note"] == "Checked by the service team"
    db.session.refresh(answer)
    assert answer.official_at is not None and answer.question.has_official_answer
    assert api.delete(f"/answers/{answer.id}/official", token=mod).json["official"] is None
    assert api.delete(f"/answers/{answer.id}/official", token=mod).status_code == 409
    # A moderator may answer as the brand directly; from a member the field is ignored.
    official = api.post(f"/questions/{question.id}/answers", token=mod, json={"body": ANSWER_TEXT, "official": True})
    assert official.json["official"]["by"]["username"] == "marta"
    plain = api.post(f"/questions/{question.id}/answers", token=make_token(make_user("sam")),
                     json={"body": ANSWER_TEXT, "official": True})
    assert plain.status_code == 201 and plain.json["official"] is None


def test_promote_to_the_faq(api, make_user, make_question, make_answer, make_token):
    owner = make_user("olivia")
    question = make_question(owner)
    answer = make_answer(make_user("hugo"), question)
    mod = make_token(make_user("marta", role="moderator"))
    unsolved = api.put(f"/questions/{question.id}/faq", token=mod, json={"title": "Error E04 after descaling"})
    assert unsolved.status_code == 409
    posts.accept_answer(owner, answer)
    db.session.commit()
    assert api.put(f"/questions/{question.id}/faq", token=make_token(owner), json={}).status_code == 403
    created = api.put(f"/questions/{question.id}/faq", token=mod, json={"title": "Error E04 after descaling"})
    assert created.status_code == 201
    assert created.json["answer_id"] == answer.id and created.json["tag"] == "aurora-one"
    changed = api.put(f"/questions/{question.id}/faq", token=mod, json={"tag": "descaling", "position": 3})
    # Past the last place of its product's entries (here the only one): the last place.
    assert changed.status_code == 200 and changed.json["tag"] == "descaling" and changed.json["position"] == 1
    assert changed.json["title"] == "Error E04 after descaling"
    wrong = api.put(f"/questions/{question.id}/faq", token=mod, json={"title": "Short", "tag": "nope"})
    assert set(wrong.json["error"]["fields"]) == {"title", "tag"}
    assert count(FaqEntry) == 1


def test_a_huge_body_is_refused_before_it_is_read(app, api, make_user, make_token):
    app.config["API_MAX_BODY_BYTES"] = 64 * 1024
    token = make_token(make_user("olivia"))
    response = api.post("/questions", token=token, json={**NEW_QUESTION, "body": "x" * 100_000})
    assert response.status_code == 413 and response.json["error"]["code"] == "too_large"
    assert count(Question) == 0
