"""A small community in both languages for the assistant's page, API and hand-over tests, and thresholds that
suit its size (the defaults were measured on communities of thousands of threads: on a handful every word is
rare and scores are small, so the tests set their own, as a brand would)."""

from app.extensions import db
from app.questions import operations

THREADS = {
    "wand": ("La lancia vapore della Duo gocciola anche da spenta",
             "Dopo il caffè la lancia continua a gocciolare per un'ora.",
             "Grazie delle foto. Sostituisci la guarnizione della lancia: quando è consumata la lancia gocciola.\n\n"
             "Per cambiarla:\n\n1. Spegni la Duo e lasciala raffreddare.\n2. Svita la punta della lancia.\n"
             "3. Monta la guarnizione nuova.", "it"),
    "wifi": ("La Duo non si connette al Wi-Fi di casa", "Il router è nuovo e la Duo non lo trova.",
             "Riavvia la Duo tenendo premuto il tasto Wi-Fi per dieci secondi.", "it"),
    "grinder": ("The Duo grinder is very loud", "Since yesterday the grinder of my Duo screams.",
                "A stone may be stuck in the Duo grinder: empty the hopper and clean the burrs.", "en"),
    "milk": ("Duo milk froth too thin", "The Duo makes bubbles but no creamy froth.",
             "Use cold whole milk and keep the Duo wand tip just under the surface.", "en"),
}

THRESHOLDS = {"ASSISTANT_ANSWER_THRESHOLD": 8.0, "ASSISTANT_RELATED_THRESHOLD": 3.0,
              "ASSISTANT_LONG_ANSWER_THRESHOLD": 8.0, "ASSISTANT_LONG_RELATED_THRESHOLD": 3.0,
              "ASSISTANT_THREAD_THRESHOLD": 5.0, "ASSISTANT_LONG_THREAD_THRESHOLD": 5.0}


def build(make_user) -> dict:
    """The threads, each with its answer accepted by the asker; returns {key: question}."""
    asker, helper = make_user("asker"), make_user("helper")
    made = {}
    for key, (title, body, answer_text, language) in THREADS.items():
        question = operations.ask_question(asker, title, body, "aurora-one", language)
        operations.accept_answer(asker, operations.post_answer(helper, question, answer_text, language))
        made[key] = question
    db.session.commit()
    return made
