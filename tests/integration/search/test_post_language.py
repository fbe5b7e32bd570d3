"""A post's language comes from its text, not from the author's interface: asked and answered through the
forms as rendered, then found by inflections of its own language, on every search backend."""

import re

from sqlalchemy import select

from app.extensions import db
from app.models import Answer, Question
from tests.integration.page_forms import form_having, form_with
from tests.integration.search.pages import result_titles

ITALIAN = {"title": "La lavatrice non centrifuga più dopo il lavaggio",
           "body": "Da ieri la lavatrice si ferma prima della centrifuga e i panni restano bagnati. Cosa posso fare?"}
ENGLISH = {"title": "The washing machine does not spin after the wash",
           "body": "Since yesterday the washing machine stops before spinning and the clothes stay wet. What can I do?"}


def found_as_typed(page: str) -> list[str]:
    """The results for the words as typed (not those of a spelling correction)."""
    return [] if "Showing results for" in page else result_titles(page)


def ask_as_rendered(client, **typed):
    page = client.get("/questions/ask").get_data(as_text=True)
    return client.post("/questions/ask", data=form_having(page, "title").filled(**typed))


def test_an_italian_question_by_an_english_interface_member_is_found_by_italian_inflections(
        client, auth, make_user, tags, search):
    auth.login(make_user("tom", locale="en"))
    response = ask_as_rendered(client, **ITALIAN, tags="orders")
    assert response.status_code == 302
    assert db.session.scalar(select(Question.language).where(Question.title == ITALIAN["title"])) == "it"
    _, page = search("lavatrici centrifugare")
    assert found_as_typed(page) == [ITALIAN["title"]]


def test_an_english_question_by_an_italian_interface_member_is_found_by_english_inflections(
        client, auth, make_user, tags, search):
    auth.login(make_user("giulia", locale="it"))
    response = ask_as_rendered(client, **ENGLISH, tags="orders")
    assert response.status_code == 302
    assert db.session.scalar(select(Question.language).where(Question.title == ENGLISH["title"])) == "en"
    _, page = search("washing machines spinning")
    assert found_as_typed(page) == [ENGLISH["title"]]


def test_the_authors_choice_of_language_wins_over_the_detection(client, auth, make_user, tags):
    auth.login(make_user("tom", locale="en"))
    page = client.get("/questions/ask").get_data(as_text=True)
    form = form_having(page, "title")
    assert form.fields["language"] == ""  # detected from the text unless the author says otherwise
    assert [value for value, _ in form.options["language"]] == ["", "en", "it"]
    response = client.post("/questions/ask", data=form.filled(**ITALIAN, tags="orders", language="en"))
    assert response.status_code == 302
    assert db.session.scalar(select(Question.language).where(Question.title == ITALIAN["title"])) == "en"


def test_a_refused_question_keeps_the_language_choice_and_shows_what_was_detected(client, auth, make_user, tags):
    auth.login(make_user("tom", locale="en"))
    page = ask_as_rendered(client, **ITALIAN, tags="no-such-tag").get_data(as_text=True)
    form = form_having(page, "title")
    assert form.fields["language"] == ""
    assert dict(form.options["language"])[""] == "Detected from your text: Italiano"
    page = ask_as_rendered(client, **ITALIAN, tags="no-such-tag", language="en").get_data(as_text=True)
    assert form_having(page, "title").fields["language"] == "en"
    assert db.session.scalar(select(Question.id)) is None


def test_an_answer_gets_the_language_of_its_own_text(client, auth, make_user, make_question):
    question = make_question(make_user())
    auth.login(make_user("giulia", locale="en"))
    path = f"/questions/{question.id}/{question.slug}"
    form = form_having(client.get(path).get_data(as_text=True), "body")
    reply = "Prova a fare la decalcificazione due volte e poi spegni la macchina per dieci minuti."
    assert client.post(form.action, data=form.filled(body=reply)).status_code == 302
    assert db.session.scalar(select(Answer.language).where(Answer.parent_id == question.id)) == "it"
    page = client.post(form.action, data=form.filled(body="Troppo corto", language="it")).get_data(as_text=True)
    refused = form_with(page, form.action)
    assert refused.fields["language"] == "it" and refused.fields["body"] == "Troppo corto"


def test_the_tag_hint_in_each_language_is_accepted_as_typed(client, auth, make_user, tags):
    """The hint names real tags: typed as shown, in either language, the question is posted."""
    for language, hint in (("en", r"e\.g\. ([\w\- ]+)\."), ("it", r"ad es\. ([\w\- ]+)\.")):
        client.post("/logout")
        auth.login(make_user(locale=language))
        page = client.get("/questions/ask").get_data(as_text=True)
        help_text = re.search(r'<p class="help" id="tags-help">([^<]*)</p>', page).group(1)
        example = re.search(hint, help_text).group(1)
        title = f"Steam wand drips after the {language} cleaning cycle"
        response = client.post("/questions/ask", data=form_having(page, "title").filled(
            title=title, body="The wand keeps dripping water for minutes after cleaning.", tags=example))
        assert response.status_code == 302, help_text
        question = db.session.scalar(select(Question).where(Question.title == title))
        assert " ".join(t.name for t in question.tags) == example


def test_detect_language_command_fixes_old_rows_keeps_chosen_ones_and_reindexes(app, make_user, tags, search):
    """Rows from before took the interface's language: the command reads them again from their text."""
    from app.questions import operations

    author = make_user("tom", locale="en")
    old = operations.ask_question(author, ITALIAN["title"], ITALIAN["body"], "orders", "en")
    chosen = operations.ask_question(author, "Il latte si monta male con la lancia vapore",
                                     "La schiuma viene grossa e sparisce subito, anche con latte intero.", "orders",
                                     "en")
    db.session.commit()
    old.language_chosen = False  # as the migration leaves every existing row
    db.session.commit()
    assert found_as_typed(search("lavatrici centrifugare")[1]) == []  # stemmed as English

    runner = app.test_cli_runner()
    result = runner.invoke(args=["posts", "detect-language", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "en -> it: 1" in result.output and "1 posts would change." in result.output
    assert db.session.get(Question, old.id).language == "en"

    result = runner.invoke(args=["posts", "detect-language"])
    assert result.exit_code == 0, result.output
    assert "1 posts changed." in result.output
    assert db.session.get(Question, old.id).language == "it"
    assert db.session.get(Question, chosen.id).language == "en"  # the author's choice stands
    assert found_as_typed(search("lavatrici centrifugare")[1]) == [ITALIAN["title"]]
    assert "0 posts changed." in runner.invoke(args=["posts", "detect-language"]).output
