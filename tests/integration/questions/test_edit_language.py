"""A post's language after it is posted: the edit forms show it (the author's choice, or the detection named) and
change it, for the author and the brand team; a question linked to its translation keeps a language no twin has
(an editor's pick of a twin's language is refused with the text kept, detection never moves it, and neither does
`flask posts detect-language`)."""

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import ModerationAction, Post, QuestionTwin
from app.moderation import twins
from app.questions import operations as posts
from tests.integration.page_forms import form_having

ITALIAN_TITLE = "La macchina segna errore E04 dopo la decalcificazione"
ITALIAN_BODY = "La spia rossa lampeggia tre volte e la pompa si ferma. Cosa posso fare?"


def ask(author, title="The machine shows error E04 after descaling",
        body="The red light blinks three times and the pump stops. What can I do?", language=None):
    """A question whose language is read from its text unless `language` is given, as the ask form does."""
    question = posts.ask_question(author, title, body, "aurora-one", language)
    db.session.commit()
    return question


@pytest.fixture
def pair(make_user, tags):
    """An English question and its Italian translation, linked by a moderator."""
    moderator = make_user("marta", role="moderator")
    english = ask(make_user("olivia"))
    italian = ask(make_user("giulia", locale="it"), ITALIAN_TITLE, ITALIAN_BODY, "it")
    twins.link_twins(moderator, english, italian)
    db.session.commit()
    return english, italian


def edit_form(client, post_id: int):
    page = client.get(f"/posts/{post_id}/edit").get_data(as_text=True)
    return page, form_having(page, "summary")


def language_of(post_id: int) -> tuple[str, bool]:
    db.session.expire_all()
    post = db.session.get(Post, post_id)
    return post.language, post.language_chosen


def test_the_author_changes_a_questions_language_on_the_edit_form(client, auth, make_user, tags):
    question = ask(make_user("olivia"))
    auth.login("olivia")
    page, form = edit_form(client, question.id)
    assert form.fields["language"] == ""  # read from the text, naming what it reads
    assert "Detected from your text: English" in page
    response = client.post(f"/posts/{question.id}/edit", data=form.filled(language="it"))
    assert response.status_code == 302
    assert language_of(question.id) == ("it", True)
    _, form = edit_form(client, question.id)
    assert form.fields["language"] == "it"  # the author's choice is shown as chosen from now on


def test_a_moderator_changes_an_answers_language_and_the_log_keeps_it(client, auth, make_user, make_question,
                                                                      make_answer):
    make_user("marta", role="moderator")
    answer = make_answer(make_user("marco"), make_question(make_user("olivia")))
    auth.login("marta")
    _, form = edit_form(client, answer.id)
    assert form.fields["language"] == "en"  # as its author chose it
    assert client.post(f"/posts/{answer.id}/edit", data=form.filled(language="it")).status_code == 302
    assert language_of(answer.id) == ("it", True)
    logged = db.session.scalar(select(ModerationAction).where(ModerationAction.action == "edit"))
    assert (logged.before["language"], logged.after["language"]) == ("en", "it")


def test_leaving_the_detection_reads_the_edited_text(client, auth, make_user, tags):
    question = ask(make_user("olivia"))
    auth.login("olivia")
    _, form = edit_form(client, question.id)
    response = client.post(f"/posts/{question.id}/edit", data=form.filled(title=ITALIAN_TITLE, body=ITALIAN_BODY))
    assert response.status_code == 302
    assert language_of(question.id) == ("it", False)


def test_someone_else_cannot_change_the_language(client, auth, make_user, tags):
    question = ask(make_user("olivia"))
    make_user("newcomer")
    auth.login("olivia")
    _, form = edit_form(client, question.id)
    auth.logout()
    auth.login("newcomer")
    response = client.post(f"/posts/{question.id}/edit", data=form.filled(language="it"))
    assert response.status_code in (302, 403)  # a suggested edit goes to review, never straight to the post
    assert language_of(question.id) == ("en", False)


def test_a_linked_question_cannot_take_its_twins_language(client, auth, pair):
    english, italian = pair
    auth.login("marta")
    _, form = edit_form(client, italian.id)
    typed = form.filled(language="en", body=ITALIAN_BODY + " Ho già provato a spegnerla.")
    response = client.post(f"/posts/{italian.id}/edit", data=typed)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "is linked as a translation of" in page and english.title in page
    assert "Ho già provato a spegnerla." in page  # nothing typed is lost
    assert language_of(italian.id) == ("it", True)
    assert db.session.get(QuestionTwin, italian.id) is not None


def test_the_author_is_refused_in_their_language(client, auth, pair):
    _english, italian = pair
    auth.login("giulia")
    _, form = edit_form(client, italian.id)
    response = client.post(f"/posts/{italian.id}/edit", data=form.filled(language="en"))
    assert response.status_code == 400
    assert "è collegata come traduzione di" in response.get_data(as_text=True)


def test_after_unlinking_the_language_can_change(client, auth, pair):
    _english, italian = pair
    twins.unlink_twin(_moderator(), italian)
    db.session.commit()
    auth.login("giulia")
    _, form = edit_form(client, italian.id)
    assert client.post(f"/posts/{italian.id}/edit", data=form.filled(language="en")).status_code == 302
    assert language_of(italian.id) == ("en", True)


def _moderator():
    from app.models import User

    return db.session.scalar(select(User).where(User.username == "marta"))


def test_detection_never_moves_a_linked_questions_language(client, auth, pair):
    english, _italian = pair
    auth.login("olivia")
    _, form = edit_form(client, english.id)
    response = client.post(f"/posts/{english.id}/edit", data=form.filled(title=ITALIAN_TITLE + " (2)",
                                                                         body=ITALIAN_BODY))
    assert response.status_code == 302
    assert language_of(english.id) == ("en", False)


def test_the_language_command_keeps_a_linked_questions_language_and_names_it(app, pair):
    english, italian = pair
    db.session.execute(Post.__table__.update().where(Post.id == english.id).values(
        title=ITALIAN_TITLE + " (2)", body_markdown=ITALIAN_BODY))  # its text now reads as Italian
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["posts", "detect-language"])
    assert result.exit_code == 0, result.output
    assert f"Linked as translations, kept their language (unlink to change it): {english.id}" in result.output
    assert language_of(english.id)[0] == "en" and language_of(italian.id)[0] == "it"
