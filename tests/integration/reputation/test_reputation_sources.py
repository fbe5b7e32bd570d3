"""Ledger sources: each kind writes the text the ledger has always stored, in Python and in SQL alike, reads it back,
and nothing else in the app spells a source by hand."""

import ast
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Integer, String, literal, select

from app.extensions import db
from app.models import ReputationEvent, SatisfactionSurvey
from app.questions import official_answers
from app.questions import operations as posts
from app.reputation import privileges
from app.reputation.sources import (
    KINDS,
    AcceptSource,
    CapSource,
    OfficialSource,
    SolvedSource,
    SpamSource,
    VoteSource,
    parse,
)
from app.satisfaction import operations as satisfaction
from app.votes import operations as votes

APP = Path(__file__).resolve().parents[3] / "app"

# The texts stored in reputation_events.source since the ledger began: they must never change.
STORED = [
    (VoteSource(3, 14, date(2026, 3, 2)), "vote:3:14:20260302"),
    (CapSource(7, date(2025, 12, 31)), "cap:7:20251231"),
    (AcceptSource(42), "accept:42"),
    (OfficialSource(1001), "official:1001"),
    (SolvedSource(42), "solved:42"),
    (SpamSource(9), "spam:9"),
]

ids = st.integers(1, 2**31 - 1)
days = st.dates(date(1970, 1, 1), date(9999, 12, 31))
any_source = st.one_of(st.builds(VoteSource, ids, ids, days), st.builds(CapSource, ids, days),
                       st.builds(AcceptSource, ids), st.builds(OfficialSource, ids), st.builds(SolvedSource, ids),
                       st.builds(SpamSource, ids))


@pytest.mark.parametrize(("source", "text"), STORED, ids=[text for _, text in STORED])
def test_each_kind_writes_the_text_the_ledger_stores(source, text):
    assert source.format() == text == str(source)
    assert parse(text) == source


def test_every_kind_is_covered():
    assert {type(source) for source, _ in STORED} == set(KINDS.values())


@given(any_source)
def test_parse_reads_back_what_format_writes(source):
    assert parse(source.format()) == source


@pytest.mark.parametrize("text", [
    "", "vote", "vote:", "vote:3:14", "vote:3:14:20260302:1", "vote:3:x:20260302", "vote:+3:14:20260302",
    "vote:03:14:20260302", "vote: 3:14:20260302", "vote:3:14:2026032", "vote:3:14:20261302", "vote:3:14:2026-03-02",
    "cap:7", "accept:", "accept:42:1", "accept:-1", "accept:４２", "official:1.5", "spam:1e3", "bounty:1",
    "VOTE:3:14:20260302",
])
def test_parse_refuses_what_format_would_not_write(text):
    with pytest.raises(ValueError):
        parse(text)


def test_the_prefix_is_where_every_text_of_the_kind_starts():
    assert VoteSource.prefix() == "vote:"
    assert VoteSource.prefix(3) == "vote:3:"
    assert VoteSource(3, 14, date(2026, 3, 2)).format().startswith(VoteSource.prefix(3))
    assert not VoteSource(31, 14, date(2026, 3, 2)).format().startswith(VoteSource.prefix(3))


def _sql_value(value):
    if isinstance(value, date):  # the rules hand the SQL a day already written as YYYYMMDD text
        return literal(f"{value:%Y%m%d}", String)
    return literal(value, Integer)


@pytest.mark.parametrize(("source", "text"), STORED, ids=[text for _, text in STORED])
def test_the_sql_rules_write_the_same_text(app, source, text):
    columns = [_sql_value(getattr(source, field.name)) for field in fields(source)]
    assert db.session.scalar(select(type(source).sql(*columns))) == text


def test_the_sql_needs_every_field(app):
    with pytest.raises(TypeError):
        VoteSource.sql(literal(1), literal(2))


def test_every_stored_source_reads_back_as_written(app, make_user, make_question, make_answer):
    """Votes (past the daily cap), an acceptance, the asker's Yes, an official mark and a spam deletion, through the
    operations."""
    app.config["REPUTATION_DAILY_CAP"] = 15
    asker, helper, moderator = make_user("asker"), make_user("helper"), make_user("mod", role="moderator")
    question = make_question(asker)
    answer, spam = make_answer(helper, question), make_answer(helper, question, body="Buy cheap pumps at my shop now")
    with privileges.replaying_history():
        for n in range(3):
            votes.cast_vote(make_user(f"voter{n}"), answer, 1)
        posts.accept_answer(asker, answer)
        satisfaction.answer_survey(asker, db.session.scalar(select(SatisfactionSurvey)), "yes")
        official_answers.mark_official(moderator, answer)
        posts.delete_post(moderator, spam, as_spam=True)
    db.session.commit()
    stored = set(db.session.scalars(select(ReputationEvent.source)))
    assert {parse(text).kind for text in stored} == set(KINDS)
    assert {parse(text).format() for text in stored} == stored


def _spelled_sources(tree: ast.Module) -> list[str]:
    """String constants, and the constant starts of f-strings, that begin like a source's text."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
            first = node.values[0].value
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            first = node.value
        else:
            continue
        if any(first.startswith(f"{kind}:") for kind in KINDS):
            found.append(first)
    return found


def test_no_module_spells_a_source_by_hand():
    """A source written or read as a string elsewhere would drift from its one definition."""
    found = [f"{path.relative_to(APP.parent)}: {text!r}" for path in sorted(APP.rglob("*.py"))
             if path != APP / "reputation" / "sources.py" for text in _spelled_sources(ast.parse(path.read_text()))]
    assert not found, "use app.reputation.sources: " + "; ".join(found)
