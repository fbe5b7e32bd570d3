"""`flask assistant evaluate` on a community small enough to work its figures out by hand.

Six solved questions, each asked by its title:
- "Descaling the Aurora One", "Milk frother stays cold", "Beans stuck in the hopper", "La lancia vapore
  gocciola": only their own accepted answers hold their words → rank 1;
- "Grinder makes a loud noise": its own answer says "noise" once, the beans answer says "loud grinder
  noise" twice → rank 2;
- "Warranty registration paper": no answer holds any of its words → not found, and the assistant abstains.
English: hit@1 = 3/5, hit@3 = 4/5, MRR = (1 + 1 + 1 + 1/2 + 0) / 5 = 0.7, abstained 1/5; Italian: all 1;
together hit@1 = 4/6, hit@3 = 5/6, MRR = 4.5/6 = 0.75, abstained 1/6.
A sixth question, closed as a duplicate of the descaling one, finds it among the first 5 suggestions.
"""

import json

import pytest

from app.extensions import db
from app.moderation import operations as moderation
from app.questions import operations

THREADS = [
    ("Descaling the Aurora One", "Which descaler should I use and how often?",
     "Run the descaling programme of the Aurora One every month with citric acid descaler.", "en"),
    ("Milk frother stays cold", "It spins but the milk stays at room temperature.",
     "Click the whisk firmly onto the frother base: the heating plate only warms when the whisk is seated.", "en"),
    ("Grinder makes a loud noise", "It started this morning.",
     "Clean the burrs with a brush; the noise should stop.", "en"),
    ("Beans stuck in the hopper", "They do not fall through.",
     "A loud grinder noise with stuck beans means a stone: a loud grinder noise is a stone in the hopper.", "en"),
    ("Warranty registration paper", "I lost the paper they gave me.",
     "Write to the shop with your receipt, they keep a copy.", "en"),
    ("La lancia vapore gocciola", "Anche da spenta, dopo il caffè.",
     "Sostituisci la guarnizione della lancia vapore: se gocciola è consumata.", "it"),
]


@pytest.fixture
def app_config(app_config):
    # On six threads every word is rare and scores are small: abstain only when nothing matched at all.
    return {**app_config, **{f"ASSISTANT_{length}{kind}_THRESHOLD": 0.001 for length in ("", "LONG_")
                             for kind in ("RELATED", "ANSWER", "THREAD")}}


@pytest.fixture
def community(app, make_user, tags):
    asker, helper, moderator = make_user("asker"), make_user("helper"), make_user("care", role="moderator")
    questions = []
    for title, body, answer_text, language in THREADS:
        question = operations.ask_question(asker, title, body, "aurora-one", language)
        answer = operations.post_answer(helper, question, answer_text, language)
        operations.accept_answer(asker, answer)
        questions.append(question)
    duplicate = operations.ask_question(asker, "How often descaling the Aurora One?",
                                        "Monthly or weekly, with soft water?", "aurora-one", "en")
    moderation.close_question(moderator, duplicate, "duplicate", questions[0])
    db.session.commit()
    return questions


def evaluate(app, *options):
    result = app.test_cli_runner().invoke(args=["assistant", "evaluate", *options])
    assert result.exit_code == 0, result.output
    return result


def test_figures_by_hand(app, community):
    figures = json.loads(evaluate(app, "--json").stdout)
    title = figures["answers"]["title"]
    assert title["all"] == {"asked": 6, "hit@1": 0.667, "hit@3": 0.833, "hit@5": 0.833, "mrr": 0.75,
                            "abstained": 0.167}
    english = title["language:en"]
    assert english == {"asked": 5, "hit@1": 0.6, "hit@3": 0.8, "hit@5": 0.8, "mrr": 0.7, "abstained": 0.2}
    assert title["language:it"] == {"asked": 1, "hit@1": 1.0, "hit@3": 1.0, "hit@5": 1.0, "mrr": 1.0,
                                    "abstained": 0.0}
    assert title["tag:aurora-one"]["asked"] == 6
    assert figures["duplicates"]["title"]["asked"] == 1 and figures["duplicates"]["title"]["hit@5"] == 1.0
    assert figures["offtopic"]["count"] == 50


def test_the_threshold_sweep_per_question_length(app, community):
    figures = json.loads(evaluate(app, "--json").stdout)
    short = figures["by_length"]["short"]
    long = figures["by_length"]["long"]
    asked = sum(f[kind]["count"] for f in (short, long) for kind in ("right", "wrong"))
    assert asked == 12  # six questions in both forms, each counted once by its length
    assert short["offtopic"]["count"] + long["offtopic"]["count"] == 50 and long["offtopic"]["count"] >= 9
    offered = [row["offered"] for row in short["sweep"]]
    assert offered[0] > 0 and offered == sorted(offered, reverse=True)  # a higher threshold answers less
    assert all(row["offtopic_under"] >= 0.9 for row in short["sweep"])  # nothing off-topic matches six threads
    text = evaluate(app).stdout
    assert "Short questions (both forms)" in text and "Threads related by their question" in text


def test_text_report_and_limit(app, community):
    output = evaluate(app, "--limit", "2").stdout
    assert "(a) Its own accepted or official answer" in output
    lines = [line.split() for line in output.splitlines() if line.strip().startswith("all ")]
    assert [line[1] for line in lines] == ["2", "2"]  # asked, for each form
    assert "(b) The original of a duplicate among the first 5 suggestions" in output


def test_refuses_without_an_index(app, community):
    from sqlalchemy import delete

    from app.models import AssistantPassage, AssistantTerm

    db.session.execute(delete(AssistantTerm))
    db.session.execute(delete(AssistantPassage))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["assistant", "evaluate"])
    assert result.exit_code == 1 and "flask assistant reindex" in result.output
