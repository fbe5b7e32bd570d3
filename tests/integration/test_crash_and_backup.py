"""A writer killed with SIGKILL in the middle of a stream of writes leaves a consistent database (integrity
check, counters and reputation equal their recomputed values) and a search index that `flask search sync`
repairs; `flask backup` copies a database that is being written to, and `flask restore` puts back
everything committed before the backup began."""

import multiprocessing
import os
import random
import signal
import sqlite3
import time

import pytest
from sqlalchemy import func, select, text

from app import create_app
from app.extensions import db
from app.models import Answer, Post, Question, User
from app.questions import counters
from app.reputation import ledger
from tests.conftest import TEST_CONFIG

KILLS = 3
CONFIG = {**TEST_CONFIG, "REPUTATION_DAILY_CAP": 10**6, "VOTES_PER_DAY": 10**6, "MAIL_SEND_AFTER_COMMIT": False}


def _write_forever(database_url: str, index_dir: str, user_ids: list[int], seed: int) -> None:
    """Ask, answer, comment, vote and edit, one committed request after another, until killed."""
    from app.questions import operations as posts
    from app.reputation import privileges
    from app.votes import operations as votes

    app = create_app({**CONFIG, "SQLALCHEMY_DATABASE_URI": database_url, "SEARCH_INDEX_DIR": index_dir})
    chance = random.Random(seed)
    with app.app_context(), privileges.replaying_history():
        for n in range(10**9):
            user = db.session.get(User, chance.choice(user_ids))
            questions = db.session.scalars(select(Question).order_by(Question.id.desc()).limit(5)).all()
            step = n % 5
            if step == 0 or not questions:
                posts.ask_question(user, f"Question {seed}-{n}: the pump hums but no water comes out",
                                   f"Since the last descaling the pump hums and nothing flows ({seed}-{n}).",
                                   "aurora-one", "en")
            elif step == 1:
                posts.post_answer(user, chance.choice(questions), f"Prime the pump with the steam wand ({seed}-{n}).")
            elif step == 2:
                posts.add_comment(user, chance.choice(questions), f"Which model is it? ({seed}-{n})")
            elif step == 3:
                target = db.session.scalars(select(Post).where(Post.author_id != user.id)
                                            .order_by(Post.id.desc()).limit(10)).all()
                if target:
                    votes.cast_vote(user, chance.choice(target), chance.choice([1, -1, 0]))
            else:
                own = db.session.scalar(select(Question).where(Question.author_id == user.id)
                                        .order_by(Question.id.desc()).limit(1))
                if own is not None:
                    posts.edit_question(user, own, own.title, own.body_markdown + f" Edit {n}.", "aurora-one", "")
            db.session.commit()


def _posts() -> int:
    with db.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Post))


def _start_writer(database_url, index_dir, user_ids, seed):
    process = multiprocessing.get_context("spawn").Process(
        target=_write_forever, args=(database_url, index_dir, user_ids, seed), daemon=True)
    process.start()
    return process


def _wait_for_posts(at_least: int, process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while _posts() < at_least:
        assert process.is_alive(), "the writer died on its own"
        assert time.monotonic() < deadline, "the writer made no progress"
        time.sleep(0.05)


@pytest.fixture
def sqlite_only(database_url):
    """The integrity check and the online backup API need a file SQLite database (the SQLite pass)."""
    assert database_url.startswith("sqlite"), "marked sqlite_only: runs in the SQLite pass"
    return database_url


@pytest.fixture
def community(app, sqlite_only, make_user, tags):
    app.config.update(CONFIG)
    return [make_user(f"member{n}").id for n in range(6)]


@pytest.mark.sqlite_only
def test_a_killed_writer_leaves_a_consistent_database_and_a_repairable_index(app, sqlite_only, community,
                                                                            search_index_dir, request):
    seen = 0
    for kill in range(KILLS):
        writer = _start_writer(sqlite_only, str(search_index_dir), community, kill)
        _wait_for_posts(seen + 8, writer)
        time.sleep(random.uniform(0, 0.3))  # somewhere in the middle of a write
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        assert writer.exitcode == -signal.SIGKILL
        seen = _posts()
    db.session.remove()
    with db.engine.connect() as connection:
        assert connection.scalar(text("PRAGMA integrity_check")) == "ok"
        assert connection.scalar(text("PRAGMA foreign_key_check")) is None
    assert counters.find_drift() == []
    assert ledger.recompute(check=True) == []
    runner = app.test_cli_runner()
    assert runner.invoke(args=["counters", "rebuild", "--check"]).exit_code == 0
    sync = runner.invoke(args=["search", "sync"])
    assert sync.exit_code == 0, sync.output
    check = runner.invoke(args=["search", "check"])
    assert check.exit_code == 0, check.output
    assert db.session.scalar(select(func.count()).select_from(Answer)) > 0
    with request.config.pluginmanager.get_plugin("capturemanager").global_and_fixture_disabled():
        print(f"\ncrash runs: {KILLS} writers killed (SIGKILL) mid-stream, {seen} posts written")


@pytest.mark.sqlite_only
def test_backup_of_a_live_database_and_restore(app, sqlite_only, community, search_index_dir, tmp_path):
    writer = _start_writer(sqlite_only, str(search_index_dir), community, 99)
    try:
        _wait_for_posts(10, writer)
        committed = {row.id: row.body_markdown for row in db.session.execute(select(Post.id, Post.body_markdown))}
        db.session.remove()
        result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "backups" / "site.db")])
        assert result.exit_code == 0, result.output
        _wait_for_posts(len(committed) + 5, writer)  # it kept writing during and after the backup
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
    later = _posts()
    assert "Backed up the database" in result.output
    with sqlite3.connect(tmp_path / "backups" / "site.db") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = dict(copy.execute("SELECT id, body_markdown FROM posts").fetchall())
    assert committed.items() <= kept.items()  # nothing committed before the backup began is missing

    result = app.test_cli_runner().invoke(args=["restore", str(tmp_path / "backups" / "site.db"), "--yes"])
    assert result.exit_code == 0, result.output
    assert "flask search reindex" in result.output
    db.session.remove()
    restored = {row.id: row.body_markdown for row in db.session.execute(select(Post.id, Post.body_markdown))}
    assert restored == kept and len(restored) < later
    assert counters.find_drift() == [] and ledger.recompute(check=True) == []
    with db.engine.connect() as connection:
        assert connection.scalar(text("PRAGMA integrity_check")) == "ok"
    assert app.test_cli_runner().invoke(args=["search", "reindex"]).exit_code == 0
    assert app.test_cli_runner().invoke(args=["search", "check"]).exit_code == 0


@pytest.mark.sqlite_only
def test_restore_refuses_a_damaged_file_and_asks_first(app, sqlite_only, tmp_path):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["restore", str(damaged)], input="n\n").exit_code == 1
    result = runner.invoke(args=["restore", str(damaged), "--yes"])
    assert result.exit_code == 1
    assert db.session.scalar(select(func.count()).select_from(User)) == 0  # the live database is untouched


@pytest.mark.postgres_only
def test_postgres_backup_and_restore(app, database_url, make_user, make_question, tmp_path):
    import shutil

    assert database_url.startswith("postgresql") and shutil.which("pg_dump"), "needs PostgreSQL and pg_dump"
    author = make_user("giulia")
    kept = make_question(author).id
    db.session.remove()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["backup", str(tmp_path / "site.dump")])
    assert result.exit_code == 0, result.output
    later = make_question(author, title="A question asked after the backup was taken").id
    db.session.remove()
    result = runner.invoke(args=["restore", str(tmp_path / "site.dump"), "--yes"])
    assert result.exit_code == 0, result.output
    ids = set(db.session.scalars(select(Question.id)))
    assert kept in ids and later not in ids
    assert counters.find_drift() == [] and ledger.recompute(check=True) == []
