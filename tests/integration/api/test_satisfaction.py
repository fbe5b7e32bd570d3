"""The askers' survey figures over the API, for brand-team tokens only: the same hand-worked values as the care
dashboard's (tests/integration/care/test_care_satisfaction.py, and test_care_helpfulness.py for readers' answers),
every response checked against the OpenAPI document."""

import pytest

from app import clock
from tests.integration.care.test_care_helpfulness import build_history as build_readers_history
from tests.integration.care.test_care_satisfaction import NOW, build_history


@pytest.fixture
def app_config(tmp_path):
    return {"MAIL_DIR": str(tmp_path / "mail"), "MAIL_SEND_AFTER_COMMIT": False}


@pytest.fixture
def world(app, tags, make_user, make_token):
    people, _surveys = build_history(make_user)
    with clock.frozen(NOW):
        yield {"people": people, "moderator": make_token(people["marta"]), "member": make_token(people["hugo"])}


def test_a_brand_team_token_gets_the_figures(api, world):
    response = api.get("/care/satisfaction?period=30", token=world["moderator"])
    assert response.status_code == 200
    figures = response.json
    assert (figures["surveys_asked"], figures["answered"], figures["yes"], figures["ratings"]) == (9, 7, 5, 6)
    assert figures["satisfaction"] == pytest.approx(5 / 7) and figures["response_rate"] == pytest.approx(7 / 9)
    assert figures["average_rating"] == pytest.approx(22 / 6)
    assert [(p["product"], p["surveys_asked"], p["yes"], p["average_rating"]) for p in figures["by_product"]] == [
        ("aurora-one", 5, 3, 3.5), ("descaling", 4, 2, 4.0)]
    assert [(a["user"]["username"], a["ratings"], a["average_rating"]) for a in figures["answerers"]] == [
        ("hugo", 5, 3.6)]
    assert figures["period"]["tag"] is None and figures["period"]["until"].startswith("2026-03-20T12:00")
    assert figures["readers"] == {"readers": 0, "helpful": 0, "not_helpful": 0, "helpful_share": None,
                                  "outdated": 0, "did_not_work": 0, "hard_to_follow": 0, "other": 0,
                                  "by_product": [], "worklist": []}


def test_readers_answers_are_there_too(api, tags, make_user, make_token):
    pages = build_readers_history(make_user)
    with clock.frozen(NOW):
        response = api.get("/care/satisfaction?period=30", token=make_token(make_user("carla", role="moderator")))
    readers = response.json["readers"]
    assert (readers["readers"], readers["helpful"], readers["helpful_share"], readers["outdated"]) == (10, 4, 0.4, 2)
    assert [(p["product"], p["readers"], p["helpful"]) for p in readers["by_product"]] == [
        ("aurora-one", 7, 2), ("descaling", 6, 3)]
    assert [(p["question_id"], p["title"], p["outdated"], p["did_not_work"]) for p in readers["worklist"]] == [
        (pages["a"].id, pages["a"].title, 2, 1), (pages["c"].id, pages["c"].title, 0, 1)]


def test_a_product_and_days_narrow_them(api, world):
    response = api.get("/care/satisfaction?period=custom&from=2026-03-09&to=2026-03-20&tag=descaling",
                       token=world["moderator"])
    assert response.status_code == 200
    # Descaling's rows 4, 5, 6 and 9 were asked on 8, 10, 12 and 17 March: from the 9th, rows 5 and 6 (Yes) and 9.
    assert (response.json["surveys_asked"], response.json["answered"], response.json["yes"]) == (3, 2, 2)
    assert response.json["period"] == {"since": "2026-03-09T00:00:00+00:00", "until": "2026-03-21T00:00:00+00:00",
                                       "tag": "descaling"}


def test_a_members_token_and_no_token_are_refused(api, world):
    assert api.get("/care/satisfaction", token=world["member"]).status_code == 403
    assert api.get("/care/satisfaction").status_code == 401


@pytest.mark.parametrize(("query", "field"), [("period=12", "period"), ("period=custom&from=2026-13-01&to=2026-03-01",
                                                                      "from"), ("tag=nosuchproduct", "tag")])
def test_bad_input_is_422_with_the_field(api, world, query, field):
    response = api.get(f"/care/satisfaction?{query}", token=world["moderator"])
    assert response.status_code == 422 and field in response.json["error"]["fields"]
