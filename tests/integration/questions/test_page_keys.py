"""Every input a kept page shows changes its key, for every field its view model declares.

The question page's ETag (which also keys visitors' kept pages and members' kept content) and the lists' ETags
are fingerprints of view models whose fields name their columns (app/view_models.py). These tests are generated
from those declarations: for each keyed field of each view the page is built from (the question, its answers,
comments, authors, who confirmed an official answer, the duplicate's original, tags, the FAQ entry, where
imported posts came from, its translation), the stored value is changed in the database and the page's key must
change. A field declared later is changed here too, and a world that leaves a declared field unexercised fails the test.
"""

import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import Boolean, CheckConstraint, Column, DateTime, Integer, String, select, update

from app import clock
from app.extensions import db
from app.faq import operations as faq
from app.models import ImportSource, Question, QuestionTwin, SatisfactionSurvey, Tag, User
from app.moderation import operations as moderation
from app.moderation import twins
from app.questions import official_answers, page_queries, queries
from app.questions import operations as posts
from app.questions.view_models import QuestionRow, page_statement
from app.questions.views import _list_validators
from app.reading import ALL, Reading
from app.reputation.privileges import replaying_history
from app.satisfaction import operations as satisfaction
from app.view_models import shown_fields

# Fields read from an expression over other shown rows rather than from a column: `relied_on` is whether a live
# answer is accepted or upvoted, which the answers' own rows (score, deleted, the accepted id) already key.
DERIVED = {("QuestionView", "relied_on")}


@pytest.fixture
def world(make_user, make_question, make_answer):
    """A duplicate with every part its page can show: answers (one official), comments, tags, an FAQ entry,
    the original it points to, the asker's answer to the satisfaction survey, imported posts with their
    authors' origins, and its Italian twin."""
    asker, helper, moderator = make_user("giulia"), make_user("marco"), make_user("marta", role="moderator")
    original = make_question(asker, title="Grinder squeaks at the finest setting",
                             body="Since last week the grinder squeaks when I set it to 1.")
    question = make_question(make_user("paolo"), title="Squeaky grinder on setting one, what to do",
                             body="My grinder squeaks loudly on the finest grind. Is it broken?")
    answer = make_answer(helper, question)
    other = make_answer(make_user("lucia"), question, "Clean the burrs with the brush, then grind rice once.")
    with replaying_history():
        official_answers.mark_official(moderator, answer, "Confirmed for firmware 2.3")
        comment = posts.add_comment(question.author, answer, "Thanks, the **reset** worked for me.")
        posts.add_comment(helper, question, "Which model is it?")
        faq.save_entry(moderator, question, "A squeaking grinder", answer, db.session.scalar(select(Tag)), None)
        moderation.close_question(moderator, question, "duplicate", original)
        # Marking the answer official asked the asker whether it solved their problem; they answered.
        survey = db.session.scalar(select(SatisfactionSurvey).where(SatisfactionSurvey.question_id == question.id))
        satisfaction.answer_survey(question.author, survey, "yes", 4, "The reset worked.")
        italian = posts.ask_question(make_user("chiara"), "Il macinacaffè cigola alla macinatura più fine",
                                     "Da una settimana il macinacaffè cigola quando lo metto su 1: è rotto?",
                                     "aurora-one", "it")
        twins.link_twins(moderator, question, italian)
    db.session.flush()
    db.session.add_all([
        ImportSource(site="coffee.stackexchange.com", kind=kind, source_id=500 + n, local_id=local_id)
        for n, (kind, local_id) in enumerate([
            ("question", question.id), ("user", question.author_id), ("answer", answer.id), ("user", helper.id),
            ("comment", comment.id), ("user", comment.author_id), ("answer", other.id)])])
    db.session.commit()
    return question


def _column(f: dataclasses.Field):
    column = f.metadata["column"]
    column = getattr(column, "expression", column)
    return column.table.c[column.name] if isinstance(column, Column) else None


def _changed(column, value):
    """Another value of the column's kind (another existing row for a reference), as long as the stored one."""
    for key in column.foreign_keys:
        target = key.column
        return db.session.scalar(select(target).where(target != value).order_by(target) if value is not None
                                 else select(target).order_by(target))
    if any(isinstance(c, CheckConstraint) and column.name in str(c.sqltext) for c in column.table.constraints):
        return db.session.scalar(select(column).where(column != value).limit(1))  # another allowed value
    kind = column.type.impl if hasattr(column.type, "impl") else column.type
    if isinstance(kind, Boolean):
        return not value
    if isinstance(kind, Integer):
        return (value or 0) + 1
    if isinstance(kind, DateTime):
        return value + timedelta(minutes=1) if value is not None else clock.now()
    if isinstance(kind, String):
        return value[:-1] + ("y" if value.endswith("x") else "x") if value else "x"
    raise TypeError(f"no change for {column} of type {column.type!r}")


def _views(value):
    """Every view model reachable through keyed fields, with its class."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield value
        for f in dataclasses.fields(value):
            if "column" not in f.metadata and f.metadata.get("keyed", True):
                yield from _views(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _views(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _views(item)


def _declared(view: type, seen=None) -> set[tuple[str, str]]:
    """(view, field) for every keyed field a view declares, through the views it is composed of."""
    seen = set() if seen is None else seen
    if view in seen:
        return set()
    seen.add(view)
    found = {(view.__name__, f.name) for f in shown_fields(view) if f.metadata["keyed"]}
    for f in dataclasses.fields(view):
        if "column" in f.metadata or not f.metadata.get("keyed", True):
            continue
        for inner in _types_in(f.type):
            found |= _declared(inner, seen)
    return found


def _types_in(annotation) -> list[type]:
    if dataclasses.is_dataclass(annotation):
        return [annotation]
    return [t for arg in getattr(annotation, "__args__", ()) for t in _types_in(arg)]


def _each_change(view_model):
    """For every keyed, column-read field of every view shown: a statement that changes its stored value."""
    done = set()
    for view in _views(view_model):
        fields = shown_fields(type(view))
        for f in fields:
            name = (type(view).__name__, f.name)
            column = _column(f)
            if not f.metadata["keyed"] or name in done or column is None or column.primary_key:
                continue
            done.add(name)
            table = column.table
            # The row shown: by its primary key when the view reads it, else by the value shown.
            key = next((g for g in fields if (c := _column(g)) is not None and c.table is table and c.primary_key),
                       None)
            value = getattr(view, f.name)
            where = (table.c[_column(key).name] == getattr(view, key.name)) if key is not None else (
                column.is_(None) if value is None else column == value)
            yield name, update(table).where(where).values({column.name: _changed(column, value)})


def test_question_page_key_changes_with_every_field_it_shows(app, world):
    question_id = world.id

    def key() -> str:
        read = page_queries.read_page(question_id)
        return read.validators().etag

    with app.test_request_context("/"), clock.frozen(clock.now()):
        page = page_queries.build_page(page_queries.read_page(question_id), with_related=False)
        declared = _declared(type(page.question)) | _declared(type(page.answers[0])) | \
            _declared(type(page.comments[question_id][0])) | _declared(type(page.faq)) | _declared(type(page.survey))
        assert {(part.view.__name__) for part in page_statement(False).parts.values()} <= \
            {view for view, _ in declared}, "a part of the page statement is not exercised"
        before = key()
        changed = set()
        for name, change in _each_change(page):
            nested = db.session.begin_nested()
            db.session.execute(change)
            assert key() != before, f"{name[0]}.{name[1]} changed but the page's key did not"
            nested.rollback()
            changed.add(name)
        assert key() == before
    missing = declared - changed - _identities(declared) - DERIVED
    assert not missing, f"declared fields the world does not show, so untested: {sorted(missing)}"


def _identities(declared: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The primary keys among declared fields: another row is shown through the column referring to it."""
    from app.questions import view_models

    return {(view, name) for view, name in declared
            if (c := _column(dataclasses.fields(getattr(view_models, view))[0])) is not None and c.primary_key
            and dataclasses.fields(getattr(view_models, view))[0].name == name}


def test_question_page_key_changes_with_the_readers_language(client, world):
    path = f"/questions/{world.id}/{world.slug}"
    english = client.get(path, headers={"Accept-Language": "en"})
    italian = client.get(path, headers={"Accept-Language": "it"})
    assert english.headers["ETag"] != italian.headers["ETag"]
    assert client.get(path, headers={"Accept-Language": "it", "If-None-Match": english.headers["ETag"]}
                      ).status_code == 200


def test_question_page_key_changes_when_its_twin_is_renamed_or_unlinked(client, world):
    """The translation's title shows on the page: renaming it changes the page's ETag (no stale link kept)."""
    path = f"/questions/{world.id}/{world.slug}"
    before = client.get(path).headers["ETag"]
    twin = db.session.scalar(select(QuestionTwin).where(QuestionTwin.question_id != world.id))
    italian = db.session.get(Question, twin.question_id)
    italian.title = "Il macinino cigola sulla macinatura più fine"
    db.session.commit()
    renamed = client.get(path)
    assert renamed.headers["ETag"] != before
    assert "Il macinino cigola sulla macinatura più fine" in renamed.get_data(as_text=True)
    twins.unlink_twin(db.session.scalar(select(User).where(User.role == "moderator")), italian)
    db.session.commit()
    unlinked = client.get(path)
    assert unlinked.headers["ETag"] not in (before, renamed.headers["ETag"])
    assert "Il macinino cigola" not in unlinked.get_data(as_text=True)


def test_list_key_changes_with_every_field_a_row_shows(app, world):
    def key() -> str:
        listed = queries.read_list("active", 1, 30)
        return _list_validators(listed, Reading(ALL, "en"), "active").etag

    with app.test_request_context("/"), clock.frozen(clock.now()):
        rows = queries.read_list("active", 1, 30).listing.items
        before, changed = key(), set()
        for name, change in _each_change(tuple(rows)):
            nested = db.session.begin_nested()
            db.session.execute(change)
            assert key() != before, f"{name[0]}.{name[1]} changed but the list's key did not"
            nested.rollback()
            changed.add(name)
    declared = _declared(QuestionRow)
    missing = declared - changed - _identities(declared)
    assert not missing, f"declared fields the world does not show, so untested: {sorted(missing)}"



def test_the_brand_teams_list_key_changes_when_a_question_becomes_escalated(app, make_user, make_question):
    app.config["RESPONSE_TARGET_HOURS"] = 4
    asked = clock.now().replace(minute=10, second=0, microsecond=0) - timedelta(hours=4)
    with clock.frozen(asked):
        make_question(make_user("asker"), title="Nobody has answered how to descale the boiler")

    def key() -> str:
        return _list_validators(queries.read_list("newest", 1, 30, staff=True), Reading(ALL, "en"), "newest").etag

    with app.test_request_context("/"):
        # Asked at ten past: 3 h 55 and 4 h 05 later fall in one clock hour (the key's time step while the newest
        # row is under a day old), so only the row's mark, past the 4-hour target at the second, tells them apart.
        with clock.frozen(asked + timedelta(hours=3, minutes=55)):
            on_time = key()
        with clock.frozen(asked + timedelta(hours=4, minutes=5)):
            assert queries.read_list("newest", 1, 30, staff=True).listing.items[0].escalated
            assert key() != on_time


def _unkeyed(view: type, seen: set) -> set[tuple[str, str]]:
    if view in seen:
        return set()
    seen.add(view)
    found = set()
    for f in dataclasses.fields(view):
        if not f.metadata.get("keyed", True):
            found.add((view.__name__, f.name))
        elif "column" not in f.metadata:
            for inner in _types_in(f.type):
                found |= _unkeyed(inner, seen)
    return found


def test_only_the_declared_lag_is_left_out_of_keys():
    """What a key may leave out is a decision (docs/decisions.md): view counts, which change with every reader,
    and related questions, a search per page; an answer's question is keyed by the question's own row."""
    from app.faq.queries import FaqEntryView
    from app.questions.view_models import QuestionPage

    seen: set = set()
    unkeyed = _unkeyed(QuestionPage, seen) | _unkeyed(QuestionRow, seen) | _unkeyed(FaqEntryView, seen)
    assert unkeyed == {("QuestionView", "view_count"), ("QuestionRow", "view_count"), ("AnswerView", "question"),
                       ("QuestionPage", "related")}
