"""A receiving process killed (SIGKILL) half-way through processing a message, after the question was written
but before the commit: the message stays stored and waiting, nothing is posted, and processing it again (the
command, or the relay delivering it again) posts it exactly once."""

import multiprocessing
import os
import signal
import time
from pathlib import Path

from sqlalchemy import func, select

from app import create_app
from app.extensions import db
from app.models import InboundMessage, OutgoingMail, Question
from tests.conftest import TEST_CONFIG
from tests.integration import mail_world
from tests.integration.mail_world import PRODUCT

RAW = (f"From: Grace Hopper <grace@example.com>\nTo: {PRODUCT}\nSubject: The grinder of my Aurora One is stuck\n"
       "Message-ID: <crash-1@example.com>\nContent-Type: text/plain; charset=utf-8\n\n"
       "Since this morning the grinder of my Aurora One turns but no coffee comes out.\n").encode()


def _receive_and_hang(database_url: str, index_dir: str, written: str) -> None:
    """Receive RAW; once its question is written (flushed, not committed), say so and wait to be killed."""
    from app.inbound import operations, receiving

    app = create_app({**TEST_CONFIG, **mail_world.CONFIG, "SQLALCHEMY_DATABASE_URI": database_url,
                      "SEARCH_INDEX_DIR": index_dir})
    posted = operations._posted

    def posted_then_hang(context, question):
        posted(context, question)
        db.session.flush()
        Path(written).write_text(str(question.id))
        time.sleep(600)

    operations._posted = posted_then_hang
    with app.app_context():
        receiving.deliver(RAW)


def questions() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(Question))


def test_a_process_killed_mid_ingest_leaves_the_message_to_be_processed_exactly_once(
        app, make_user, make_question, make_answer, database_url, search_index_dir, tmp_path):
    app.config.update(mail_world.CONFIG)
    mail_world.build(make_user, make_question, make_answer)
    before = questions()
    written = tmp_path / "written"
    child = multiprocessing.get_context("spawn").Process(
        target=_receive_and_hang, args=(database_url, str(search_index_dir), str(written)), daemon=True)
    child.start()
    deadline = time.monotonic() + 60
    while not written.exists():
        assert child.is_alive() and time.monotonic() < deadline, "the receiver never reached the write"
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    assert child.exitcode == -signal.SIGKILL

    db.session.remove()
    [stored] = db.session.scalars(select(InboundMessage)).all()
    assert (stored.status, stored.attempts, stored.post_id) == ("received", 0, None)  # kept, untouched
    assert questions() == before  # nothing half-posted
    assert db.session.scalar(select(func.count()).select_from(OutgoingMail).where(
        OutgoingMail.kind == "inbound.acknowledged")) == 0

    result = app.test_cli_runner().invoke(args=["mail", "inbound", "process"])
    assert result.exit_code == 0 and "1 posted" in result.output, result.output
    assert questions() == before + 1
    from app.inbound import receiving

    again = receiving.deliver(RAW)  # the relay, never told, delivers it again
    assert again.status == "duplicate" and questions() == before + 1
    assert "none" in app.test_cli_runner().invoke(args=["mail", "inbound", "process"]).output
    assert db.session.scalar(select(func.count()).select_from(OutgoingMail).where(
        OutgoingMail.kind == "inbound.acknowledged")) == 1
