"""A question page costs the same few SQL statements with 1 answer as with 50 (no query per answer or
comment), and no page view renders Markdown: posts are rendered once, when written."""

from contextlib import contextmanager

import markdown
import pytest

from app.extensions import db
from app.questions import operations
from tests.conftest import statements

MAX_STATEMENTS = 10


@contextmanager
def markdown_renders(monkeypatch):
    calls: list[str] = []
    convert = markdown.Markdown.convert

    def counted(self, source):
        calls.append(source)
        return convert(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", counted)
    yield calls


@pytest.fixture
def threads(make_user, make_question, make_answer):
    """A question with one answer and one with fifty, every answer commented on."""
    asker = make_user("giulia")
    helpers = [make_user(f"helper{n}") for n in range(50)]
    short = make_question(asker, title="The grinder makes a grinding noise after cleaning")
    long = make_question(asker, title="The pump hums but no water comes out of the group")
    for helper in helpers[:1]:
        answer = make_answer(helper, short)
        operations.add_comment(asker, answer, "Thanks, I will try the `E04` reset tonight.")
    for helper in helpers:
        answer = make_answer(helper, long)
        operations.add_comment(asker, answer, "Thanks, I will try the `E04` reset tonight.")
    db.session.commit()
    return short, long, asker


def url(question) -> str:
    return f"/questions/{question.id}/{question.slug}"


def count_page(client, question, rendered: bool = True) -> int:
    """Statements for a steady reader's request; `rendered` drops the visitors' kept renders and fragments first,
    so the page is built from the database rather than served from the process's copies."""
    page = url(question)  # outside the count: the test's own copy of the question is reloaded here
    client.get(page)  # the first view is counted (a write); measure a steady reader
    if rendered:  # kept pages, and the parts and values kept for them (related questions)
        for kept in ("rendered_pages", "rendered_fragments"):
            client.application.extensions[kept].entries.clear()
    with statements() as seen:
        response = client.get(page)
    assert response.status_code == 200
    return len(seen)


def test_a_question_page_costs_the_same_statements_with_1_and_50_answers(client, threads):
    short, long, _ = threads
    one, fifty = count_page(client, short), count_page(client, long)
    assert one == fifty
    assert fifty <= MAX_STATEMENTS


def test_a_kept_render_costs_fewer_statements_and_still_none_per_answer(client, threads):
    short, long, _ = threads
    kept_one, kept_fifty = count_page(client, short, rendered=False), count_page(client, long, rendered=False)
    assert kept_one == kept_fifty
    # Rendering reads nothing (tests/integration/test_templates_read_no_database.py): a render costs the one
    # statement that decides the key, as a kept page does.
    assert kept_fifty <= count_page(client, long)


def test_logged_in_the_count_does_not_grow_with_answers_either(client, auth, threads):
    short, long, asker = threads
    auth.login(asker)
    assert count_page(client, short) == count_page(client, long)


def test_no_get_renders_markdown(client, auth, threads, monkeypatch):
    short, long, asker = threads
    pages = ["/", "/questions?tab=unanswered", "/tags", "/badges", "/faq", url(short), url(long),
             f"/users/{asker.id}", "/search?q=pump", "/search/suggest?q=grinder+noise", f"/posts/{long.id}/revisions"]
    with markdown_renders(monkeypatch) as renders:
        for page in pages:
            assert client.get(page, follow_redirects=True).status_code == 200, page
        auth.login(asker)
        for page in pages:
            assert client.get(page, follow_redirects=True).status_code == 200, page
    assert renders == []


def test_the_counter_notices_markdown_when_it_is_rendered(client, auth, threads, monkeypatch):
    """The check above could pass by counting nothing: a write does render."""
    _, long, asker = threads
    auth.login(asker)
    with markdown_renders(monkeypatch) as renders:
        client.post(f"/posts/{long.id}/comments", data={"body": "One more *detail*: it is the 2024 model."})
    assert len(renders) == 1



def test_a_reload_within_the_window_does_not_read_the_view_again(client, threads):
    """The process remembers whom it counted and when; the first view is read (and written) as before."""
    short, _, _ = threads
    with statements() as first:
        client.get(url(short))
    with statements() as reload:
        client.get(url(short))
    assert [s for s in first if "question_views" in s]
    assert not [s for s in reload if "question_views" in s]
