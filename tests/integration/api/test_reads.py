"""Public reads: the same lists, filters, sorts and visibility as the HTML pages."""

import pytest

from app.extensions import db
from app.faq import operations as faq
from app.moderation import operations as moderation
from app.questions import official_answers
from app.questions import operations as posts
from app.votes import operations as votes


@pytest.fixture(autouse=True)
def _tags(tags):
    return tags


def _ask(author, title, tags="aurora-one"):
    question = posts.ask_question(author, title, "The red light blinks three times and the pump stops. Help!", tags,
                                  "en")
    db.session.commit()
    return question


def test_question_list_has_the_html_tabs_and_tag_filter(api, make_user, make_question, make_answer):
    owner, helper, voter = make_user("olivia"), make_user("hugo"), make_user("vera", reputation=1000)
    first = _ask(owner, "The grinder makes a loud noise at start")
    second = _ask(owner, "Which descaler should I use for the boiler", tags="descaling")
    third = _ask(owner, "The app does not find the machine on Wi-Fi")
    make_answer(helper, first)
    answer = make_answer(helper, second)
    votes.cast_vote(voter, answer, 1)
    votes.cast_vote(voter, third, 1)
    db.session.commit()

    newest = api.get("/questions").json
    assert [q["id"] for q in newest["items"]] == [third.id, second.id, first.id]
    assert newest["tab"] == "newest" and newest["total"] == 3 and newest["next_page"] is None
    # Unanswered: no accepted answer and no upvoted one (an answer with score 0 does not count).
    unanswered = api.get("/questions?tab=unanswered").json
    assert [q["id"] for q in unanswered["items"]] == [third.id, first.id]
    assert api.get("/questions?tab=votes").json["items"][0]["id"] == third.id
    tagged = api.get("/questions?tag=descaling").json
    assert [q["id"] for q in tagged["items"]] == [second.id] and tagged["tag"] == "descaling"
    assert tagged["items"][0]["tags"] == ["descaling"]
    assert tagged["items"][0]["author"]["username"] == "olivia"


def test_question_list_pages(api, make_user):
    owner = make_user("olivia")
    ids = [_ask(owner, f"Question number {n} about the Aurora One").id for n in range(5)]
    first = api.get("/questions?per_page=2").json
    assert first["pages"] == 3 and first["next_page"] == 2 and len(first["items"]) == 2
    last = api.get("/questions?per_page=2&page=3").json
    assert [q["id"] for q in last["items"]] == [ids[0]] and last["next_page"] is None
    assert api.get("/questions?per_page=2&page=9").json["items"] == []


def test_list_parameters_are_checked(api):
    response = api.get("/questions?tab=hottest&per_page=1000&page=zero")
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) == {"tab", "per_page", "page"}
    assert api.get("/questions?tag=no-such-product").status_code == 404
    assert api.get("/users?period=decade").json["error"]["fields"] == {"period": "Use one of: week, month, all."}


def test_one_question_with_answers_in_page_order_and_comments(api, make_user, make_question, make_answer,
                                                              make_token):
    owner, helper, other = make_user("olivia"), make_user("hugo"), make_user("sam")
    question = make_question(owner)
    plain = make_answer(helper, question, "A first answer that nobody accepted in the end.")
    accepted = make_answer(other, question, "The answer that solved it: hold the button for 5 s.")
    posts.accept_answer(owner, accepted)
    posts.add_comment(owner, accepted, "Thank you, that worked!")
    db.session.commit()

    body = api.get(f"/questions/{question.id}").json
    assert body["title"] == question.title and body["solved"] and body["accepted_answer_id"] == accepted.id
    assert [a["id"] for a in body["answers"]] == [accepted.id, plain.id]
    assert body["answers"][0]["accepted"] and body["answers"][0]["comments"][0]["body_markdown"] == \
        "Thank you, that worked!"
    assert "<p>" in body["body_html"] and body["my_vote"] is None
    # With a token, the owner's own votes show.
    voter = make_user("vera", reputation=1000)
    votes.cast_vote(voter, plain, -1)
    db.session.commit()
    mine = api.get(f"/questions/{question.id}", token=make_token(voter)).json
    assert [a["my_vote"] for a in mine["answers"]] == [None, "down"]


def test_deleted_and_hidden_posts_are_gone_except_for_moderators(api, make_user, make_question, make_answer,
                                                                  make_token):
    owner, helper, mod = make_user("olivia"), make_user("hugo"), make_user("marta", role="moderator")
    question = make_question(owner)
    answer = make_answer(helper, question)
    posts.delete_post(helper, answer)
    gone = make_question(owner, title="A question its author deleted again")
    posts.delete_post(owner, gone)
    db.session.commit()

    assert api.get(f"/questions/{question.id}").json["answers"] == []
    assert api.get(f"/questions/{gone.id}").status_code == 410
    assert gone.id not in [q["id"] for q in api.get("/questions").json["items"]]
    seen = api.get(f"/questions/{question.id}", token=make_token(mod)).json
    assert [(a["id"], a["deleted"]) for a in seen["answers"]] == [(answer.id, True)]
    assert api.get(f"/questions/{gone.id}", token=make_token(mod)).json["deleted"] is True
    assert api.get("/questions/999999").status_code == 404
    assert api.get("/questions/99999999999999999999").status_code == 404


def test_users_profiles_and_badges(api, make_user, make_question, make_answer):
    owner, helper = make_user("olivia"), make_user("hugo", about="Barista since 2010")
    make_user("marta", role="moderator")
    question = make_question(owner)
    posts.accept_answer(owner, make_answer(helper, question))
    db.session.commit()

    members = api.get("/users").json
    assert members["items"][0]["username"] == "hugo" and members["items"][0]["points"] == helper.reputation > 1
    assert [m["username"] for m in api.get("/users?q=mart").json["items"]] == ["marta"]
    assert api.get("/users?q=mart").json["items"][0]["brand_team"] is True
    week = api.get("/users?period=week").json
    assert week["period"] == "week" and week["items"][0]["username"] == "hugo"
    profile = api.get(f"/users/{helper.id}").json
    assert profile["about"] == "Barista since 2010" and profile["reputation"] == helper.reputation
    assert profile["badges"]["bronze"] >= 1  # Helper: an answer of theirs was accepted
    assert api.get("/users/424242").status_code == 404

    catalogue = api.get("/badges").json["items"]
    helper_badge = next(b for b in catalogue if b["slug"] == "helper")
    assert helper_badge["holders"] == 1 and helper_badge["tier"] == "bronze" and helper_badge["name"] == "Helper"
    detail = api.get("/badges/helper").json
    assert [a["user"]["username"] for a in detail["awards"]["items"]] == ["hugo"]
    assert api.get("/badges/no-such-badge").status_code == 404


def test_tags_and_faq(api, make_user, make_question, make_answer):
    owner, helper, mod = make_user("olivia"), make_user("hugo"), make_user("marta", role="moderator")
    question = make_question(owner, tag_names="descaling")
    answer = make_answer(helper, question)
    posts.accept_answer(owner, answer)
    faq.save_entry(mod, question, "Descaling the Aurora One", answer, question.tags[0], None)
    db.session.commit()

    tags = api.get("/tags").json
    assert tags["items"][0] == {**tags["items"][0], "name": "descaling", "question_count": 1}
    assert [t["name"] for t in api.get("/tags?sort=name").json["items"]] == ["aurora-one", "descaling", "orders"]
    groups = api.get("/faq").json["groups"]
    assert groups[0]["tag"] == "descaling"
    assert groups[0]["entries"][0]["title"] == "Descaling the Aurora One"
    assert groups[0]["entries"][0]["answer_id"] == answer.id
    assert api.get("/faq?tag=orders").json["groups"] == []
    assert api.get("/faq?tag=nothing-here").status_code == 404


def test_search(api, make_user, make_question):
    owner = make_user("olivia")
    found = make_question(owner, title="The frother leaves the milk cold", body="The milk frother runs but the "
                                                                                 "milk stays cold. Why?")
    make_question(owner)
    body = api.get("/search?q=frother").json
    assert [hit["question"]["id"] for hit in body["items"]] == [found.id]
    assert "<mark>" in body["items"][0]["title_html"] and body["total"] == 1
    assert api.get("/search").json["error"]["fields"] == {"q": "This is required."}
    assert api.get("/search?q=" + "x" * 201).status_code == 422
    assert api.get("/search?q=frother&sort=oldest").status_code == 422


def test_closed_and_official_state_is_shown(api, make_user, make_question, make_answer):
    owner, helper, mod = make_user("olivia"), make_user("hugo"), make_user("marta", role="moderator")
    question = make_question(owner)
    answer = make_answer(helper, question)
    official_answers.mark_official(mod, answer, "Checked by the service team")
    moderation.close_question(mod, question, "solved-elsewhere", None)
    db.session.commit()
    body = api.get(f"/questions/{question.id}").json
    assert body["closed_reason"] == "solved-elsewhere" and body["has_official_answer"]
    official = body["answers"][0]["official"]
    assert official["note"] == "Checked by the service team" and official["by"]["username"] == "marta"
