"""Every reputation rule and its reversal, as scenarios: actions in, reputation changes out."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.models import Answer, Post, ReputationEvent, User
from app.questions import operations as posts
from app.reputation import fraud, ledger, privileges
from app.votes import operations as votes


@pytest.fixture
def people(make_user, make_question, make_answer):
    """An asker with a question, two answerers, a voter with every voting privilege, a moderator."""
    asker, alice, bob = make_user("asker"), make_user("alice"), make_user("bob")
    voter, voter2 = make_user("voter"), make_user("voter2")
    moderator = make_user("mod", role="moderator")
    question = make_question(asker)
    first, second = make_answer(alice, question), make_answer(bob, question)
    return {"asker": asker, "alice": alice, "bob": bob, "voter": voter, "voter2": voter2, "mod": moderator,
            "q": question, "a1": first, "a2": second}


def run(people, steps):
    """Run steps like ("vote", "voter", "a1", 1) and return everyone's reputation change.

    Privileges are tested on their own below; here every member may vote, as in a replayed history.
    """
    before = {name: u.reputation for name, u in people.items() if isinstance(u, User)}
    with privileges.replaying_history():
        _run_steps(people, steps)
    db.session.expire_all()
    return {name: db.session.get(User, u.id).reputation - before[name] for name, u in people.items()
            if isinstance(u, User) and db.session.get(User, u.id).reputation != before[name]}


def _run_steps(people, steps):
    for step in steps:
        kind, actor, *args = step
        user = people[actor]
        if kind == "vote":
            votes.cast_vote(user, people[args[0]], args[1])
        elif kind == "accept":
            posts.accept_answer(user, people[args[0]])
        elif kind == "delete":
            posts.delete_post(user, people[args[0]], as_spam=len(args) > 1 and args[1] == "spam")
        elif kind == "undelete":
            posts.undelete_post(user, people[args[0]])
        db.session.commit()


SCENARIOS = {
    "question upvoted": ([("vote", "voter", "q", 1)], {"asker": 10}),
    "answer upvoted": ([("vote", "voter", "a1", 1)], {"alice": 10}),
    "question downvoted costs the author 2, the voter nothing": (
        [("vote", "voter", "q", 1), ("vote", "voter2", "q", -1)], {"asker": 8}),
    "never below 1": ([("vote", "voter", "q", -1)], {}),
    "floor is not a loss kept forever": ([("vote", "voter", "q", -1), ("vote", "voter2", "q", 1)], {"asker": 8}),
    "answer downvoted costs the voter 1": ([("vote", "voter", "a1", 1), ("vote", "voter2", "a1", -1),
                                            ("accept", "asker", "a2")],
                                           {"alice": 8, "bob": 15, "asker": 2}),
    "changing a vote reverses the old one": ([("vote", "voter", "a1", 1), ("vote", "voter", "a1", -1)], {}),
    "upvote retracted": ([("vote", "voter", "a1", 1), ("vote", "voter", "a1", 0)], {}),
    "accepted": ([("accept", "asker", "a1")], {"alice": 15, "asker": 2}),
    "acceptance moved": ([("accept", "asker", "a1"), ("accept", "asker", "a2")], {"bob": 15, "asker": 2}),
    "acceptance removed": ([("accept", "asker", "a1"), ("accept", "asker", "a1")], {}),
    "deleted answer loses its votes": ([("vote", "voter", "a1", 1), ("delete", "mod", "a1")], {}),
    "undeleted answer gets them back": ([("vote", "voter", "a1", 1), ("delete", "mod", "a1"),
                                         ("undelete", "mod", "a1")], {"alice": 10}),
    "deleting an accepted answer removes the acceptance points": (
        [("accept", "asker", "a1"), ("delete", "mod", "a1")], {}),
    "deleting a question removes its answers' points": (
        [("vote", "voter", "a1", 1), ("accept", "asker", "a2"), ("delete", "mod", "q")], {}),
    "restoring a question restores them": (
        [("vote", "voter", "a1", 1), ("accept", "asker", "a2"), ("delete", "mod", "q"), ("undelete", "mod", "q")],
        {"alice": 10, "bob": 15, "asker": 2}),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_rule(people, name):
    steps, expected = SCENARIOS[name]
    changes = run(people, steps)
    assert {k: v for k, v in changes.items() if v} == {k: v for k, v in expected.items() if v}
    assert ledger.recompute(check=True) == []


def test_accepting_your_own_answer_earns_nothing(people, make_answer):
    own = make_answer(people["asker"], people["q"])
    people["own"] = own
    assert run(people, [("accept", "asker", "own")]) == {}


def test_spam_deletion_costs_100_but_never_below_1(people):
    assert run(people, [("accept", "asker", "a1"), ("delete", "mod", "a1", "spam")]) == {}
    assert db.session.get(User, people["alice"].id).reputation == 1  # 1 + 15 - 100 - 15, floored
    assert run(people, [("undelete", "mod", "a1")]) == {}  # acceptance was removed with the deletion
    assert run(people, [("accept", "asker", "a1")]) == {"alice": 15, "asker": 2}
    assert ledger.recompute(check=True) == []


def test_reversals_are_new_rows_with_a_cause(people):
    run(people, [("vote", "voter", "a1", 1), ("vote", "voter", "a1", 0)])
    rows = db.session.execute(select(ReputationEvent.delta, ReputationEvent.reason, ReputationEvent.cause)
                              .where(ReputationEvent.user_id == people["alice"].id)
                              .order_by(ReputationEvent.id)).all()
    assert rows == [(10, "answer_upvoted", None), (-10, "answer_upvoted", "vote_retracted")]


def test_daily_cap_of_200_from_votes(app, make_user, make_question):
    author = make_user("author")
    questions = [make_question(author, title=f"Question number {n:02d} about the pump") for n in range(11)]
    answers_owner = make_user("helper")
    for n in range(2):
        voter = make_user(f"voter_{n}", reputation=100)
        for question in questions:
            votes.cast_vote(voter, question, 1)
        db.session.commit()
    assert db.session.get(User, author.id).reputation == 201  # 22 upvotes, capped at 200 (+1 to start)
    votes.cast_vote(db.session.scalar(select(User).where(User.username == "voter_0")), questions[0], 0)
    db.session.commit()
    assert db.session.get(User, author.id).reputation == 201  # 21 upvotes still exceed the cap
    assert answers_owner.reputation == 1
    assert [d for d in ledger.recompute(check=True) if d.user_id == author.id] == []


def test_accepts_are_exempt_from_the_cap(app, make_user, make_question, make_answer):
    author = make_user("author")
    questions = [make_question(author, title=f"Question number {n:02d} about the pump") for n in range(20)]
    voter, asker = make_user("voter", reputation=100), make_user("asker")
    for question in questions:
        votes.cast_vote(voter, question, 1)
    answer = make_answer(author, make_question(asker, title="A question the author will answer"))
    posts.accept_answer(asker, answer)
    db.session.commit()
    assert db.session.get(User, author.id).reputation == 1 + 200 + 15


def test_votes_lock_after_five_minutes_unless_edited(people):
    people["voter"].reputation = 100
    votes.cast_vote(people["voter"], people["a1"], 1)
    db.session.commit()
    later = datetime.now(UTC) + timedelta(minutes=6)
    with clock.frozen(later), pytest.raises(Exception) as refused:
        votes.cast_vote(people["voter"], people["a1"], 0)
    assert "locked in" in str(refused.value)
    db.session.rollback()
    with clock.frozen(later):
        posts.edit_answer(people["alice"], people["a1"], people["a1"].body_markdown + " Edited.", "")
        votes.cast_vote(people["voter"], people["a1"], 0)
    db.session.commit()
    assert db.session.get(Post, people["a1"].id).score == 0


def test_forty_votes_a_day(client, make_user, make_question, auth):
    author = make_user("author")
    questions = [make_question(author, title=f"Question number {n:02d} about the grinder") for n in range(41)]
    make_user("voter", reputation=100)
    auth.login("voter")
    for question in questions[:40]:
        assert client.post(f"/posts/{question.id}/vote", data={"value": "up"}).status_code == 302
    response = client.post(f"/posts/{questions[40].id}/vote", data={"value": "up"},
                           headers={"Accept": "application/json"})
    assert response.status_code == 429 and "40" in response.json["error"]["message"]


@pytest.mark.parametrize("reputation,value,allowed", [(1, "up", False), (5, "up", True), (49, "down", False),
                                                      (50, "down", True)])
def test_voting_privileges(client, make_user, make_question, auth, reputation, value, allowed):
    question = make_question(make_user())
    make_user("voter", reputation=reputation)
    auth.login("voter")
    response = client.post(f"/posts/{question.id}/vote", data={"value": value}, headers={"Accept": "application/json"})
    assert response.status_code == (200 if allowed else 403)
    if not allowed:
        assert "reputation" in response.json["error"]["message"]


def test_commenting_privilege(client, make_user, make_question, make_answer, auth):
    asker = make_user("asker")
    question = make_question(asker)
    answer = make_answer(make_user("helper"), question)
    make_user("newbie")
    auth.login("newbie")
    assert client.post(f"/posts/{question.id}/comments", data={"body": "Me too!"}).status_code == 403
    auth.logout()
    auth.login("asker")  # always on your own question and on its answers
    assert client.post(f"/posts/{answer.id}/comments", data={"body": "Which setting?"}).status_code == 302
    auth.logout()
    auth.login("helper")  # always on your own answer
    assert client.post(f"/posts/{answer.id}/comments", data={"body": "Setting 3."}).status_code == 302


def test_editing_others_needs_500(client, make_user, make_question, auth):
    question = make_question(make_user())
    make_user("editor", reputation=499)
    auth.login("editor")
    assert client.get(f"/posts/{question.id}/edit").status_code == 403
    db.session.execute(User.__table__.update().where(User.username == "editor").values(reputation=500))
    db.session.commit()
    assert client.get(f"/posts/{question.id}/edit").status_code == 200


def test_serial_voting_is_reversed_with_a_visible_reason(app, make_user, make_question):
    target, voter = make_user("target"), make_user("fan")
    questions = [make_question(target, title=f"Question number {n:02d} about descaling") for n in range(6)]
    with privileges.replaying_history():
        for question in questions:
            votes.cast_vote(voter, question, 1)
    db.session.commit()
    assert db.session.get(User, target.id).reputation == 61
    result = app.test_cli_runner().invoke(args=["reputation", "fraud-check"])
    assert result.exit_code == 0 and "1 serial voting patterns reversed" in result.output
    assert db.session.get(User, target.id).reputation == 1
    assert db.session.scalar(select(func.sum(Post.score)).where(Post.author_id == target.id)) == 0
    causes = set(db.session.scalars(select(ReputationEvent.cause).where(ReputationEvent.user_id == target.id)))
    assert "serial_voting" in causes
    assert ledger.recompute(check=True) == []
    assert fraud.find_serial_voting(5) == []


def test_five_votes_are_not_serial(app, make_user, make_question):
    target, voter = make_user("target"), make_user("fan", reputation=100)
    for n in range(5):
        votes.cast_vote(voter, make_question(target, title=f"Question number {n:02d} about descaling"), 1)
    db.session.commit()
    assert fraud.find_serial_voting(5) == []


def test_recompute_check_finds_and_repairs_drift(app, people):
    run(people, [("vote", "voter", "a1", 1), ("accept", "asker", "a1")])
    db.session.execute(User.__table__.update().where(User.id == people["alice"].id).values(ledger_total=3,
                                                                                           reputation=4))
    db.session.execute(ReputationEvent.__table__.delete().where(ReputationEvent.user_id == people["asker"].id))
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reputation", "recompute", "--check"])
    assert result.exit_code == 1 and "accept:" in result.output and "cached total" in result.output
    assert runner.invoke(args=["reputation", "recompute"]).exit_code == 0
    assert runner.invoke(args=["reputation", "recompute", "--check"]).exit_code == 0
    db.session.expire_all()
    assert db.session.get(User, people["alice"].id).reputation == 1 + 10 + 15
    assert db.session.get(User, people["asker"].id).reputation == 1 + 2


def test_profile_reputation_tab_shows_reasons_chart_and_links(client, people):
    run(people, [("vote", "voter", "a1", 1), ("vote", "voter", "a1", 0), ("accept", "asker", "a1")])
    html = client.get(f"/users/{people['alice'].id}/alice?tab=reputation").get_data(as_text=True)
    assert "answer upvoted" in html and "vote retracted" in html and "answer accepted" in html
    assert "+15" in html and f'href="/questions/{people["q"].id}/' in html
    assert '<svg viewBox' in html and "Reputation over time" in html


@pytest.mark.parametrize("reader", ["visitor", "another member", "the member"])
def test_the_reputation_tab_speaks_to_its_member_and_of_them_to_others(client, auth, people, reader):
    """"you accepted an answer" on one's own page; on another's, what that member did."""
    run(people, [("vote", "voter", "a1", 1), ("vote", "voter2", "a1", -1), ("accept", "asker", "a2")])
    own = {"voter2": "you downvoted an answer", "asker": "you accepted an answer"}
    others = {"voter2": "downvoted an answer", "asker": "accepted an answer"}
    for name in own:
        if reader != "visitor":
            auth.login(people[name] if reader == "the member" else people["bob"])
        html = client.get(f"/users/{people[name].id}/{name}?tab=reputation").get_data(as_text=True)
        reasons = [re.sub(r"<[^>]+>|\s+", " ", r).strip()
                   for r in re.findall(r'<span class="ledger-reason">(.*?)</span>\s*<', html, re.S)]
        expected = own[name] if reader == "the member" else others[name]
        assert expected in reasons, f"{name}'s page as {reader}: {reasons}"
        if reader != "the member":
            assert own[name] not in html
        if reader != "visitor":
            auth.logout()


def test_members_list_by_period_and_search(client, people):
    run(people, [("accept", "asker", "a1")])
    html = client.get("/users?period=week").get_data(as_text=True)
    assert "alice" in html and "+15 reputation" in html and "bob" not in html
    assert "bob" in client.get("/users").get_data(as_text=True)
    html = client.get("/users?q=ALI").get_data(as_text=True)
    assert "alice" in html and "bob" not in html


def test_privileges_page_shows_progress(client, make_user, auth):
    make_user("newbie", reputation=10)
    auth.login("newbie")
    html = client.get("/help/privileges").get_data(as_text=True)
    assert "Vote up" in html and "You have this privilege." in html and 'value="66"' in html


def test_answers_by_a_deleted_account_do_not_break_anything(people):
    db.session.execute(Answer.__table__.update().where(Answer.id == people["a1"].id).values(author_id=None))
    db.session.commit()
    run(people, [("vote", "voter", "a1", 1), ("accept", "asker", "a1")])
    assert ledger.recompute(check=True) == []


def _ledger_by_key():
    """The ledger as (user, source, reason) → (points, post), leaving out sources that came to nothing."""
    rows = db.session.execute(select(ReputationEvent.user_id, ReputationEvent.source, ReputationEvent.reason,
                                     func.sum(ReputationEvent.delta), func.max(ReputationEvent.post_id))
                              .group_by(ReputationEvent.user_id, ReputationEvent.source, ReputationEvent.reason))
    return {(u, s, r): (int(total), post) for u, s, r, total, post in rows if total}


def _totals():
    return {u.id: (u.ledger_total, u.reputation) for u in db.session.scalars(select(User))}


def _community(app, people, make_user, make_question, make_answer):
    """Three days of a small community through the real operations: votes given, changed on a later day
    and retracted, a daily cap reached and left, acceptances moved and removed, an official mark given and
    taken back, a spam deletion, a deleted question with answers, and serial voting reversed."""
    from app.questions import official_answers

    app.config["REPUTATION_DAILY_CAP"] = 20  # two upvotes a day, so the cap is reached and left
    app.config["VOTE_LOCK_MINUTES"] = 3 * 24 * 60  # votes may change on a later day
    voter3, fan, carol = make_user("voter3"), make_user("fan"), make_user("carol")
    other = make_question(people["alice"], title="The steam wand drips after cleaning it")
    reply = make_answer(people["bob"], other)
    carols = [make_question(carol, title=f"Question number {n:02d} about the grinder") for n in range(6)]
    people |= {"voter3": voter3, "fan": fan, "carol": carol, "q2": other, "a3": reply}
    day = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with clock.frozen(day):
        run(people, [("vote", "voter", "q", 1), ("vote", "voter2", "q", 1), ("vote", "voter3", "q", 1),
                     ("vote", "voter", "a1", 1), ("vote", "voter2", "a2", -1), ("vote", "voter", "q2", 1),
                     ("vote", "voter2", "a3", 1), ("accept", "asker", "a1")])
    with clock.frozen(day + timedelta(days=1)):
        run(people, [("vote", "voter", "a1", -1), ("vote", "voter3", "q", 0), ("vote", "voter3", "a1", 1),
                     ("vote", "voter2", "a1", 1), ("vote", "fan", "a1", 1), ("accept", "asker", "a2"),
                     ("vote", "voter3", "a3", -1)])
        official_answers.mark_official(people["mod"], people["a1"])
        official_answers.mark_official(people["mod"], people["a3"])
        db.session.commit()
    with clock.frozen(day + timedelta(days=2)):
        official_answers.unmark_official(people["mod"], people["a3"])
        db.session.commit()
        run(people, [("accept", "asker", "a2"), ("delete", "mod", "a2", "spam"), ("delete", "mod", "q2"),
                     ("accept", "asker", "a1")])
        with privileges.replaying_history():
            for question in carols:
                votes.cast_vote(fan, question, 1)
        db.session.commit()
        assert fraud.reverse_serial_voting(5) == [(fan.id, carol.id, 6)]
        db.session.commit()


def test_a_recount_from_nothing_writes_the_incremental_ledger(app, people, make_user, make_question, make_answer):
    _community(app, people, make_user, make_question, make_answer)
    assert ledger.recompute(check=True) == []  # the recount's rules agree with what the actions wrote
    incremental, totals = _ledger_by_key(), _totals()
    reasons = {reason for _, _, reason in incremental}
    assert {"daily_cap", "answer_upvoted", "question_upvoted", "post_downvoted", "downvoted_answer",
            "answer_accepted", "accepted_an_answer", "answer_marked_official", "post_deleted_as_spam"} <= reasons
    assert totals[people["carol"].id] == (0, 1) and totals[people["asker"].id][0] == 20 + 2
    db.session.execute(ReputationEvent.__table__.delete())
    db.session.execute(User.__table__.update().values(ledger_total=0, reputation=1))
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["reputation", "recompute"])
    assert result.exit_code == 0, result.output
    assert f"{len(incremental) + sum(1 for t in totals.values() if t != (0, 1)):,} differences corrected" \
        in result.output
    db.session.expire_all()
    assert _ledger_by_key() == incremental
    assert _totals() == totals
    assert set(db.session.scalars(select(ReputationEvent.cause))) == {"recompute"}
    assert ledger.recompute(check=True) == []


def test_recount_corrects_only_what_drifted(app, people, make_user, make_question, make_answer):
    _community(app, people, make_user, make_question, make_answer)
    incremental, totals = _ledger_by_key(), _totals()
    alice, asker = people["alice"].id, people["asker"].id
    db.session.execute(ReputationEvent.__table__.update().where(ReputationEvent.user_id == alice)
                       .values(delta=ReputationEvent.delta * 2))
    db.session.execute(User.__table__.update().where(User.id == asker).values(ledger_total=500, reputation=501))
    db.session.commit()
    found = ledger.recompute(check=True)
    assert {d.user_id for d in found} == {alice, asker}
    assert any(d.what == "cached total" and d.user_id == asker and d.recorded == 500 for d in found)

    # Once alice's rows are corrected her cached total agrees with them again: only the asker's is reset.
    corrected = [str(d) for d in found if not (d.what == "cached total" and d.user_id == alice)]
    assert [str(d) for d in ledger.recompute()] == corrected
    db.session.commit()
    assert _totals() == totals and _ledger_by_key() == incremental
    assert ledger.recompute(check=True) == []


def test_a_failed_recount_leaves_the_ledger_as_it_was(app, people, monkeypatch):
    run(people, [("vote", "voter", "a1", 1), ("accept", "asker", "a1")])
    db.session.execute(ReputationEvent.__table__.delete().where(ReputationEvent.user_id == people["alice"].id))
    db.session.execute(User.__table__.update().where(User.id == people["bob"].id).values(ledger_total=7,
                                                                                         reputation=8))
    db.session.commit()
    before, totals = _ledger_by_key(), _totals()

    class Broken:
        @staticmethod
        def now():
            raise RuntimeError("the server went away")

    monkeypatch.setattr(ledger, "clock", Broken)  # fails after the differences are counted, before writing
    with pytest.raises(RuntimeError):
        ledger.recompute()
    db.session.rollback()
    assert _ledger_by_key() == before and _totals() == totals
    monkeypatch.undo()
    assert len(ledger.recompute()) == 2 + 1  # alice's two ledger rows and bob's cached total
    db.session.commit()
    assert db.session.get(User, people["bob"].id).reputation == 1
    assert ledger.recompute(check=True) == []
