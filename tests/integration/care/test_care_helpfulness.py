"""Readers' "Was this helpful?" on the care dashboard: the share of Yes for the period and per product, the reasons,
and the worklist of pages most often called outdated or not working, on the page in both languages, in the CSV and
in `flask care report`, checked against values worked out by hand from answers given at known times."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from app import clock
from app.care import filters as care_filters
from app.care import metrics
from app.extensions import db
from app.questions import operations as posts
from app.satisfaction import operations as satisfaction

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
D = timedelta(days=1)

# The pages: their products.
PAGES = {"a": "aurora-one", "b": "descaling", "c": "aurora-one descaling", "d": "aurora-one"}
# (page, the reader's answer, their reason, days before NOW), each from a reader of its own.
HISTORY = [
    ("a", "yes", None, 2),
    ("a", "no", "outdated", 3),
    ("a", "no", "outdated", 4),
    ("a", "no", "did_not_work", 5),
    ("b", "yes", None, 1),
    ("b", "yes", None, 2),
    ("b", "no", "hard_to_follow", 3),
    ("c", "no", "did_not_work", 6),
    ("c", "yes", None, 7),
    ("c", "no", None, 8),
    ("a", "no", "outdated", 40),  # before the last 30 days: outside every figure below
    ("d", "no", "outdated", 2),  # its question is deleted afterwards: outside every figure
]
# Worked out by hand for the last 30 days (the first ten rows):
# all: 10 readers, Yes 4 (a 1, b 2, c 1) → 40 %; outdated 2, did not work 2, hard to follow 1, other 0.
# aurora-one (a and c): 7 readers, Yes 2 → 2/7; outdated 2, did not work 2.
# descaling (b and c): 6 readers, Yes 3 → 1/2; did not work 1, hard to follow 1.
# worklist: a (3 of 4 readers), then c (1 of 3); b has none.


@pytest.fixture
def frozen_now():
    with clock.frozen(NOW):
        yield NOW


@pytest.fixture
def history(app, tags, make_user):
    return build_history(make_user)


def build_history(make_user):
    """HISTORY through the real operations at its times: the pages by name."""
    olivia, hugo = make_user("olivia"), make_user("hugo")
    make_user("marta", role="moderator")
    pages = {}
    with clock.frozen(NOW - 60 * D):
        for name, products in PAGES.items():
            question = posts.ask_question(olivia, f"Page {name}: the grinder stops after two seconds",
                                          "It hums, stops, and the light blinks twice.", products, "en")
            posts.post_answer(hugo, question, "Empty the bean hopper and clean the burrs.", "en")
            pages[name] = question
    for n, (name, answer, reason, days) in enumerate(HISTORY):
        moment = NOW - days * D
        with clock.frozen(moment):
            satisfaction.say_helpful(pages[name], answer, f"reader-{n}", moment.date())
            if reason:
                satisfaction.give_reason(pages[name], reason, f"reader-{n}", moment.date())
    posts.delete_post(olivia, pages["d"])
    db.session.commit()
    return pages


def figures():
    return metrics.compute(care_filters.from_args({"period": "30"}, NOW), NOW).helpfulness


def test_the_figures_match_the_history(history, frozen_now):
    h = figures()
    t = h.total
    assert (t.readers, t.helpful, t.not_helpful, t.doubting) == (10, 4, 6, 4)
    assert t.helpful_share == pytest.approx(0.4)
    assert t.reason_counts() == [("outdated", 2), ("did_not_work", 2), ("hard_to_follow", 1), ("other", 0)]
    by_product = {p.product: p.tally for p in h.by_product}
    assert list(by_product) == ["aurora-one", "descaling"]
    aurora, descaling = by_product["aurora-one"], by_product["descaling"]
    assert (aurora.readers, aurora.helpful, aurora.doubting) == (7, 2, 4)
    assert (descaling.readers, descaling.helpful, descaling.reasons) == (6, 3, {"did_not_work": 1,
                                                                                "hard_to_follow": 1})
    assert [(p.question_id, p.tally.doubting, p.tally.readers) for p in h.worklist] == [
        (history["a"].id, 3, 4), (history["c"].id, 1, 3)]


def test_the_product_filter_narrows_the_answers(history, frozen_now):
    t = metrics.compute(care_filters.from_args({"period": "30", "tag": "descaling"}, NOW), NOW).helpfulness.total
    assert (t.readers, t.helpful, t.doubting) == (6, 3, 1)


def test_the_page_shows_the_figures_in_english_and_italian(client, auth, history, frozen_now):
    auth.login("marta")
    html = client.get("/moderation/metrics?period=30").get_data(as_text=True)
    section = html[html.index('id="care-helpfulness"'):html.index('id="care-staff"')]
    for text in ("Was this helpful? (readers)", "40%", "4 Yes of 10 readers",
                 '<th scope="row">aurora-one</th><td>7</td><td>29%</td><td>2</td><td>2</td><td>0</td><td>0</td>',
                 '<th scope="row">descaling</th><td>6</td><td>50%</td><td>0</td><td>1</td><td>1</td><td>0</td>',
                 f'href="/questions/{history["a"].id}/{history["a"].slug}">Page a: the grinder stops after two '
                 "seconds</a> · 3 of 4 readers",
                 'href="/moderation/metrics.csv?rows=helpfulness&amp;period=30"'):
        assert text in section, text
    assert section.index("Page a:") < section.index("Page c:") and "Page b:" not in section
    client.set_cookie("lang", "it")
    html = client.get("/moderation/metrics?period=30").get_data(as_text=True)
    for text in ("È stato utile? (lettori)", "4 Sì su 10 lettori", "3 su 4 lettori"):
        assert text in html, text


def test_the_csv_has_a_row_per_product_and_the_whole_period(client, auth, history, frozen_now):
    auth.login("marta")
    response = client.get("/moderation/metrics.csv?period=30&rows=helpfulness")
    assert response.status_code == 200 and "care-helpfulness-" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [
        ["product", "readers", "helpful", "not_helpful", "helpful_share", "outdated", "did_not_work",
         "hard_to_follow", "other"],
        ["aurora-one", "7", "2", "5", "0.2857", "2", "2", "0", "0"],
        ["descaling", "6", "3", "3", "0.5", "0", "1", "1", "0"],
        ["all", "10", "4", "6", "0.4", "2", "2", "1", "0"]]


def test_the_command_reports_them(app, history, frozen_now):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["care", "report", "--since", "2026-02-19", "--until", "2026-03-20", "--json"])
    assert result.exit_code == 0, result.output
    h = json.loads(result.output)["reader_helpfulness"]
    assert (h["readers"], h["helpful"], h["outdated"], h["did_not_work"]) == (10, 4, 2, 2)
    assert [(p["question_id"], p["outdated"], p["did_not_work"]) for p in h["worklist"]] == [
        (history["a"].id, 2, 1), (history["c"].id, 0, 1)]
    text = runner.invoke(args=["care", "report", "--since", "2026-02-19", "--until", "2026-03-20"]).output
    assert "Readers' \"Was this helpful?\": helpful 40.0 % (4 of 10 readers), 4 outdated or did not work" in text
    assert "Most often called outdated or not working: #" in text
