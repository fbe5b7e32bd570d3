from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import Answer, Comment, Question, Revision, Tag, Vote
from app.questions import counters

GOOD = {"title": "The machine shows error E04 after descaling",
        "body": "The red light blinks three times and the pump stops.", "tags": "aurora-one, descaling"}


def test_ask_creates_question_with_tags_and_first_revision(client, tags, make_user, auth):
    make_user("giulia")
    auth.login("giulia")
    response = client.post("/questions/ask", data=GOOD)
    question = db.session.scalar(select(Question))
    assert response.location == f"/questions/{question.id}/the-machine-shows-error-e04-after-descaling"
    assert [t.name for t in question.tags] == ["aurora-one", "descaling"]
    assert question.body_html.startswith("<p>The red light")
    assert db.session.scalar(select(Revision.number).where(Revision.post_id == question.id)) == 1
    assert db.session.scalar(select(Tag.question_count).where(Tag.name == "descaling")) == 1


@pytest.mark.parametrize("field,value,message", [
    ("title", "Too short", "Use at least 15 characters"),
    ("title", "x" * 151, "Use at most 150 characters"),
    ("body", "tiny", "Use at least 20 characters"),
    ("tags", "", "Choose at least one tag"),
    ("tags", "aurora-one nonsense", "Unknown tag: nonsense"),
    ("tags", "a b c d e f", "Use at most 5 tags"),
])
def test_ask_refusals_keep_text_and_write_nothing(client, tags, make_user, auth, field, value, message):
    make_user("giulia")
    auth.login("giulia")
    response = client.post("/questions/ask", data={**GOOD, field: value})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html and f'id="{field}-error"' in html
    assert "The red light blinks" in html or field == "body"
    assert db.session.scalar(select(Question.id)) is None


def test_ask_shows_every_error_at_once(client, tags, make_user, auth):
    make_user("giulia")
    auth.login("giulia")
    html = client.post("/questions/ask", data={"title": "short", "body": "tiny", "tags": ""}).get_data(as_text=True)
    assert 'id="title-error"' in html and 'id="body-error"' in html and 'id="tags-error"' in html


def test_question_url_redirects_to_canonical_slug(client, make_user, make_question):
    question = make_question(make_user())
    canonical = f"/questions/{question.id}/{question.slug}"
    assert client.get(f"/questions/{question.id}").location == canonical
    response = client.get(f"/questions/{question.id}/wrong-slug?x=1")
    assert response.status_code == 301 and response.location == canonical + "?x=1"
    assert client.get(canonical).status_code == 200
    assert client.get("/questions/9999").status_code == 404


def test_answers_ordered_accepted_then_score_then_oldest(client, make_user, make_question, make_answer):
    asker, a, b, c = (make_user() for _ in range(4))
    voter = make_user(reputation=100)
    question = make_question(asker)
    first, second, third = make_answer(a, question), make_answer(b, question), make_answer(c, question)
    from app.questions.operations import accept_answer
    from app.votes.operations import cast_vote

    cast_vote(voter, second, 1)
    accept_answer(asker, third)
    db.session.commit()
    html = client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
    positions = [html.index(f'id="answer-{x.id}"') for x in (third, second, first)]
    assert positions == sorted(positions)


def test_post_answer_and_refusal(client, make_user, make_question, auth):
    question = make_question(make_user())
    make_user("marco")
    auth.login("marco")
    response = client.post(f"/questions/{question.id}/answers", data={"body": "too short"})
    assert response.status_code == 400 and "too short</textarea>" in response.get_data(as_text=True)
    response = client.post(f"/questions/{question.id}/answers", data={"body": "Descale twice, then reset it."})
    answer = db.session.scalar(select(Answer))
    assert response.location.endswith(f"#answer-{answer.id}")
    assert db.session.get(Question, question.id).answer_count == 1


def test_anonymous_cannot_answer_comment_or_vote(client, make_user, make_question):
    question = make_question(make_user())
    for url, data in [(f"/questions/{question.id}/answers", {"body": "x" * 30}),
                      (f"/posts/{question.id}/comments", {"body": "hello"}),
                      (f"/posts/{question.id}/vote", {"value": "up"}),
                      (f"/posts/{question.id}/delete", {})]:
        response = client.post(url, data=data)
        assert response.status_code == 302 and "/login" in response.location
    response = client.post(f"/posts/{question.id}/vote", data={"value": "up"}, headers={"Accept": "application/json"})
    assert response.status_code == 401 and response.json["error"]["code"] == "unauthorized"


def test_comments_limited_markdown_and_length(client, make_user, make_question, auth):
    question = make_question(make_user())
    make_user("marco", reputation=15)
    auth.login("marco")
    response = client.post(f"/posts/{question.id}/comments", data={"body": "x"})
    assert response.status_code == 400 and "Use at least 2 characters" in response.get_data(as_text=True)
    client.post(f"/posts/{question.id}/comments", data={"body": "# Which *firmware* <script>x</script>?"})
    comment = db.session.scalar(select(Comment))
    assert "<em>firmware</em>" in comment.body_html
    assert "<script" not in comment.body_html and "<h" not in comment.body_html


def test_edit_own_post_keeps_revisions_and_shows_diff(client, make_user, make_question, auth):
    question = make_question(make_user("giulia"))
    auth.login("giulia")
    response = client.post(f"/posts/{question.id}/edit", data={
        "title": "The machine shows error E05 after descaling", "body": question.body_markdown + " Model X.",
        "tags": "aurora-one descaling", "summary": "model added"})
    assert response.status_code == 302
    history = client.get(f"/posts/{question.id}/revisions").get_data(as_text=True)
    assert "<del>E04</del><ins>E05</ins>" in history and "model added" in history
    assert "<ins> Model X.</ins>" in history
    html = client.get(f"/questions/{question.id}/the-machine-shows-error-e05-after-descaling").get_data(as_text=True)
    assert "edited" in html


def test_edit_without_change_is_refused(client, make_user, make_question, auth):
    question = make_question(make_user("giulia"))
    auth.login("giulia")
    response = client.post(f"/posts/{question.id}/edit", data={
        "title": question.title, "body": question.body_markdown, "tags": "aurora-one", "summary": ""})
    assert response.status_code == 400 and "Nothing was changed" in response.get_data(as_text=True)


def test_others_cannot_edit_or_delete(client, make_user, make_question, auth):
    question = make_question(make_user("giulia"))
    make_user("marco")
    auth.login("marco")
    assert client.get(f"/posts/{question.id}/edit").status_code == 403
    assert client.post(f"/posts/{question.id}/edit", data={"title": "x" * 20, "body": "y" * 30,
                                                          "tags": "orders"}).status_code == 403
    assert client.post(f"/posts/{question.id}/delete").status_code == 403
    assert db.session.get(Question, question.id).deleted_at is None


def test_author_deletes_own_question_which_then_is_gone(client, make_user, make_question, auth):
    question = make_question(make_user("giulia"))
    auth.login("giulia")
    assert client.post(f"/posts/{question.id}/delete").status_code == 302
    auth.logout()
    assert client.get(f"/questions/{question.id}/{question.slug}").status_code == 410
    assert question.title not in client.get("/").get_data(as_text=True)
    assert db.session.scalar(select(Tag.question_count).where(Tag.name == "aurora-one")) == 0


def test_question_with_upvoted_answer_cannot_be_deleted_by_author(client, make_user, make_question, make_answer,
                                                                  auth):
    question = make_question(make_user("giulia"))
    answer = make_answer(make_user("marco"), question)
    from app.votes.operations import cast_vote

    cast_vote(make_user("sara", reputation=100), answer, 1)
    db.session.commit()
    auth.login("giulia")
    page = client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
    assert f'action="/posts/{question.id}/delete"' not in page  # the button is not offered
    response = client.post(f"/posts/{question.id}/delete")
    assert response.status_code == 409 and "cannot be deleted" in response.get_data(as_text=True)


def test_deleting_an_answer_updates_the_count(client, make_user, make_question, make_answer, auth):
    question = make_question(make_user("giulia"))
    answer = make_answer(make_user("marco"), question)
    auth.login("marco")
    client.post(f"/posts/{answer.id}/delete")
    assert db.session.get(Question, question.id).answer_count == 0
    assert f'id="answer-{answer.id}"' not in client.get(f"/questions/{question.id}/{question.slug}").get_data(
        as_text=True)


def test_accept_toggles_and_moves(client, make_user, make_question, make_answer, auth):
    question = make_question(make_user("giulia"))
    first, second = make_answer(make_user(), question), make_answer(make_user(), question)
    auth.login("giulia")
    client.post(f"/answers/{first.id}/accept")
    assert db.session.get(Question, question.id).accepted_answer_id == first.id
    response = client.post(f"/answers/{second.id}/accept", headers={"Accept": "application/json"})
    assert response.json["accepted"] is True and response.json["answer_id"] == second.id
    db.session.expire_all()
    assert db.session.get(Question, question.id).accepted_answer_id == second.id
    client.post(f"/answers/{second.id}/accept")
    db.session.expire_all()
    assert db.session.get(Question, question.id).accepted_answer_id is None


def test_only_the_asker_accepts(client, make_user, make_question, make_answer, auth):
    question = make_question(make_user("giulia"))
    answer = make_answer(make_user("marco"), question)
    auth.login("marco")
    assert client.post(f"/answers/{answer.id}/accept").status_code == 403


def test_solved_mark_everywhere_the_question_is_listed(client, make_user, make_question, make_answer, auth):
    question = make_question(make_user("giulia"))
    answer = make_answer(make_user("marco"), question)
    auth.login("giulia")
    client.post(f"/answers/{answer.id}/accept")
    for url in ("/", "/questions?tab=active", "/tags/aurora-one", f"/users/{question.author_id}/giulia"):
        assert "Solved" in client.get(url).get_data(as_text=True), url


def test_list_tabs(client, make_user, make_question, make_answer):
    asker, helper, voter = make_user(), make_user(), make_user(reputation=100)
    with clock.frozen(datetime.now(UTC) - timedelta(days=2)):
        old = make_question(asker, title="Old question about the grinder noise")
    new = make_question(asker, title="New question about milk frothing")
    from app.votes.operations import cast_vote

    cast_vote(voter, old, 1)
    answered = make_answer(helper, old)
    cast_vote(voter, answered, 1)
    db.session.commit()

    def titles(url):
        html = client.get(url).get_data(as_text=True)
        return [t for t in (old.title, new.title) if t in html], html

    html = client.get("/questions?tab=newest").get_data(as_text=True)
    assert html.index(new.title) < html.index(old.title)
    html = client.get("/questions?tab=votes").get_data(as_text=True)
    assert html.index(old.title) < html.index(new.title)
    html = client.get("/questions?tab=active").get_data(as_text=True)
    assert html.index(old.title) < html.index(new.title)  # the answer made it active
    unanswered, _ = titles("/questions?tab=unanswered")
    assert unanswered == [new.title]
    assert client.get("/questions?tab=bogus").status_code == 200


def test_list_pagination_30_per_page(client, make_user, make_question):
    author = make_user()
    for n in range(31):
        make_question(author, title=f"Question number {n:02d} about the machine")
    first = client.get("/questions").get_data(as_text=True)
    assert first.count('class="question-row"') == 30 and 'rel="next"' in first
    second = client.get("/questions?page=2").get_data(as_text=True)
    assert second.count('class="question-row"') == 1 and "Question number 00" in second


def test_tags_page_and_tag_filter(client, make_user, make_question):
    make_question(make_user(), tag_names="descaling")
    html = client.get("/tags").get_data(as_text=True)
    assert "descaling" in html and "1 question" in html
    html = client.get("/tags/descaling").get_data(as_text=True)
    assert "Questions about descaling" in html and 'class="question-row"' in html
    assert client.get("/tags/orders").get_data(as_text=True).count('class="question-row"') == 0
    assert client.get("/tags/unknown").status_code == 404


def test_views_counted_once_per_visitor_window(client, app, make_user, make_question):
    question = make_question(make_user())
    url = f"/questions/{question.id}/{question.slug}"
    client.get(url)
    client.get(url)
    app.test_client().get(url, headers={"User-Agent": "another browser"})
    db.session.expire_all()
    assert db.session.get(Question, question.id).view_count == 2
    with clock.frozen(datetime.now(UTC) + timedelta(hours=1)):
        client.get(url)
    db.session.expire_all()
    assert db.session.get(Question, question.id).view_count == 3


def test_deleted_question_hidden_from_public_but_not_moderators(client, make_user, make_question, auth):
    question = make_question(make_user("giulia"))
    from app.questions.operations import delete_post

    delete_post(question.author, question)
    db.session.commit()
    make_user("marta", role="moderator")
    auth.login("marta")
    html = client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
    assert "This question is deleted" in html


def test_counters_rebuild_matches_incremental_and_repairs_drift(app, make_user, make_question, make_answer):
    question = make_question(make_user())
    answer = make_answer(make_user(), question)
    from app.votes.operations import cast_vote

    cast_vote(make_user(reputation=100), answer, 1)
    db.session.commit()
    assert counters.find_drift() == []
    db.session.execute(Question.__table__.update().values(answer_count=7, score=3, has_official_answer=True))
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["counters", "rebuild", "--check"])
    assert result.exit_code == 1 and "answer_count" in result.output and "has_official_answer" in result.output
    assert runner.invoke(args=["counters", "rebuild"]).exit_code == 0
    assert runner.invoke(args=["counters", "rebuild", "--check"]).exit_code == 0
    assert db.session.scalar(select(Vote.value)) == 1


def test_every_post_has_its_own_comment_and_flag_form(client, make_user, make_question, make_answer, auth):
    """The blank forms are rendered once a page and given each post's number: each must post to its own post."""
    import re

    question = make_question(make_user("giulia"))
    answers = [make_answer(make_user(f"helper{n}"), question) for n in range(2)]
    auth.login(make_user("reader", reputation=500))
    html = client.get(f"/questions/{question.id}/{question.slug}").get_data(as_text=True)
    for post in (question, *answers):
        assert html.count(f'action="/posts/{post.id}/comments"') == 1
        assert html.count(f'action="/posts/{post.id}/flags"') == 1
        assert html.count(f'id="comment-body-{post.id}"') == 1 and html.count(f'id="flag-text-{post.id}"') == 1
    assert "/posts/0/" not in html and not re.search(r'id="(comment-body|flag-text)-0"', html)
