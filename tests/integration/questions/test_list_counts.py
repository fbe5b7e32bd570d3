"""The lists' totals are kept, and keyed on the database's change stamp: a write shows in the total at once,
whichever process made it."""

import re

from sqlalchemy import text

from app.extensions import db
from tests.conftest import statements
from tests.integration.rendered_forms import rendered_form


def shown_total(client, path: str = "/questions") -> int:
    page = client.get(path, headers={"Accept-Language": "en"}).get_data(as_text=True)
    return int(re.search(r'<p class="count">([\d,]+) questions?</p>', page).group(1).replace(",", ""))


def counts_run(client, path: str = "/questions") -> int:
    with statements() as seen:
        client.get(path, headers={"Accept-Language": "en"})
    return sum("count(" in statement.lower() for statement in seen)


def test_a_total_is_kept_while_nothing_it_counts_changes(client, make_user, make_question):
    make_question(make_user())
    shown_total(client)
    assert counts_run(client) == 0


def test_a_question_asked_is_in_the_total_at_once(client, auth, make_user, make_question):
    make_question(make_user())
    before = shown_total(client)
    assert counts_run(client) == 0  # the total is kept: what follows is not a fresh count each time

    asker = make_user("lucia")
    auth.login(asker)
    form = rendered_form(client.get("/questions/ask").get_data(as_text=True))
    asked = form.submit(client, "/questions/ask", {
        "title": "The grinder stops after two seconds", "language": "en", "tags": "aurora-one",
        "body": "It starts, then stops after two seconds, every time I try."})
    assert asked.status_code == 302, asked.get_data(as_text=True)[:2000]

    assert shown_total(client) == before + 1


def test_a_change_committed_by_another_server_is_in_the_total_at_once(app, client, make_user, make_question):
    """Another app server shares only the database: its commit moves the stamp with its rows, and this process's
    kept total gives way."""
    make_question(make_user(), title="The water tank leaks from below")
    make_question(make_user())
    before = shown_total(client)
    with db.engine.begin() as elsewhere:  # a connection of its own, committing as another server's request does
        elsewhere.execute(text("UPDATE posts SET deleted_at = CURRENT_TIMESTAMP "
                               "WHERE title = 'The water tank leaks from below'"))
        elsewhere.execute(text("UPDATE change_stamps SET value = value + 1 WHERE name = 'lists'"))

    assert shown_total(client) == before - 1
