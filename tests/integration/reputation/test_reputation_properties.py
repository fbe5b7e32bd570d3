"""Random histories of votes, acceptances, official marks, the askers' survey answers and deletions over a few
days: afterwards the cached totals equal the ledger's sums, the ledger equals a recount from the primary data
(and a recount from an empty ledger writes the same points), nobody is below 1 and no once-only badge is held twice."""

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app import clock, create_app
from app.accounts import operations as accounts
from app.badges import awards
from app.badges.catalog import BY_SLUG
from app.errors import DomainError
from app.extensions import db
from app.models import Answer, BadgeAward, Question, ReputationEvent, SatisfactionSurvey, User
from app.questions import operations as posts
from app.reputation import ledger, privileges
from app.satisfaction import operations as satisfaction
from app.votes import operations as votes
from tests.conftest import TEST_CONFIG

USERS, QUESTIONS, ANSWERS_PER_QUESTION = 4, 2, 2

step = st.one_of(
    st.tuples(st.just("vote"), st.integers(0, USERS - 1), st.integers(0, QUESTIONS * 3 - 1),
              st.sampled_from([1, -1, 0])),
    st.tuples(st.just("accept"), st.integers(0, QUESTIONS * ANSWERS_PER_QUESTION - 1)),
    st.tuples(st.just("official"), st.integers(0, QUESTIONS * ANSWERS_PER_QUESTION - 1)),
    st.tuples(st.just("delete"), st.integers(0, QUESTIONS * 3 - 1), st.booleans()),
    st.tuples(st.just("undelete"), st.integers(0, QUESTIONS * 3 - 1)),
    # The asker answers "did it solve your problem?" (asked once an answer is accepted), or changes the answer.
    st.tuples(st.just("survey"), st.integers(0, QUESTIONS - 1), st.sampled_from(["yes", "partly", "no"])),
    st.tuples(st.just("wait"), st.integers(1, 30)),  # hours: votes fall on other days, caps on each day
)
START = datetime(2026, 3, 2, 20, tzinfo=UTC)


def _set_official(answer: Answer, moderator: User) -> None:
    # Marking official arrives with moderation; the rule and its points live in the ledger already.
    answer.official_at = None if answer.official_at else clock.now()
    answer.official_by_id = moderator.id if answer.official_at else None
    db.session.flush()
    ledger.sync({f"official:{answer.id}"}, actor_id=moderator.id,
                cause=None if answer.official_at else "official_unmarked")
    awards.check("official", answer.author_id)


def _build():
    users = [accounts.create_user(f"member{n}", f"m{n}@example.com", "correct horse battery") for n in range(USERS)]
    moderator = accounts.create_user("moderator", "mod@example.com", "correct horse battery", "moderator")
    items = []
    for q in range(QUESTIONS):
        question = posts.ask_question(users[q % USERS], f"Question number {q} about the machine",
                                      "The pump makes a noise when heating up.", "t", "en")
        answers = [posts.post_answer(users[(q + a + 1) % USERS], question, "Descale it and try again.", "en")
                   for a in range(ANSWERS_PER_QUESTION)]
        items += [question, *answers]
    db.session.commit()
    return users, moderator, items


def _apply(step_, users, moderator, items):
    kind, *args = step_
    posts_only = [p for p in items]
    answers = [p for p in items if isinstance(p, Answer)]
    if kind == "vote":
        votes.cast_vote(users[args[0]], posts_only[args[1]], args[2])
    elif kind == "accept":
        answer = answers[args[0]]
        posts.accept_answer(db.session.get(User, answer.question.author_id), answer)
    elif kind == "official":
        _set_official(answers[args[0]], moderator)
    elif kind == "delete":
        posts.delete_post(moderator, posts_only[args[0]], as_spam=args[1])
    elif kind == "undelete":
        posts.undelete_post(moderator, posts_only[args[0]])
    elif kind == "survey":
        question = [p for p in items if isinstance(p, Question)][args[0]]
        survey = db.session.scalar(select(SatisfactionSurvey).where(SatisfactionSurvey.question_id == question.id))
        if survey is not None:
            satisfaction.answer_survey(db.session.get(User, survey.asker_id), survey, args[1])


def _ledger_by_key():
    rows = db.session.execute(select(ReputationEvent.user_id, ReputationEvent.source, ReputationEvent.reason,
                                     func.sum(ReputationEvent.delta))
                              .group_by(ReputationEvent.user_id, ReputationEvent.source, ReputationEvent.reason))
    return {(u, s, r): int(total) for u, s, r, total in rows if total}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=st.lists(step, max_size=25))
# Always tried: the cap reached, a vote changed on the next day (leaving the cap), an acceptance moved.
@example(history=[("vote", 1, 0, 1), ("vote", 2, 0, 1), ("vote", 3, 0, 1), ("wait", 20), ("vote", 1, 0, -1),
                  ("accept", 0), ("accept", 1), ("vote", 0, 1, 1), ("vote", 2, 1, -1), ("delete", 1, True)])
# And a Yes on the accepted answer, changed, given again, then the acceptance moved, undone and the answer deleted.
@example(history=[("accept", 0), ("survey", 0, "yes"), ("survey", 0, "no"), ("survey", 0, "yes"), ("accept", 1),
                  ("accept", 0), ("delete", 1, False), ("undelete", 1), ("delete", 0, False)])
def test_any_history_stays_consistent(make_database, history):
    url = make_database()  # a fresh copy of the migrated database per example
    # A low daily cap (two upvotes) and votes that may change for days, so histories reach both.
    app = create_app({**TEST_CONFIG, "SQLALCHEMY_DATABASE_URI": url, "REPUTATION_DAILY_CAP": 15,
                      "VOTE_LOCK_MINUTES": 7 * 24 * 60})
    with app.app_context(), privileges.replaying_history():
        from app.models import Tag

        db.session.add(Tag(name="t"))
        db.session.commit()
        moment = START
        with clock.frozen(moment):
            users, moderator, items = _build()
        for step_ in history:
            if step_[0] == "wait":
                moment += timedelta(hours=step_[1])
                continue
            try:
                with clock.frozen(moment):
                    _apply(step_, users, moderator, items)
                db.session.commit()
            except DomainError:
                db.session.rollback()  # a refused action (own post, deleted post …) changes nothing
            for item in items:
                db.session.refresh(item)
        assert ledger.recompute(check=True) == []
        sums = dict(db.session.execute(select(ReputationEvent.user_id, func.sum(ReputationEvent.delta))
                                       .group_by(ReputationEvent.user_id)).all())
        for user in db.session.scalars(select(User)):
            assert user.ledger_total == sums.get(user.id, 0)
            assert user.reputation == max(1, 1 + user.ledger_total) >= 1
        held = db.session.execute(select(BadgeAward.user_id, BadgeAward.badge, func.count())
                                  .group_by(BadgeAward.user_id, BadgeAward.badge)).all()
        assert all(n == 1 for _, slug, n in held if not BY_SLUG[slug].repeatable)
        # A recount from an empty ledger writes what the actions wrote, one by one, and the same totals.
        incremental = _ledger_by_key()
        totals = {u.id: (u.ledger_total, u.reputation) for u in db.session.scalars(select(User))}
        db.session.execute(ReputationEvent.__table__.delete())
        db.session.execute(User.__table__.update().values(ledger_total=0, reputation=1))
        ledger.recompute()
        db.session.commit()
        assert _ledger_by_key() == incremental
        assert {u.id: (u.ledger_total, u.reputation) for u in db.session.scalars(select(User))} == totals
        db.session.remove()
        db.engine.dispose()
