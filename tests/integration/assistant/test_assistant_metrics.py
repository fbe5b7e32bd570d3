"""The assistant on the care dashboard, its CSV and `flask care report`: sessions, solved by the assistant,
handed over, abandoned, the hand-over share per product and what fell through most often; customers' words
shown only when several used them or through the question they posted."""

import csv
import io
import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from app import clock
from app.extensions import db
from app.models import AssistantSession
from tests.integration import assistant_world
from tests.integration.page_forms import form_having

WAND = "La lancia vapore della mia Duo gocciola"


@pytest.fixture
def app_config(app_config):
    return {**app_config, **assistant_world.THRESHOLDS}


@pytest.fixture
def sessions(app, client, auth, make_user, tags):
    """Five sessions: one solved, one handed over, two abandoned a day later, one off-topic still open."""
    threads = assistant_world.build(make_user)

    def ask(text):
        return client.post("/api/v1/assistant", json={"text": text, "language": "it"}).get_json()

    solved = ask("Duo milk froth too thin")
    client.post(f"/api/v1/assistant/{solved['session']['id']}/feedback",
                json={"key": solved["session"]["key"], "feedback": "solved"})
    handed = ask(WAND)
    auth.login(make_user("carla"))
    link = handed["handover_url"].removeprefix("http://localhost")
    form = form_having(client.get(link).get_data(as_text=True), "title")
    question_url = client.post(link, data=form.filled(title="La lancia vapore della Duo gocciola sempre")).location
    auth.logout()
    for _ in range(2):
        old = ask(WAND)
        row = db.session.get(AssistantSession, old["session"]["id"])
        row.created_at = clock.now() - timedelta(days=2)
        db.session.commit()
    ask("Capitale della Francia?")
    return threads, question_url


@pytest.fixture
def moderator(client, auth, make_user):
    auth.login(make_user("marta", role="moderator"))


def test_the_dashboard_shows_what_the_assistant_deflected(client, sessions, moderator):
    _threads, question_url = sessions
    html = client.get("/moderation/metrics?period=30").get_data(as_text=True)
    section = BeautifulSoup(html, "lxml").find("section", attrs={"aria-labelledby": "care-assistant"})
    figures = {f.dt.get_text(): " ".join(f.dd.get_text(" ").split()) for f in section.select(".care-figure")}
    assert figures["Assistant sessions"].startswith("5") and "1 found nothing" in figures["Assistant sessions"]
    assert "1 still open" in figures["Assistant sessions"]
    assert figures["Solved by the assistant"].startswith("20")
    assert figures["Handed over to the team"].startswith("20")
    assert figures["Abandoned"].startswith("40")
    products = [[c.get_text() for c in row.find_all(["th", "td"])] for row in section.select("table")[0].tbody("tr")]
    assert products[0][:4] == ["aurora-one", "4", "1", "1"] and products[1][:2] == ["No product found", "1"]
    fell = section.select("table")[1].tbody("tr")
    assert len(fell) == 1 and [c.get_text() for c in fell[0].find_all("td")][:2] == ["3", "1"]
    assert fell[0].a["href"] == question_url.split("#")[0]
    assert "Francia" not in html  # a lone customer's words are never shown


def test_the_csv_and_the_report(app, client, sessions, moderator):
    response = client.get("/moderation/metrics.csv?period=30&rows=assistant")
    assert response.headers["Content-Disposition"].startswith('attachment; filename="care-assistant-')
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["product", "sessions", "solved_by_the_assistant", "handed_over", "handover_share"]
    assert rows[1] == ["aurora-one", "4", "1", "1", "0.25"]
    since = (clock.now() - timedelta(days=7)).date().isoformat()
    result = app.test_cli_runner().invoke(args=["care", "report", "--since", since, "--json"])
    figures = json.loads(result.output)["assistant"]
    assert (figures["sessions"], figures["solved_by_the_assistant"], figures["handed_over"], figures["abandoned"],
            figures["still_open"]) == (5, 1, 1, 2, 1)
    text = app.test_cli_runner().invoke(args=["care", "report", "--since", since]).output
    assert "Assistant sessions: 5; solved by the assistant 20.0 % (1), handed over 20.0 % (1)" in text


def test_the_dashboard_in_italian(client, sessions, moderator):
    html = client.get("/moderation/metrics?period=30", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "Risolte dall&#39;assistente" in html or "Risolte dall'assistente" in html
    assert "Cosa è rimasto più spesso senza risposta" in html
