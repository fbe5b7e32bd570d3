"""The care dashboard: every figure on a history built through the real operations at known times, checked
against values worked out by hand from that history; the page in English and Italian, the CSV, the CLI,
who may see them and what bad input gets."""

import csv
import io
import json
import statistics
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app import clock
from app.care import filters as care_filters
from app.care import metrics
from app.extensions import db
from app.models import PostSignal
from app.moderation import operations as moderation
from app.moderation import queue
from app.questions import official_answers
from app.questions import operations as posts
from app.search import operations as search

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)  # a Friday
H = timedelta(hours=1)
D = timedelta(days=1)


@pytest.fixture
def frozen_now():
    with clock.frozen(NOW):
        yield NOW


def at(moment):
    return clock.frozen(moment)


@pytest.fixture
def history(app, tags, make_user):
    """Eleven questions (two of them outside the figures) whose answers, marks and clicks come at known times.

    The hand-worked expectations below follow from this history alone."""
    people = {name: make_user(name, reputation=1000) for name in
              ("asker1", "asker2", "asker3", "asker4", "asker5", "asker6", "asker8", "asker9", "hugo", "hanna",
               "cleo", "cody", "cora")}
    mod = people["marta"] = make_user("marta", role="moderator")
    p = people
    q = {}

    def ask(name, who, when, tag="aurora-one", body="The pump hums and then nothing comes out of the group head."):
        with at(when):
            q[name] = posts.ask_question(p[who], f"Question {name}: the pump hums and nothing comes out", body, tag,
                                         "en")
        return q[name]

    def answer(who, question, when):
        with at(when):
            return posts.post_answer(p[who], question, "Check that the water tank is seated properly and try again.",
                                     "en")

    # q1: answered by a member after 2 h and accepted: met, solved by the community alone.
    t1 = NOW - 20 * D
    ask("q1", "asker1", t1)
    a = answer("hugo", q["q1"], t1 + 2 * H)
    with at(t1 + 3 * H):
        posts.accept_answer(p["asker1"], a)
    # q2: the brand team comments after 26 h, a member answers after 30 h (missed, escalated), the team answers
    # after 40 h and marks its answer official: solved with staff.
    t2 = NOW - 18 * D
    ask("q2", "asker2", t2)
    with at(t2 + 26 * H):
        posts.add_comment(mod, q["q2"], "Which model is it, and since when does it happen?")
    answer("hanna", q["q2"], t2 + 30 * H)
    a = answer("marta", q["q2"], t2 + 40 * H)
    with at(t2 + 40.5 * H):
        official_answers.mark_official(mod, a)
    # q3: never answered (escalated); the team locks it after 50 h.
    t3 = NOW - 10 * D
    ask("q3", "asker3", t3, tag="descaling")
    with at(t3 + 50 * H):
        moderation.toggle_lock(mod, q["q3"], "Handled by phone")
    # q4: the asker answers himself after 1 h (not a response); a member after 5 h. Unhappy words in the body.
    t4 = NOW - 9 * D
    ask("q4", "asker4", t4, tag="descaling", body="I want a refund: the pump hums and no water comes out at all.")
    answer("asker4", q["q4"], t4 + 1 * H)
    answer("hugo", q["q4"], t4 + 5 * H)
    # q5: closed as off-topic after 3 h, no answer.
    t5 = NOW - 5 * D
    ask("q5", "asker5", t5)
    with at(t5 + 3 * H):
        moderation.close_question(mod, q["q5"], "off-topic", None)
    # q6: asked 2 h ago, no answer yet: pending. Unhappy words too.
    ask("q6", "asker6", NOW - 2 * H,
        body="Worst purchase ever: the pump hums and nothing comes out. I want my money back.")
    # q7: outside the last 30 days.
    t7 = NOW - 40 * D
    ask("q7", "asker1", t7)
    answer("hugo", q["q7"], t7 + 1 * H)
    # q8: a member answers after 10 h and deletes it; another after 20 h (accepted); the team answers after 22 h.
    t8 = NOW - 3 * D
    ask("q8", "asker8", t8)
    gone = answer("hugo", q["q8"], t8 + 10 * H)
    with at(t8 + 11 * H):
        posts.delete_post(p["hugo"], gone)
    kept = answer("hanna", q["q8"], t8 + 20 * H)
    answer("marta", q["q8"], t8 + 22 * H)
    with at(t8 + 23 * H):
        posts.accept_answer(p["asker8"], kept)
    # q9: deleted by its asker: in no figure.
    ask("q9", "asker9", NOW - 4 * D)
    with at(NOW - 4 * D + H):
        posts.delete_post(p["asker9"], q["q9"])
    # Suggestion clicks: cleo clicks and asks 1 h later (q10); cody clicks twice and never asks; cora clicks and asks
    # 30 h later (q11, outside the 24 h window); a visitor's click has no member.
    with at(NOW - 6 * D):
        search.record_suggestion_click(p["cleo"], q["q1"])
    t10 = NOW - 6 * D + H
    ask("q10", "cleo", t10)
    a = answer("hugo", q["q10"], t10 + 0.5 * H)
    with at(t10 + H):
        posts.accept_answer(p["cleo"], a)
    for when in (NOW - 7 * D, NOW - 1 * D):
        with at(when):
            search.record_suggestion_click(p["cody"], q["q2"])
    with at(NOW - 12 * D):
        search.record_suggestion_click(p["cora"], q["q1"])
    with at(NOW - 2 * D):
        search.record_suggestion_click(None, q["q1"])
    t11 = NOW - 12 * D + 30 * H
    ask("q11", "cora", t11)
    a = answer("marta", q["q11"], t11 + 3 * H)
    with at(t11 + 3.2 * H):
        official_answers.mark_official(mod, a)
    # q4's unhappy signal is dismissed; q6's stays open.
    signal = db.session.scalar(select(PostSignal).where(PostSignal.post_id == q["q4"].id,
                                                        PostSignal.kind == "unhappy"))
    with at(t4 + 6 * H):
        moderation.dismiss_signal(mod, signal)
    # Flags: one raised 8 days ago and dismissed 3 h later, one raised yesterday and open, one long ago.
    flagged = q["q4"]
    with at(NOW - 8 * D):
        moderation.flag_post(p["hanna"], flagged, "incorrect-or-outdated", "")
    with at(NOW - 8 * D + 3 * H):
        moderation.resolve_flags(mod, flagged, "dismiss")
    with at(NOW - 1 * D):
        moderation.flag_post(p["cody"], q["q1"], "needs-brand-answer", "")
    with at(NOW - 35 * D):
        moderation.flag_post(p["cora"], q["q7"], "needs-brand-answer", "")
    with at(NOW - 34 * D):
        moderation.resolve_flags(mod, q["q7"], "dismiss")
    db.session.commit()
    return q, people


# Worked out by hand from the history, last 30 days, all products:
# cohort q1 q2 q3 q4 q5 q6 q8 q10 q11 (q7 too old, q9 deleted) -> 9 asked
# responses (hours): q1 2, q2 30, q4 5, q8 20, q10 0.5, q11 3; q3 none (missed), q6 none (pending), q5 closed
RESPONSE_HOURS = [2, 30, 5, 20, 0.5, 3]
MET, MISSED, PENDING, CLOSED = 5, 2, 1, 1
SOLUTION_HOURS = [2, 40, 20, 0.5, 3]  # q1 q2 q8 q10 q11
COMMUNITY, WITH_STAFF = 2, 3  # q1 q10 | q2 (official), q8 (team answered), q11 (team)
STAFF_ACTION_HOURS = [26, 50]  # q2 the comment, q3 the lock


def _median_seconds(hours):
    return statistics.median(hours) * 3600


def test_every_figure_matches_the_history(history, frozen_now):
    q, people = history
    report = metrics.compute(care_filters.from_args({"period": "30"}, NOW))
    assert report.asked == 9
    assert {r.id for r in report.rows} == {q[n].id for n in ("q1", "q2", "q3", "q4", "q5", "q6", "q8", "q10", "q11")}
    assert (report.met, report.missed, report.pending, report.closed_unanswered) == (MET, MISSED, PENDING, CLOSED)
    assert report.headline == pytest.approx(5 / 7)
    assert sorted(report.response_times) == pytest.approx(sorted(h * 3600 for h in RESPONSE_HOURS))
    assert report.response_median == pytest.approx(4 * 3600)  # (3 + 5) / 2
    assert report.response_p90 == pytest.approx(30 * 3600)  # nearest rank: the 6th of 6
    assert report.solved == 5 and report.solution_median == pytest.approx(_median_seconds(SOLUTION_HOURS))
    assert report.solution_median == pytest.approx(3 * 3600)
    assert report.unanswered == 2 and report.unanswered_share == pytest.approx(2 / 9)
    assert report.oldest_unanswered.id == q["q3"].id
    assert (report.community_alone, report.with_staff) == (COMMUNITY, WITH_STAFF)
    assert report.community_share == pytest.approx(0.4) and report.staff_share == pytest.approx(0.6)
    assert len(report.member_clicks) == 4 and report.clicks_not_followed == 3
    assert report.deflection_share == pytest.approx(0.75)
    assert report.escalated == 2 and report.escalated_with_action == 2
    assert report.staff_action_median == pytest.approx(_median_seconds(STAFF_ACTION_HOURS))
    assert [(h.user_id, h.accepted, h.official) for h in report.helpers] == [
        (people["hugo"].id, 2, 0), (people["marta"].id, 0, 2), (people["hanna"].id, 1, 0)]
    # Threads: q6 is open now (as in the queue's Unhappy tab); q4 and q6 were found in the period, q4 dismissed.
    assert (report.unhappy_open, report.unhappy_found, report.unhappy_dismissed) == (1, 2, 1)
    assert report.unhappy_open == queue.counts(NOW)["unhappy"]
    assert (report.flags_raised, report.flags_still_open) == (2, 1)
    assert (len(report.handled_flags), report.flags_dismissed, report.flags_acted) == (1, 1, 0)
    assert report.flag_handling_median == pytest.approx(3 * 3600)


def test_weeks_and_histogram(history, frozen_now):
    report = metrics.compute(care_filters.from_args({"period": "30"}, NOW))
    weeks = [(w.start.isoformat(), w.asked, w.met, w.missed, w.response_median and w.response_median / 3600)
             for w in report.weeks]
    assert weeks == [("2026-02-16", 0, 0, 0, None), ("2026-02-23", 1, 1, 0, pytest.approx(2)),
                     ("2026-03-02", 1, 0, 1, pytest.approx(30)), ("2026-03-09", 5, 3, 1, pytest.approx(3)),
                     ("2026-03-16", 2, 1, 0, pytest.approx(20))]
    assert [b.count for b in report.histogram] == [1, 2, 1, 1, 1, 0, 0]


def test_product_and_dates_narrow_the_figures(history, frozen_now):
    report = metrics.compute(care_filters.from_args({"period": "30", "tag": "descaling"}, NOW))
    assert report.asked == 2 and (report.met, report.missed) == (1, 1)  # q4 met, q3 missed
    assert report.member_clicks == [] and (report.unhappy_open, report.unhappy_found) == (0, 1)  # q4 only
    week = metrics.compute(care_filters.from_args({"period": "custom", "from": "2026-03-09", "to": "2026-03-15"}, NOW))
    assert week.asked == 5 and (week.met, week.missed, week.closed_unanswered) == (3, 1, 1)
    assert week.filters.since == datetime(2026, 3, 9, tzinfo=UTC)
    assert week.filters.until == datetime(2026, 3, 16, tzinfo=UTC)


def test_target_setting_moves_the_headline(history, frozen_now, app):
    app.config["RESPONSE_TARGET_HOURS"] = 4
    report = metrics.compute(care_filters.from_args({"period": "30"}, NOW))
    # Within 4 h: q1 (2), q10 (0.5), q11 (3); past it: q2, q4, q8, q3 (unanswered); q6 is 2 h old: pending.
    assert (report.met, report.missed, report.pending) == (3, 4, 1)


@pytest.fixture
def moderator(history, client):
    _, people = history
    client.post("/login", data={"login": "marta", "password": "correct horse battery"})
    return people["marta"]


def test_page_in_english(client, moderator, frozen_now):
    response = client.get("/moderation/metrics?period=30")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for text in ("Answered within 24 hours", "71%", "5 of 7", "4.0 hours", "90th percentile: 30.0 hours",
                 "3.0 hours", "22%", "2 of 9", "Question q3: the pump hums", "40%", "60%", "75%", "3 of 4",
                 "38.0 hours", "hugo", "1 dismissed, 0 acted on", 'role="img"', "Show the numbers"):
        assert text in html, text
    # The tables under the charts carry every number: weekly shares and the histogram's counts.
    assert "<th scope=\"row\">Mar 9, 2026</th><td>5</td><td>3 of 4</td><td>75%</td>" in html
    assert "<th scope=\"row\">under 1 hour</th><td>1</td>" in html
    assert "<th scope=\"row\">1 hour to under 4 hours</th><td>2</td>" in html
    assert 'href="/moderation/metrics.csv?period=30"' in html


def test_page_in_italian(client, moderator, frozen_now):
    moderator.locale = "it"
    db.session.commit()
    html = client.get("/moderation/metrics?period=30").get_data(as_text=True)
    assert '<html lang="it"' in html
    # Numbers and dates in Italian form: decimal comma, Italian month names.
    for text in ("71%", "4,0", "30,0", "38,0", "9 mar 2026"):
        assert text in html, text
    # The page's links speak Italian (strings the catalog already has).
    assert "Coda di assistenza" in html and "Registro di moderazione" in html
    assert "Mar 9, 2026" not in html


def test_queue_links_to_the_dashboard(client, moderator):
    assert 'href="/moderation/metrics"' in client.get("/moderation").get_data(as_text=True)


def test_csv_has_the_rows_behind_the_figures(client, moderator, frozen_now, history):
    q, _ = history
    response = client.get("/moderation/metrics.csv?period=30")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 9
    by_id = {int(r["question_id"]): r for r in rows}
    assert sum(r["response_target"] == "met" for r in rows) == MET
    assert sorted(float(r["hours_to_first_answer"]) for r in rows if r["hours_to_first_answer"]) == sorted(
        RESPONSE_HOURS)
    assert by_id[q["q8"].id]["solved_by"] == "staff" and by_id[q["q1"].id]["solved_by"] == "community"
    assert by_id[q["q3"].id]["escalated"] == "yes" and by_id[q["q3"].id]["hours_to_first_staff_action"] == "50.0"
    assert by_id[q["q5"].id]["response_target"] == "closed"
    tagged = client.get("/moderation/metrics.csv?period=30&tag=descaling")
    assert len(list(csv.DictReader(io.StringIO(tagged.get_data(as_text=True))))) == 2


def test_csv_keeps_titles_from_running_as_formulas(app, make_user, tags, frozen_now):
    with at(NOW - D):
        posts.ask_question(make_user("eve"), "=HYPERLINK(\"http://example.com\") pump question", "The pump hums "
                           "and nothing comes out of the group head at all.", "aurora-one", "en")
    db.session.commit()
    from app.care import export

    text = export.csv_text(metrics.compute(care_filters.from_args({}, NOW)), lambda row: "")
    assert "'=HYPERLINK" in text


def test_cli_report(app, history, frozen_now):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["care", "report", "--since", "2026-02-19", "--until", "2026-03-20", "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["questions_asked"] == 9
    assert figures["answered_within_target"] == {"share": pytest.approx(5 / 7), "met": 5, "missed": 2, "pending": 1,
                                                 "closed_without_answer": 1}
    assert figures["time_to_first_answer_hours"] == {"median": 4.0, "p90": 30.0, "answered": 6}
    assert figures["solved_by"]["community_alone"] == 2 and figures["suggestion_clicks"]["not_followed"] == 3
    assert [h["name"] for h in figures["top_helpers"]] == ["hugo", "marta", "hanna"]
    text = runner.invoke(args=["care", "report", "--since", "2026-02-19", "--until", "2026-03-20"]).output
    assert "Answered within 24 h: 71.4 % (5 of 7;" in text
    assert "Time to first answer: median 4.0 h, 90th percentile 30.0 h (6 answered)" in text
    assert "Top helpers: hugo 2 (2 accepted, 0 official), marta 2 (0 accepted, 2 official)" in text


def test_cli_refuses_bad_input(app, history):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["care", "report", "--since", "2026-31-01"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    result = runner.invoke(args=["care", "report", "--since", "2026-03-10", "--until", "2026-03-01"])
    assert result.exit_code == 2 and "must not be before" in result.output
    result = runner.invoke(args=["care", "report", "--since", "2026-03-01", "--tag", "no-such-tag"])
    assert result.exit_code == 2 and "no-such-tag" in result.output


@pytest.mark.parametrize("path", ["/moderation/metrics", "/moderation/metrics.csv"])
def test_only_the_brand_team_sees_the_figures(client, auth, make_user, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    make_user("sam")
    auth.login("sam")
    assert client.get(path).status_code == 403
    auth.logout()
    make_user("ada", role="admin")
    auth.login("ada")
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("query, field_text", [
    ("period=custom&from=2026-13-01&to=2026-03-10", "Enter the date as YYYY-MM-DD"),
    ("period=custom&from=2026-03-10&to=2026-03-01", "The last day must not be before the first day."),
    ("period=custom&from=&to=2026-03-01", "Enter a date."),
    ("period=custom&from=2027-01-01&to=2027-01-02", "The period cannot start in the future."),
    ("period=12", "Choose one of the periods offered."),
    ("period=30&tag=no-such-tag", "There is no tag named “no-such-tag”."),
])
def test_bad_input_is_refused_with_the_values_kept(client, moderator, frozen_now, query, field_text):
    response = client.get(f"/moderation/metrics?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert field_text in html and 'aria-invalid="true"' in html
    assert "Questions asked from" not in html  # no figures for a period that was not understood
    if "from=2026-13-01" in query:
        assert 'value="2026-13-01"' in html
    assert client.get(f"/moderation/metrics.csv?{query}").status_code == 400


def test_bad_input_in_italian(client, moderator, frozen_now):
    client.post("/language", data={"language": "it", "next": "/"})
    moderator.locale = "it"
    db.session.commit()
    response = client.get("/moderation/metrics?period=custom&from=2026-13-01&to=2026-03-10")
    assert response.status_code == 400
    assert '<html lang="it"' in response.get_data(as_text=True)


def test_empty_period(client, auth, make_user, frozen_now):
    make_user("marta", role="moderator")
    auth.login("marta")
    html = client.get("/moderation/metrics?period=7").get_data(as_text=True)
    assert "Questions asked from" in html and "No accepted or official answers" in html
