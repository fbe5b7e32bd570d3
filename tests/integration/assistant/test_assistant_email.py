"""The acknowledgement of a question asked by e-mail carries the assistant's suggestions: the threads whose
answers it would cite, then related ones, as links; nothing when it found nothing."""

from datetime import timedelta

import pytest

from app import clock
from app.extensions import db
from app.inbound import receiving
from app.models import InboundMessage, Question
from tests.integration import assistant_world, mail_world
from tests.integration.mail_world import PRODUCT, outbox

CUSTOMER = "grace@example.com"


@pytest.fixture
def app_config():
    return {**mail_world.CONFIG, **assistant_world.THRESHOLDS}


@pytest.fixture
def threads(app, make_user, tags):
    made = assistant_world.build(make_user)
    make_user("grace", email=CUSTOMER, locale="it")
    for question in db.session.scalars(db.select(Question)):  # older than a new member's wait between questions
        question.created_at -= timedelta(hours=2)
    db.session.commit()
    return made


def write(subject: str, body: str, number: int) -> InboundMessage:
    raw = (f"From: Grace <{CUSTOMER}>\nTo: {PRODUCT}\nSubject: {subject}\nMessage-ID: <grace-{number}@example.com>\n"
           f"Content-Type: text/plain; charset=utf-8\n\n{body}\n\nGrace\n").encode()
    message = receiving.deliver(raw)
    db.session.expire_all()
    return db.session.get(InboundMessage, message.id)


def test_the_acknowledgement_links_what_the_assistant_found(threads):
    message = write("La lancia vapore della mia Duo gocciola sempre",
                    "Dopo il caffè la lancia vapore continua a gocciolare anche da spenta. Cosa posso fare?", 1)
    assert message.status == "posted", message.detail
    [ack] = outbox(CUSTOMER, kind="inbound.acknowledged")
    wand = threads["wand"]
    assert "Queste risposte potrebbero già aiutarti:" in ack.text_body, ack.text_body
    suggestions = ack.text_body.split("Queste risposte potrebbero già aiutarti:")[1]
    first = suggestions.strip().splitlines()[0]
    assert first == (f"- {wand.title}: https://community.aurora.example/questions/{wand.id}/{wand.slug}"
                     f"#answer-{wand.accepted_answer_id}")
    assert f"/questions/{message.post_id}/" not in suggestions  # never the question itself


def test_nothing_found_suggests_nothing(threads):
    message = write("Il mio ordine della Aurora One non è arrivato",
                    "Ho ordinato una Aurora One tre settimane fa e non è ancora arrivata a casa.", 2)
    assert message.status == "posted", message.detail
    [ack] = outbox(CUSTOMER, kind="inbound.acknowledged")
    assert "Queste risposte potrebbero già aiutarti" not in ack.text_body
    assert clock.now() - db.session.get(Question, message.post_id).created_at < timedelta(minutes=5)
