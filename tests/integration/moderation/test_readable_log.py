"""The moderation log reads as sentences in the reader's language: every action named, posts by title (deleted
ones too), reasons in words, the fields that changed from one value to the other; and it downloads as CSV with the
same filters, for moderators only, every text cell kept from running as a formula."""

import ast
import csv
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from app.extensions import db
from app.models import ModerationAction, User
from app.moderation import actions
from app.moderation.queue import UNHAPPY_KINDS

APP = Path(__file__).resolve().parents[3] / "app"
# What an f-string action id's placeholder can be: `dismiss_{signal.kind}` for every kind of signal.
EXPANSIONS = {"signal.kind": (*UNHAPPY_KINDS, "personal_data")}


def _strings(node, function: ast.FunctionDef | None, calls: dict[str, set[str]]) -> set[str]:
    """The action ids an `audit.record` call's argument can be."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body, function, calls) | _strings(node.orelse, function, calls)
    if isinstance(node, ast.JoinedStr):
        (prefix, placeholder), = [(p.value, v) for p, v in zip(node.values, node.values[1:], strict=False)
                                  if isinstance(p, ast.Constant) and isinstance(v, ast.FormattedValue)]
        return {prefix + kind for kind in EXPANSIONS[ast.unparse(placeholder.value)]}
    if isinstance(node, ast.Name) and function is not None:  # a parameter: its default and what callers pass
        arguments = function.args
        defaults = dict(zip([a.arg for a in arguments.args][-len(arguments.defaults):], arguments.defaults,
                            strict=True))
        return _strings(defaults[node.id], None, calls) | calls.get(f"{function.name}.{node.id}", set())
    raise AssertionError(f"an action id the test cannot read: {ast.unparse(node)}")


def recorded_actions() -> set[str]:
    trees = [ast.parse(path.read_text()) for path in APP.rglob("*.py")]
    calls: dict[str, set[str]] = {}  # "function.keyword" -> literal values passed by its callers
    for tree in trees:
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
            for keyword in call.keywords:
                if isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
                    calls.setdefault(f"{name}.{keyword.arg}", set()).add(keyword.value.value)
    found = set()
    for tree in trees:
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                if ast.unparse(call.func) == "audit.record":
                    found |= _strings(call.args[1], function, calls)
    return found


def test_every_action_recorded_in_the_app_has_a_label_and_a_sentence():
    found = recorded_actions()
    assert {"close", "delete_spam", "undo", "hide", "dismiss_personal_data", "flags_dismissed"} <= found
    missing = sorted(found - set(actions.ACTIONS))
    assert not missing, f"name these actions in app/moderation/actions.py ACTIONS: {missing}"
    for label, sentence in actions.ACTIONS.values():
        assert str(label) and "%(moderator)s" in str(sentence) and "%(target)s" in str(sentence)


@pytest.fixture
def history(client, auth, make_user, make_question, make_answer):
    """Marta closes one question as a duplicate of another and deletes a third, whose title needs escaping."""
    make_user("marta", role="moderator", display_name="Marta")
    asker = make_user("asker")
    original = make_question(asker, title="La lancia vapore non fa più schiuma")
    duplicate = make_question(asker, title="La Duo perde acqua dalla lancia vapore")
    doomed = make_question(asker, title="Cheap <b>descaler</b> = best price, visit my shop")
    auth.login("marta")
    client.post(f"/questions/{duplicate.id}/close",
                data={"reason": "duplicate", "duplicate_of": f"http://localhost/questions/{original.id}/x"})
    client.post(f"/posts/{doomed.id}/delete", data={"reason": "=HYPERLINK(\"http://evil.example\")"})
    return original, duplicate, doomed


def _rows(html):
    page = BeautifulSoup(html, "html.parser")
    return [[" ".join(td.get_text(" ").split()) for td in tr.select("td")] for tr in page.select(".log-table tbody tr")]


def test_the_log_says_who_did_what_to_which_post(client, history):
    original, duplicate, doomed = history
    html = client.get("/moderation/log").get_data(as_text=True)
    deleted, closed = _rows(html)
    assert closed[1:] == ["Closed", f"Marta closed “{duplicate.title}” as a duplicate of “{original.title}”",
                          "duplicate of another question",
                          f"Closed: — → duplicate of another question Duplicate of: — → “{original.title}”"]
    # Deleted, still named; undone from the log for ten minutes.
    assert deleted[1:3] == ["Deleted", f"Marta deleted “{doomed.title}” Undo"]
    assert deleted[4] == "Deleted: no → yes"
    assert "Cheap &lt;b&gt;descaler&lt;/b&gt;" in html and "<b>descaler" not in html
    page = BeautifulSoup(html, "html.parser")
    assert [a["href"] for a in page.select(".log-sentence a")][-3:] == [
        "/users/1", f"/posts/{duplicate.id}", f"/posts/{original.id}"]
    assert "{" not in " ".join(page.select_one(".log-table").get_text().split())  # no JSON anywhere


def test_the_log_in_italian(client, history):
    original, duplicate, _ = history
    html = client.get("/moderation/log?action=close", headers={"Accept-Language": "it"}).get_data(as_text=True)
    (closed,) = _rows(html)
    assert closed[1:4] == ["Chiusa", f"Marta ha chiuso “{duplicate.title}” come duplicato di “{original.title}”",
                           "duplicato di un'altra domanda"]
    option = BeautifulSoup(html, "html.parser").select_one("#log-action option[value=close]")
    assert option.get_text() == "Chiusa"


def test_the_csv_keeps_the_filters_and_no_cell_runs_as_a_formula(client, auth, history):
    _, duplicate, doomed = history
    response = client.get("/moderation/log.csv?action=delete")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    header, *rows = csv.reader(io.StringIO(response.get_data(as_text=True)))
    assert header == list(("entry_id", "at", "moderator", "action", "action_label", "sentence", "target_type",
                           "target_id", "target", "reason", "changes"))
    (row,) = rows
    assert row[2:9] == ["marta", "delete", "Deleted", f"Marta deleted “{doomed.title}”", "post", str(doomed.id),
                        f"“{doomed.title}”"]
    assert row[9] == "'=HYPERLINK(\"http://evil.example\")" and row[10] == "Deleted: no → yes"
    assert len(list(csv.reader(io.StringIO(client.get("/moderation/log.csv").get_data(as_text=True))))) == 3
    auth.logout()
    assert client.get("/moderation/log.csv").status_code == 302
    auth.login("asker")
    assert client.get("/moderation/log.csv").status_code == 403


def test_an_entry_of_another_kind_still_reads_as_a_sentence(client, history, make_user):
    # Roles set by a sign-in provider's groups have no moderator: the sentence names the rule instead.
    from app import audit

    member = make_user("tina", display_name="Tina")
    audit.record(None, "set_role", "user", member.id, "groups at Brand", {"role": "member"}, {"role": "moderator"})
    db.session.commit()
    (row,) = _rows(client.get("/moderation/log?action=set_role").get_data(as_text=True))
    assert row[1:] == ["Role changed", "An automatic rule changed the role of Tina", "groups at Brand",
                       "Role: member → moderator"]
    assert db.session.scalar(select(ModerationAction.id).where(ModerationAction.action == "set_role"))


def test_the_teams_own_work_reads_as_sentences_that_name_the_colleague_and_keep_notes_out(client, auth, make_user,
                                                                                        make_question):
    make_user("marta", role="moderator", display_name="Marta")
    make_user("luca", role="moderator", display_name="Luca")
    question = make_question(make_user("asker"), title="The grinder stopped after descaling")
    auth.login("marta")
    client.post(f"/questions/{question.id}/claim")
    luca = db.session.scalar(select(User.id).where(User.username == "luca"))
    client.post(f"/questions/{question.id}/assign", data={"assignee": luca})
    client.post(f"/questions/{question.id}/notes", data={"body": "Asked the lab: batch 42 had a faulty board."})
    client.post("/moderation/replies/new", data={"title": "Descaling steps", "language": "en",
                                                 "body": "Hi {asker}, run the descaling programme."})
    html = client.get("/moderation/log").get_data(as_text=True)
    sentences = [row[2] for row in _rows(html)]
    assert sentences[:4] == ["Marta added the saved reply “Descaling steps”",
                             f"Marta added an internal note to “{question.title}”",
                             f"Marta assigned “{question.title}”", f"Marta took on “{question.title}”"]
    changes = [row[4] for row in _rows(html)]
    assert changes[2] == "On it: Marta → Luca"
    assert "batch 42" not in html  # the note's text stays on the question, for the team


def test_dates_and_languages_read_as_words_not_codes(client, auth, make_user, make_question, make_answer):
    make_user("marta", role="moderator", display_name="Marta")
    answer = make_answer(make_user("paolo"), make_question(make_user("asker")))
    auth.login("marta")
    client.post(f"/answers/{answer.id}/official", data={"action": "mark", "note": ""})
    client.post("/moderation/replies/new", data={"title": "Descaling steps", "language": "it",
                                                 "body": "Ciao {asker}, avvia il programma di decalcificazione."})
    reply, official = _rows(client.get("/moderation/log").get_data(as_text=True))
    assert "Language: — → Italiano" in reply[4]
    due = db.session.get(type(answer), answer.id).official_review_due_at
    assert f"Review due: — → {due:%b} {due.day}, {due.year}," in official[4]
    assert "T" not in official[4].split("Review due:")[1]  # no ISO timestamp
