"""The edit history: ten revisions a page, each compared with the one before it, also across pages."""

import time

from app.extensions import db
from app.questions import operations as posts


def test_the_history_is_paged_and_each_revision_shows_what_it_changed(client, make_user, make_question):
    asker = make_user("giulia")
    question = make_question(asker)
    for number in range(2, 13):
        posts.edit_question(asker, question, question.title, f"The red light blinks {number} times, then stops.",
                            "aurora-one", f"edit {number}")
    db.session.commit()
    first = client.get(f"/posts/{question.id}/revisions").get_data(as_text=True)
    assert [n for n in range(1, 13) if f"Revision {n}\n" in first] == list(range(3, 13))
    assert 'rel="next"' in first and '<meta name="robots" content="noindex">' in first
    second = client.get(f"/posts/{question.id}/revisions?page=2").get_data(as_text=True)
    assert [n for n in range(1, 13) if f"Revision {n}\n" in second] == [1, 2]
    # Revision 3, last on the first page, is compared with revision 2 from the next.
    assert "blinks <del>2</del><ins>3</ins> times" in first


def test_a_history_of_long_rewrites_renders_quickly(client, make_user, make_question):
    asker = make_user("giulia")
    question = make_question(asker)
    words = [f"w{i % 97}" for i in range(5000)]
    for number in range(10):
        body = " ".join(words[::-1] if number % 2 else words)[:30000] + f" {number}"
        posts.edit_question(asker, question, question.title, body, "aurora-one", "rewrite")
    db.session.commit()
    started = time.perf_counter()
    response = client.get(f"/posts/{question.id}/revisions")
    assert response.status_code == 200 and time.perf_counter() - started < 2  # ~0.1 s here; minutes before
