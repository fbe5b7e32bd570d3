"""Answers that SQLite and PostgreSQL drivers give differently, pinned (`make test` runs this on both).

psycopg reports an INSERT's rowcount as -1 once SQLAlchemy has closed the cursor, unless the
statement asks to keep it; SQLite keeps it. Code that counts inserted rows must hold on both.
"""

from sqlalchemy import DateTime, bindparam, select

from app import clock
from app.badges import awards
from app.extensions import db, plain_rows
from app.models import Post
from app.questions import operations, queries
from app.questions.view_models import page_statement
from tests.conftest import statements


def test_an_award_already_held_is_not_inserted_twice(app, make_user):
    # The path a concurrent request takes when it awards the same badge a moment after another.
    user = make_user()
    row = {"user_id": user.id, "badge": "helper", "award_key": "", "post_id": None, "tag_id": None,
           "awarded_at": clock.now()}
    assert awards._insert_ignoring_duplicates([row]) == [row]
    assert awards._insert_ignoring_duplicates([dict(row)]) == []
    db.session.commit()


def test_a_repeated_view_is_not_counted(app, make_user, make_question):
    question = make_question(make_user())
    assert operations.record_view(question.id, "visitor", 30) is True
    assert operations.record_view(question.id, "visitor", 30) is False
    assert operations.record_view(question.id, "another", 30) is True
    db.session.commit()


def test_a_kept_statement_sent_as_driver_text_reads_what_the_engine_reads(app, make_user, make_question, make_answer):
    """The hot pages' statements are compiled once and sent as the driver's text (`plain_rows`): the rows must be
    the engine's own, on both drivers, and each statement still seen by the engine's events (the statement counts
    of tests and bench read them)."""
    question = make_question(make_user())
    for _ in range(3):
        make_answer(make_user(), question)
    db.session.commit()
    page = page_statement(False).statement
    _count, listing = queries._run("newest", False, None)
    with db.engine.connect() as connection:
        for statement, parameters in ((page, {"question_id": question.id}), (listing, {"limit": 30, "offset": 0})):
            with statements() as seen:
                rows = plain_rows(connection, statement, parameters)
            assert len(seen) == 1
            assert rows == [tuple(row) for row in connection.execute(statement, parameters)]
        assert sum(row[0] == "answer" for row in plain_rows(connection, page, {"question_id": question.id})) == 3


def test_statements_whose_values_the_engine_converts_or_expands_still_read_right(app, make_user, make_question):
    """A statement with an expanding IN list, or a value the dialect converts (a moment, stored as text on
    SQLite), is sent the engine's way by `plain_rows`."""
    first, second = make_question(make_user()), make_question(make_user())
    db.session.commit()
    by_ids = select(Post.id).where(Post.id.in_(bindparam("ids", expanding=True))).order_by(Post.id)
    since = select(Post.id).where(Post.created_at >= bindparam("since", type_=DateTime)).order_by(Post.id)
    with db.engine.connect() as connection:
        assert plain_rows(connection, by_ids, {"ids": [first.id, second.id]}) == [(first.id,), (second.id,)]
        assert plain_rows(connection, by_ids, {"ids": [second.id]}) == [(second.id,)]
        assert plain_rows(connection, since, {"since": second.created_at}) == [(second.id,)]
