"""PostgreSQL only: a common word's matches are read best-regarded first, band by band, and stop there;
no statement of a search scans the documents table (each row's tsvector would be read from TOAST)."""

import re

import pytest
from sqlalchemy import event, text

from app.extensions import db
from app.search import postgres_backend
from tests.integration.search.pages import result_count, result_titles

pytestmark = pytest.mark.postgres_only  # run in the PostgreSQL pass, left out of the SQLite one (not skipped)


@pytest.fixture
def app_config(app_config):
    return {**app_config, "SEARCH_PER_PAGE": 2}


@pytest.fixture
def grinders(search_backend, make_user, tags, monkeypatch):
    """Three solved questions whose text mentions the burrs once, and one closed, unanswered one that says
    "burrs" ten times: ranked by text alone it would lead, but it is the least regarded. No title has the
    word, so the whole texts are ranked."""
    assert search_backend == "postgres"
    from app.questions import operations

    monkeypatch.setattr(postgres_backend, "TEXT_CANDIDATES", 3)
    asker, helper = make_user("asker"), make_user("helper")
    solved = []
    for n, title in enumerate(("Grinder noise at startup", "Grinder stops after a week",
                               "Grinder makes the coffee bitter")):
        question = operations.ask_question(asker, title, f"Case {n}: it started after I cleaned the burrs.",
                                           "aurora-one", "en")
        operations.accept_answer(asker, operations.post_answer(helper, question, "Run a cleaning tablet through it.",
                                                               "en"))
        solved.append(question)
    noisy = operations.ask_question(asker, "Grinder question from a new owner", "The burrs " * 10, "aurora-one", "en")
    noisy.closed_reason = "duplicate"
    db.session.commit()
    return solved, noisy


def test_only_the_best_regarded_matches_compete(grinders, search, monkeypatch):
    solved, noisy = grinders
    _, page = search("burrs")
    assert noisy.title not in result_titles(page)
    assert set(result_titles(page)) <= {q.title for q in solved}
    assert result_count(page) == 4  # counted in full all the same
    # With every match ranked, the text's six mentions win: the candidates decided the page above.
    monkeypatch.setattr(postgres_backend, "TEXT_CANDIDATES", 1000)
    _, page = search("burrs")
    assert result_titles(page)[0] == noisy.title


def _plans(app, text: str) -> list[str]:
    """EXPLAIN ANALYZE of every statement a search for `text` ran, on the search's own connections (with their
    planner settings)."""
    from app.search import syntax

    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    backend = app.extensions["search"]
    with backend.reading.connect() as connection:
        engine = connection.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        backend.search(syntax.parse(text), "relevance", 1, 2)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    plans = []
    with backend.reading.connect() as connection:
        raw = connection.connection.driver_connection.cursor()
        for statement, parameters in statements:
            raw.execute("EXPLAIN (ANALYZE, COSTS OFF) " + statement, parameters)
            plans.append("\n".join(row[0] for row in raw.fetchall()))
    return plans


def _nodes(plan: str) -> list[str]:
    """Each node of a plan with its conditions."""
    return re.split(r"\n\s*->", plan)


def test_lower_bands_are_not_read_and_nothing_is_scanned_whole(grinders, app):
    plans = _plans(app, "burrs")
    assert plans and not any("Seq Scan on search_documents" in plan for plan in plans)
    text_stage = next(plan for plan in plans if "ts_rank_cd" in plan)
    # The solved questions' band fills the three candidates: the walk down the bands stops there, and the
    # closed question's lower band is never looked up.
    band_of = {question_id: band for question_id, band in db.session.execute(
        text("SELECT question_id, band FROM search_documents"))}
    solved_band, noisy_band = band_of[grinders[0][0].id], band_of[grinders[1].id]
    assert noisy_band < solved_band
    lookup = next(node for node in _nodes(text_stage)  # the whole texts' lookup, not the titles'
                  if node.lstrip().startswith("Bitmap Heap Scan on search_documents") and "(tsv @@" in node)
    assert re.search(r"loops=(\d+)", lookup).group(1) == str(postgres_backend.TOP_BAND - solved_band + 1)


def test_whole_texts_are_not_read_when_titles_fill_the_page(grinders, app):
    """Every question has "grinder" in its title: the page's two results are titles, so the statement's stage
    that ranks whole texts never runs."""
    run = next(plan for plan in _plans(app, "grinder") if "ts_rank_cd" in plan)
    texts = [node for node in _nodes(run)
             if node.lstrip().startswith("Bitmap Heap Scan on search_documents") and "(tsv @@" in node]
    titles = [node for node in _nodes(run)
              if node.lstrip().startswith("Bitmap Heap Scan on search_documents") and "(title_tsv @@" in node]
    assert titles and "never executed" not in titles[0]
    assert texts and all("never executed" in node for node in texts)


def test_each_document_is_in_its_quality_band(grinders):
    rows = db.session.execute(text("SELECT boost, band FROM search_documents")).all()
    assert len(rows) == 4
    assert all(band == postgres_backend.quality_band(boost) for boost, band in rows)
    bands = sorted(rows)
    assert bands[0][1] < bands[-1][1]  # the closed, unanswered question sits lower
