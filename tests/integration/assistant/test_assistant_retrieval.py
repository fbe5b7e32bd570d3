"""What the retrieval finds, as the ask page and the assistant will use it: the thread a customer means, in
either language, ahead of threads that only share the product's name (the case reported on the ask page)."""

import pytest

from app.assistant import retrieval
from app.extensions import db
from app.questions import operations

THREADS = {
    "wand": ("La lancia vapore della Duo gocciola anche da spenta",
             "Dopo il caffè la lancia continua a gocciolare per un'ora.",
             "Sostituisci la guarnizione della lancia: quando è consumata la lancia gocciola.", "it"),
    "wifi": ("La Duo non si connette al Wi-Fi di casa", "Il router è nuovo e la Duo non lo trova.",
             "Riavvia la Duo tenendo premuto il tasto Wi-Fi per dieci secondi.", "it"),
    "firmware": ("Aggiornamento firmware della Duo bloccato", "La barra resta ferma al 40 per cento.",
                 "Scarica di nuovo il firmware dal sito e ripeti l'aggiornamento della Duo.", "it"),
    "grinder": ("The Duo grinder is very loud", "Since yesterday the grinder of my Duo screams.",
                "A stone may be stuck in the Duo grinder: empty the hopper and clean the burrs.", "en"),
    "milk": ("Duo milk froth too thin", "The Duo makes bubbles but no creamy froth.",
             "Use cold whole milk and keep the Duo wand tip just under the surface.", "en"),
}


@pytest.fixture
def threads(app, make_user, tags):
    asker, helper = make_user("asker"), make_user("helper")
    made = {}
    for key, (title, body, answer_text, language) in THREADS.items():
        question = operations.ask_question(asker, title, body, "aurora-one", language)
        operations.accept_answer(asker, operations.post_answer(helper, question, answer_text, language))
        made[key] = question
    db.session.commit()
    return made


def test_suggestions_put_the_thread_meant_first(threads):
    found = retrieval.threads(db.session, retrieval.ask("La Duo perde acqua dalla lancia vapore", "", "it"))
    assert found[0].question_id == threads["wand"].id
    assert found[0].coverage > found[-1].coverage


def test_the_assistant_cites_the_answer_of_the_thread_meant(threads):
    found = retrieval.answers(db.session, retrieval.ask("lancia vapore gocciola", "", "it"))
    assert found[0].question_id == threads["wand"].id and found[0].is_accepted
    english = retrieval.answers(db.session, retrieval.ask("Stone stuck in the grinder, loud noise", "", "en"))
    assert english[0].question_id == threads["grinder"].id


def test_the_asked_thread_can_be_left_out(threads):
    query = retrieval.ask(THREADS["wifi"][0], THREADS["wifi"][1], "it")
    assert retrieval.threads(db.session, query)[0].question_id == threads["wifi"].id
    assert threads["wifi"].id not in [m.question_id for m in retrieval.threads(db.session, query,
                                                                                 exclude={threads["wifi"].id})]


def test_nothing_in_common_finds_nothing(threads):
    assert retrieval.answers(db.session, retrieval.ask("Capitale della Francia?", "", "it")) == []
    assert retrieval.threads(db.session, retrieval.ask("", "", "en")) == []
