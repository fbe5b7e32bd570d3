"""Reputation and badge rebuild benchmark: bulk-seed a community, then time the project's own commands.

    .venv/bin/python bench/reputation_bench.py --questions 10000      # ~100,000 votes
    .venv/bin/python bench/reputation_bench.py --questions 100000     # ~1,000,000 votes

Seeds users, questions, answers, votes and acceptances with bulk inserts (no ledger, no badges),
then runs `ledger.recompute()` (which writes the whole ledger from the primary data), a second
`recompute(check=True)` (which must find nothing), and `awards.backfill()`. Prints the rows and
rates and writes bench/results/reputation-<date>.md. Not part of `make test`.
"""

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, insert, select  # noqa: E402

from app import create_app  # noqa: E402  (after the path insert above)
from app.badges import awards  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import BadgeAward, Post, ReputationEvent, Tag, User, Vote, question_tags  # noqa: E402
from app.reputation import ledger  # noqa: E402

VOTES_PER_QUESTION = 10  # on the question and its answers
ANSWERS_PER_QUESTION = 3


def seed(questions: int, users: int, rng: random.Random) -> dict[str, int]:
    start = datetime.now(UTC) - timedelta(days=3 * 365)
    db.session.execute(insert(Tag), [{"name": f"product-{n}", "description": ""} for n in range(20)])
    db.session.execute(insert(User), [
        {"username": f"member{n}", "username_key": f"member{n}", "email": f"member{n}@bench.example",
         "display_name": f"Member {n}", "session_token": f"t{n}", "created_at": start} for n in range(users)])
    active = [rng.paretovariate(1.2) for _ in range(users)]  # a long tail: few people do most of the work
    post_id, votes, rows, tags, accepts = 0, 0, [], [], {}
    for q in range(questions):
        asked = start + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        post_id += 1
        question_id, asker = post_id, rng.randrange(1, users + 1)
        rows.append(_post(question_id, "question", asker, asked, None, f"Question {q}"))
        tags.append({"question_id": question_id, "tag_id": 1 + min(19, int(rng.expovariate(0.3)))})
        answer_ids = []
        for _ in range(rng.choice([0, 1, 2, 3, 3, 4, 5, 6])):
            post_id += 1
            answerer = rng.choices(range(1, users + 1), weights=active)[0]
            rows.append(_post(post_id, "answer", answerer, asked + timedelta(hours=rng.random() * 48), question_id))
            answer_ids.append(post_id)
        if answer_ids and rng.random() < 0.45:
            accepts[question_id] = rng.choice(answer_ids)
        votes += _votes([question_id, *answer_ids], asked, users, rng)
        if len(rows) > 20_000:
            _flush(rows, tags)
    _flush(rows, tags)
    for question_id, answer_id in accepts.items():
        db.session.execute(Post.__table__.update().where(Post.id == question_id).values(accepted_answer_id=answer_id))
    db.session.execute(Post.__table__.update().values(score=select(func.coalesce(func.sum(Vote.value), 0))
                                                      .where(Vote.post_id == Post.id).scalar_subquery()))
    db.session.commit()
    return {"users": users, "questions": questions, "posts": post_id, "votes": votes, "accepted": len(accepts)}


def _post(post_id, kind, author, created, parent, title=None):
    return {"id": post_id, "kind": kind, "author_id": author, "body_markdown": "…", "body_html": "<p>…</p>",
            "created_at": created, "last_activity_at": created, "parent_id": parent, "title": title,
            "slug": "q" if title else None, "language": "en"}


_pending_votes: list[dict] = []


def _votes(post_ids, asked, users, rng) -> int:
    voters = rng.sample(range(1, users + 1), min(users, VOTES_PER_QUESTION))
    for voter in voters:
        _pending_votes.append({"user_id": voter, "post_id": rng.choice(post_ids),
                               "value": 1 if rng.random() < .9 else -1,
                               "created_at": asked + timedelta(hours=rng.random() * 72)})
    return len(voters)


def _flush(rows, tags):
    if rows:
        db.session.execute(insert(Post.__table__), rows)
    if tags:
        db.session.execute(insert(question_tags), tags)
    unique = {(v["user_id"], v["post_id"]): v for v in _pending_votes}
    if unique:
        db.session.execute(insert(Vote.__table__).prefix_with("OR IGNORE"), list(unique.values()))
    rows.clear(), tags.clear(), _pending_votes.clear()


def timed(label, function):
    """Run it; wall and CPU seconds (the machine may be busy: CPU time is the steadier figure)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = function()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"{label}: {seconds:.1f} s (CPU {cpu:.1f} s)", flush=True)
    return result, (seconds, cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=None)
    args = parser.parse_args()
    users = args.users or max(100, args.questions // 5)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.db", "SECRET_KEY": "bench",
                          "SITE_URL": "http://localhost"})
        with app.app_context():
            from flask_migrate import upgrade

            upgrade()
            counts, (seed_s, _) = timed("seed", lambda: seed(args.questions, users, random.Random(7)))
            votes = db.session.scalar(select(func.count()).select_from(Vote))
            _, recompute_s = timed("reputation recompute (writes the ledger)", lambda: ledger.recompute())
            db.session.commit()
            ledger_rows = db.session.scalar(select(func.count()).select_from(ReputationEvent))
            found, check_s = timed("reputation recompute --check", lambda: ledger.recompute(check=True))
            awarded, backfill_s = timed("badges backfill", lambda: awards.backfill())
            db.session.commit()
            awards_rows = db.session.scalar(select(func.count()).select_from(BadgeAward))
    report = [
        f"# Reputation and badges rebuild — {date.today()}", "",
        f"Seeded {counts['users']:,} users, {counts['questions']:,} questions, "
        f"{counts['posts'] - counts['questions']:,} answers, {votes:,} votes, {counts['accepted']:,} accepted answers "
        f"in {seed_s:.1f} s (SQLite).", "",
        "| command | wall | CPU | rows | rate |", "|---|---|---|---|---|",
        f"| reputation recompute (empty ledger) | {recompute_s[0]:.1f} s | {recompute_s[1]:.1f} s "
        f"| {ledger_rows:,} ledger rows from {votes:,} votes | {votes / recompute_s[0]:,.0f} votes/s |",
        f"| reputation recompute --check | {check_s[0]:.1f} s | {check_s[1]:.1f} s | {len(found)} differences "
        f"| {votes / check_s[0]:,.0f} votes/s |",
        f"| badges backfill | {backfill_s[0]:.1f} s | {backfill_s[1]:.1f} s | {awards_rows:,} awards | — |",
    ]
    print("\n".join(report))
    out = ROOT / "bench" / "results" / f"reputation-{date.today()}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(report) + "\n")
    if found:
        raise SystemExit("recompute --check found differences after a full recompute")


if __name__ == "__main__":
    main()
