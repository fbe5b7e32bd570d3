"""Several processes vote on one answer at once (a file SQLite database in WAL mode, or PostgreSQL):
the final score and reputation are exact and nobody sees 'database is locked' or a deadlock."""

import multiprocessing

from sqlalchemy import func, select

from app import create_app
from app.extensions import db
from app.models import Post, User, Vote
from app.reputation import ledger
from tests.conftest import TEST_CONFIG

PROCESSES, VOTERS_PER_PROCESS = 4, 15
CONFIG = {**TEST_CONFIG, "REPUTATION_DAILY_CAP": 10**6}


def _vote_storm(database_url: str, answer_id: int, voter_ids: list[int]) -> list[str]:
    from app.reputation import privileges
    from app.votes import operations as votes

    app = create_app({**CONFIG, "SQLALCHEMY_DATABASE_URI": database_url})
    errors = []
    with app.app_context(), privileges.replaying_history():
        for n, voter_id in enumerate(voter_ids):
            # up, then for some a change to down, then for some a retraction: each its own request
            for value in [1, -1, 0][: 1 + n % 3]:
                try:
                    votes.cast_vote(db.session.get(User, voter_id), db.session.get(Post, answer_id), value)
                    db.session.commit()
                except Exception as error:  # noqa: BLE001  (any error here is what the test reports)
                    db.session.rollback()
                    errors.append(repr(error))
    return errors


def test_vote_storm_is_exact(app, database_url, make_user, make_question, make_answer):
    app.config.update(CONFIG)
    author = make_user("author")
    answer = make_answer(author, make_question(make_user("asker")))
    voters = [make_user(f"voter{n}").id for n in range(PROCESSES * VOTERS_PER_PROCESS)]
    url = database_url
    context = multiprocessing.get_context("spawn")
    with context.Pool(PROCESSES) as pool:
        slices = [voters[i::PROCESSES] for i in range(PROCESSES)]
        results = pool.starmap(_vote_storm, [(url, answer.id, s) for s in slices])
    assert [e for errors in results for e in errors] == []
    db.session.expire_all()
    total = db.session.scalar(select(func.coalesce(func.sum(Vote.value), 0)).where(Vote.post_id == answer.id))
    ups = db.session.scalar(select(func.count()).select_from(Vote).where(Vote.post_id == answer.id, Vote.value == 1))
    downs = db.session.scalar(select(func.count()).select_from(Vote).where(Vote.post_id == answer.id, Vote.value == -1))
    assert ups == downs == VOTERS_PER_PROCESS * PROCESSES // 3
    assert db.session.get(Post, answer.id).score == total == 0
    assert db.session.get(User, author.id).reputation == max(1, 1 + 10 * ups - 2 * downs)
    assert ledger.recompute(check=True) == []
