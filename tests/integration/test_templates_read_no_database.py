"""The question page, the lists, search results and the FAQ render from what was read before rendering.

Every statement is counted with whether a template (a whole template, a template module or a macro) was being
rendered when it ran: a template that reads the database (a global that queries, a lazy relationship of a model
handed to it) makes the page's cost and its cache key depend on what the template happens to touch. Each page
is read by a visitor, a member (fresh, then from the copy kept for members alike), the asker and the brand team.
"""

from contextlib import contextmanager

import jinja2
import pytest
from jinja2.runtime import Macro
from sqlalchemy import event, select

from app.extensions import db
from app.faq import operations as faq
from app.models import ImportSource, Tag
from app.moderation import operations as moderation
from app.questions import official_answers
from app.questions import operations as posts
from app.reputation.privileges import replaying_history
from app.votes.operations import cast_vote


@contextmanager
def statements_while_rendering():
    """The SQL statements run while a template renders, with the template or macro that was rendering."""
    rendering: list[str] = []
    seen: list[tuple[str, str]] = []

    def wrap(original, name_of):
        def wrapper(self, *args, **kwargs):
            rendering.append(name_of(self))
            try:
                return original(self, *args, **kwargs)
            finally:
                rendering.pop()
        return wrapper

    patched = [(jinja2.Template, "render", lambda t: t.name), (jinja2.Template, "make_module", lambda t: t.name),
               (Macro, "__call__", lambda m: f"macro {m.name}")]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patched]

    def record(conn, cursor, statement, parameters, context, executemany):
        if rendering:
            seen.append((rendering[-1], statement.split("\n")[0][:120]))

    for owner, name, name_of in patched:
        setattr(owner, name, wrap(getattr(owner, name), name_of))
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
        for owner, name, original in originals:
            setattr(owner, name, original)


@pytest.fixture
def world(make_user, make_question, make_answer):
    """A thread with every mark its page shows, and a duplicate of it; returns the pages' addresses and readers."""
    asker, helper = make_user("giulia", reputation=200), make_user("marco", reputation=200)
    moderator, reader = make_user("marta", role="moderator"), make_user("piero", reputation=200)
    question = make_question(asker)
    answer = make_answer(helper, question)
    official = make_answer(make_user("lucia"), question, "Clean the burrs with the brush, then grind rice once.")
    with replaying_history():
        posts.accept_answer(asker, answer)
        official_answers.mark_official(moderator, official, "Confirmed for firmware 2.3")
        posts.add_comment(asker, answer, "Thanks, the **reset** worked for me.")
        posts.add_comment(helper, question, "Which model is it?")
        tag = db.session.scalar(select(Tag).where(Tag.name == "aurora-one"))
        faq.save_entry(moderator, question, "Error E04 after descaling", answer, tag, None)
        cast_vote(reader, answer, 1)
        copy = posts.ask_question(make_user("paolo"), "Error E04 again after descaling the machine",
                                  "Same here: the red light blinks three times.", "aurora-one", "en")
        db.session.flush()
        moderation.close_question(moderator, copy, "duplicate", question)
    db.session.add(ImportSource(site="coffee.stackexchange.com", kind="question", source_id=501, local_id=question.id))
    db.session.commit()
    readers = {"visitor": None, "member": reader, "asker": asker, "moderator": moderator}
    pages = [f"/questions/{question.id}/{question.slug}", f"/questions/{copy.id}/{copy.slug}", "/",
             "/questions?tab=active", "/questions?tab=unanswered", "/questions?tab=votes", "/tags",
             "/tags/aurora-one", "/search?q=descaling", "/faq", "/faq/aurora-one"]
    return pages, readers


def test_pages_read_nothing_while_they_render(app, world):
    pages, readers = world
    problems = []
    for who, user in readers.items():
        client = app.test_client()
        if user is not None:
            with client.session_transaction() as session:
                session["_user_id"], session["_fresh"] = user.get_id(), True
        for path in pages:
            for attempt in ("fresh", "kept"):  # the second read is served from what the first one kept
                with statements_while_rendering() as seen:
                    response = client.get(path)
                assert response.status_code == 200, (who, path, response.status_code)
                problems += [f"{who} {path} ({attempt}): {where}: {sql}" for where, sql in seen]
    assert not problems, "\n".join(problems)


def test_a_query_from_a_template_is_caught(app, world):
    """The check above sees a statement a template runs (a template global that queries)."""
    app.jinja_env.globals["count_tags"] = lambda: db.session.scalar(select(Tag.id).limit(1))
    template = app.jinja_env.from_string("{{ count_tags() }}")
    with app.test_request_context("/"), statements_while_rendering() as seen:
        template.render()
    assert len(seen) == 1
