"""Answers that SQLite and PostgreSQL drivers give differently, pinned (`make test` runs this on both).

psycopg reports an INSERT's rowcount as -1 once SQLAlchemy has closed the cursor, unless the
statement asks to keep it; SQLite keeps it. Code that counts inserted rows must hold on both.
"""

from app import clock
from app.badges import awards
from app.extensions import db
from app.questions import operations


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
