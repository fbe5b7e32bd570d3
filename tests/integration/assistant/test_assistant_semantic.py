"""Semantic matching (ASSISTANT_EMBEDDINGS): the model loads from the installed wheel with every network
socket refused, vectors are written with the passages after the commit, a paraphrase and an Italian
question find the English thread the keywords miss, and without the package the keywords answer alone."""

import socket

import pytest
from sqlalchemy import select

from app.assistant import index, retrieval, semantic
from app.extensions import db
from app.models import AssistantPassage
from app.questions import operations

THREADS = [
    ("When was the first beer ever brewed?", "Archaeology and the oldest known recipes, please.",
     "The oldest evidence of brewing is about 13,000 years old, from a cave near Haifa."),
    ("Which glass suits a stout beer?", "A tulip, a pint or a snifter for my stout?",
     "A nonic pint or a tulip keeps the head of a stout beer."),
    ("How long does beer keep in the fridge?", "An opened can of lager, how many days?",
     "A couple of days at most once opened: the beer goes flat."),
]


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to reach another machine fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def app_config(app_config):
    return {**app_config, "ASSISTANT_EMBEDDINGS": semantic.MODEL}


@pytest.fixture
def threads(app, no_network, make_user, tags):
    semantic.forget()
    asker, helper = make_user("asker"), make_user("helper")
    made = []
    for title, body, answer_text in THREADS:
        question = operations.ask_question(asker, title, body, "aurora-one", "en")
        operations.accept_answer(asker, operations.post_answer(helper, question, answer_text, "en"))
        made.append(question)
    db.session.commit()
    yield made
    semantic.forget()


def test_vectors_are_written_with_the_passages(threads):
    vectors = db.session.scalars(select(AssistantPassage.vector)).all()
    assert len(vectors) == 6 and all(v is not None and len(v) == semantic.DIMENSIONS * 4 for v in vectors)


def test_a_paraphrase_and_another_language_find_the_thread(threads):
    brewed = threads[0].id
    for words, language in (("Who invented beer?", "en"), ("Chi ha inventato la birra?", "it")):
        found = retrieval.threads(db.session, retrieval.ask(words, "", language), 3)
        assert found[0].question_id == brewed, words
        assert found[0].similarity is not None
        answer = retrieval.answers(db.session, retrieval.ask(words, "", language), 1)
        assert answer[0].question_id == brewed, words


def test_without_the_package_the_keywords_answer(threads, monkeypatch):
    monkeypatch.setattr(semantic, "_encoder", None)
    monkeypatch.setattr(semantic, "_unavailable", True)
    assert not semantic.enabled()
    found = retrieval.answers(db.session, retrieval.ask("stout glass", "", "en"), 1)
    assert found[0].question_id == threads[1].id and found[0].similarity is None


# An answer that tells its story first and says what it answers after the model's first chunk.
HISTORY = [
    "Our family has brewed at home since my grandfather came back from Bavaria in the fifties, and every "
    "generation has kept a notebook of recipes, failures and the odd success worth repeating at weddings. " * 2,
    "The first batches were brewed in a copper pot over a wood stove, with barley malted on the farm and "
    "yeast borrowed from the village baker, and the notebooks record the weather on every brewing day. " * 2,
    "Those notebooks now fill a shelf, and the children read them for the drawings of the old kettle. " * 3,
]
STORAGE = ("As for your hops: keep them vacuum sealed in the freezer, away from air and light; "
           "opened pellets lose their aroma within weeks at room temperature.")


def test_an_answer_read_in_pieces_is_found_by_what_it_says_further_down(app, no_network, make_user, tags,
                                                                       monkeypatch):
    semantic.forget()
    asker, helper = make_user("asker"), make_user("helper")
    story = operations.ask_question(asker, "Any tips for hops?", "I bought a kilo of Cascade.", "aurora-one", "en")
    assert semantic.chunks("\n".join([*HISTORY, STORAGE]))[1:] == [STORAGE]
    operations.accept_answer(asker, operations.post_answer(helper, story, "\n\n".join([*HISTORY, STORAGE]), "en"))
    threads = []
    for title, body, answer_text in THREADS:
        question = operations.ask_question(asker, title, body, "aurora-one", "en")
        operations.accept_answer(asker, operations.post_answer(helper, question, answer_text, "en"))
        threads.append(question.id)
    db.session.commit()
    asked = retrieval.ask("How do I keep hops fresh?", "", "en")

    def first_answer() -> int:
        return retrieval.answers(db.session, asked, 1, question_share=0.0)[0].question_id

    assert first_answer() == story.id
    monkeypatch.setattr(semantic, "CHUNKS", 1)  # the model reads the story alone: a short answer comes first
    index.rebuild()
    semantic.forget()
    assert first_answer() in threads
    semantic.forget()
