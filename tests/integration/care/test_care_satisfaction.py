"""The askers' survey on the care dashboard: satisfaction, average rating and response rate for the period and per
product, answerers only with five ratings or more, on the page in both languages, in the CSV and in
`flask care report`, checked against values worked out by hand from a history at known times."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.care import filters as care_filters
from app.care import metrics
from app.extensions import db
from app.models import SatisfactionSurvey
from app.questions import operations as posts
from app.satisfaction import operations as satisfaction

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
H = timedelta(hours=1)
D = timedelta(days=1)

# (product, answerer, the asker's answer or None for not answered, rating, days before NOW the answer was accepted)
HISTORY = [
    ("aurora-one", "hugo", "yes", 5, 20),
    ("aurora-one", "hugo", "yes", 4, 18),
    ("aurora-one", "hugo", "no", 1, 15),
    ("descaling", "hugo", "partly", 3, 12),
    ("descaling", "hugo", "yes", None, 10),
    ("descaling", "hugo", "yes", 5, 8),
    ("aurora-one", "hanna", "yes", 4, 6),
    ("aurora-one", "hanna", None, None, 5),
    ("descaling", "hanna", None, None, 3),
    ("aurora-one", "hugo", "yes", 1, 40),  # asked before the last 30 days: outside every figure below
]
# Worked out by hand from HISTORY for the last 30 days (the first nine rows):
# all: asked 9, answered 7, Yes 5 (rows 1, 2, 5, 6, 7), ratings 5 4 1 3 5 4 → 22 / 6.
# aurora-one (rows 1, 2, 3, 7, 8): asked 5, answered 4, Yes 3, ratings 5 4 1 4 → 14 / 4.
# descaling (rows 4, 5, 6, 9): asked 4, answered 3, Yes 2, ratings 3 5 → 8 / 2.
# hugo (rows 1–6): 6 answered, Yes 4, five ratings 5 4 1 3 5 → 18 / 5: shown. hanna: one rating: never shown.


@pytest.fixture
def app_config(tmp_path):
    return {"MAIL_DIR": str(tmp_path / "mail"), "MAIL_SEND_AFTER_COMMIT": False}


@pytest.fixture
def frozen_now():
    with clock.frozen(NOW):
        yield NOW


@pytest.fixture
def history(app, tags, make_user):
    return build_history(make_user)


def build_history(make_user):
    """HISTORY through the real operations at its times: (people by name, surveys in HISTORY's order)."""
    people = {name: make_user(name) for name in ("olivia", "hugo", "hanna")}
    people["marta"] = make_user("marta", role="moderator")
    surveys = []
    for n, (product, answerer, outcome, rating, days) in enumerate(HISTORY):
        accepted_at = NOW - days * D
        with clock.frozen(accepted_at - 2 * H):
            question = posts.ask_question(people["olivia"], f"Survey question {n}: the pump hums and stops",
                                          "The pump hums and then nothing comes out of the group head.", product, "en")
        with clock.frozen(accepted_at - H):
            answer = posts.post_answer(people[answerer], question, "Seat the water tank properly and try again.", "en")
        with clock.frozen(accepted_at):
            posts.accept_answer(people["olivia"], answer)
        survey = db.session.scalar(select(SatisfactionSurvey).where(SatisfactionSurvey.question_id == question.id))
        if outcome is not None:
            with clock.frozen(accepted_at + H):
                satisfaction.answer_survey(people["olivia"], survey, outcome, rating)
        surveys.append(survey)
        db.session.commit()
    return people, surveys


def figures():
    return metrics.compute(care_filters.from_args({"period": "30"}, NOW), NOW).satisfaction


def test_the_figures_match_the_history(history, frozen_now):
    s = figures()
    t = s.total
    assert (t.asked, t.answered, t.yes, t.ratings) == (9, 7, 5, 6)
    assert t.satisfaction == pytest.approx(5 / 7) and t.response_rate == pytest.approx(7 / 9)
    assert t.average_rating == pytest.approx(22 / 6)
    by_product = {p.product: p.tally for p in s.by_product}
    assert list(by_product) == ["aurora-one", "descaling"]
    aurora, descaling = by_product["aurora-one"], by_product["descaling"]
    assert (aurora.asked, aurora.answered, aurora.yes, aurora.average_rating) == (5, 4, 3, 3.5)
    assert (descaling.asked, descaling.answered, descaling.yes, descaling.average_rating) == (4, 3, 2, 4.0)
    people, _ = history
    assert [(a.user_id, a.tally.ratings, a.tally.average_rating, a.tally.yes, a.tally.answered)
            for a in s.answerers] == [(people["hugo"].id, 5, 3.6, 4, 6)]


def test_the_product_filter_narrows_the_surveys(history, frozen_now):
    tally = metrics.compute(care_filters.from_args({"period": "30", "tag": "descaling"}, NOW), NOW).satisfaction.total
    assert (tally.asked, tally.answered, tally.yes, tally.average_rating) == (4, 3, 2, 4.0)


def test_an_answerer_with_four_ratings_is_not_shown(history, frozen_now):
    people, surveys = history
    with clock.frozen(NOW - 8 * D + 2 * H):  # within the days an answer can be changed
        satisfaction.answer_survey(people["olivia"], surveys[5], "yes", None)  # hugo's fifth rating taken back
    db.session.commit()
    assert figures().answerers == []


def test_the_page_shows_the_figures_in_english_and_italian(client, auth, history, frozen_now):
    auth.login("marta")
    html = client.get("/moderation/metrics?period=30").get_data(as_text=True)
    for text in ("Did it solve it?", "71%", "5 Yes of 7 answered surveys", "3.67", "6 ratings", "78%",
                 "7 of 9 surveys answered",
                 '<th scope="row">aurora-one</th><td>5</td><td>80%</td><td>75%</td><td>3.50</td>',
                 '<th scope="row">descaling</th><td>4</td><td>75%</td><td>67%</td><td>4.00</td>',
                 "<td>5</td><td>3.60</td><td>67%</td>",
                 'href="/moderation/metrics.csv?rows=satisfaction&amp;period=30"'):
        assert text in html, text
    section = html[html.index('id="care-satisfaction"'):html.index('id="care-staff"')]
    assert ">hugo<" in section and ">hanna<" not in section  # one rating: no score for her
    people, _ = history
    people["marta"].locale = "it"
    db.session.commit()
    html = client.get("/moderation/metrics?period=30").get_data(as_text=True)
    for text in ("Ha risolto il problema?", "5 Sì su 7 questionari con risposta", "3,67", "7 di 9 questionari "
                 "con risposta", "<td>3,50</td>"):
        assert text in html, text


def test_the_csv_has_a_row_per_product_and_the_whole_period(client, auth, history, frozen_now):
    auth.login("marta")
    response = client.get("/moderation/metrics.csv?period=30&rows=satisfaction")
    assert response.status_code == 200 and "care-satisfaction-" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["product"], r["surveys_asked"], r["answered"], r["yes"], r["satisfaction"], r["average_rating"],
             r["response_rate"]) for r in rows] == [
        ("aurora-one", "5", "4", "3", "0.75", "3.5", "0.8"),
        ("descaling", "4", "3", "2", "0.6667", "4.0", "0.75"),
        ("all", "9", "7", "5", "0.7143", "3.6667", "0.7778")]


def test_the_command_reports_them(app, history, frozen_now):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["care", "report", "--since", "2026-02-19", "--until", "2026-03-20", "--json"])
    assert result.exit_code == 0, result.output
    s = json.loads(result.output)["satisfaction"]
    assert (s["surveys_asked"], s["answered"], s["yes"], s["ratings"]) == (9, 7, 5, 6)
    assert s["satisfaction"] == pytest.approx(5 / 7) and s["average_rating"] == pytest.approx(22 / 6)
    assert [(a["name"], a["ratings"], a["average_rating"]) for a in s["answerers"]] == [("hugo", 5, 3.6)]
    text = runner.invoke(args=["care", "report", "--since", "2026-02-19", "--until", "2026-03-20"]).output
    assert ("Askers' survey: satisfaction 71.4 % (5 Yes of 7 answered), average rating 3.67 (6 ratings), "
            "response rate 77.8 % (7 of 9)") in text
    assert "Survey, per answerer with at least 5 ratings: hugo: satisfaction 66.7 %" in text
