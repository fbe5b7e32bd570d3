"""Routes of twins (the same question in another language): linking and unlinking are the brand team's alone.
The world gains an Italian question to link, and an English and Italian pair already linked, to unlink."""

from app.extensions import db
from app.models import User
from app.moderation import twins
from app.questions import operations as posts
from tests.integration.route_calls import MODERATOR, post


def build_world(w) -> None:
    owner, mod = db.session.get(User, w.owner), db.session.get(User, w.mod)
    w.italian = posts.ask_question(owner, "La macchina segna errore E04 dopo la decalcificazione",
                                   "La spia rossa lampeggia tre volte e la pompa si ferma. Cosa posso fare?",
                                   "aurora-one", "it").id
    english = posts.ask_question(owner, "The milk frother stopped foaming",
                                 "The frother spins but the milk stays flat since yesterday.", "aurora-one", "en")
    italian = posts.ask_question(owner, "Il montalatte non fa più la schiuma",
                                 "Il montalatte gira ma il latte resta liquido da ieri.", "aurora-one", "it")
    twins.link_twins(mod, english, italian)
    w.linked_twin = italian.id


ROUTES = {
    ("POST", "/questions/<int:question_id>/twins"): post(
        MODERATOR, {"question_id": "question"}, lambda w: {"duplicate_of": str(w.italian)}),
    ("POST", "/questions/<int:question_id>/twins/unlink"): post(MODERATOR, {"question_id": "linked_twin"}),
}
