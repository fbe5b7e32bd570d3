"""The question page, the lists, search results and the FAQ render byte for byte as recorded.

A fixed community (`flask bench seed --questions 200` with the clock frozen, plus crafted states: an
accepted, an official and a suspended official answer, a 50-answer thread, a duplicate notice, comments, an
FAQ entry, imported posts, a locked and a deleted post) is shown to a visitor, a member, the asker and a
moderator, in English and Italian; session tokens and static fingerprints are masked. Kept copies (a
second reader alike) must equal the fresh render. The recorded pages are in tests/data/page_snapshots/;
after a change that is meant to change the pages, record them again with SNAPSHOTS_RECORD=1 and read the
diff before committing.
"""

import difflib
import gzip
import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import clock
from app.extensions import db
from app.faq import operations as faq
from app.models import Answer, Comment, ImportSource, Question, Tag, User
from app.moderation import operations as moderation
from app.notifications import operations as notifications
from app.questions import official_answers
from app.questions import operations as posts
from app.reputation import privileges
from app.reputation.privileges import replaying_history
from app.votes.operations import cast_vote

pytestmark = pytest.mark.sqlite_only  # search results and their order come from the SQLite FTS5 index

SNAPSHOTS = Path(__file__).resolve().parents[1] / "data" / "page_snapshots"
RECORD = os.environ.get("SNAPSHOTS_RECORD") == "1"
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
MASKS = [(re.compile(r'(name="csrf_token" value=")[^"]*(")'), r"\1TOKEN\2"),
         (re.compile(r'(<meta name="csrf-token" content=")[^"]*(")'), r"\1TOKEN\2"),
         (re.compile(r"(\?v=)[0-9a-f]+"), r"\1HASH")]


def masked(html: str) -> str:
    for pattern, replacement in MASKS:
        html = pattern.sub(replacement, html)
    return html


def _thread_with(answers: int) -> Question:
    """The newest seeded question with this many answers and at least one comment."""
    commented = select(Comment.post_id)
    return db.session.scalar(select(Question).where(Question.answer_count == answers, Question.deleted_at.is_(None),
                                                    Question.closed_reason.is_(None),
                                                    Question.id.in_(commented)).order_by(Question.id.desc()))


def _privileges(user: User) -> tuple:
    return tuple(privileges.has(user, p.key) for p in privileges.PRIVILEGES)


def build_world(app) -> dict:
    """The seeded community and the crafted states; returns what the pages need (ids, names)."""
    result = app.test_cli_runner().invoke(args=["bench", "seed", "--questions", "200"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    moderator = db.session.scalar(select(User).where(User.role == "moderator").order_by(User.id))
    members = list(db.session.scalars(select(User).where(User.role == "member").order_by(User.id)))
    everyone = list(db.session.scalars(select(User).where(User.id != members[0].id).order_by(User.id)))
    ten = _thread_with(10) or _thread_with(9)
    answers = list(db.session.scalars(select(Answer).where(Answer.parent_id == ten.id, Answer.deleted_at.is_(None))
                                      .order_by(Answer.score.desc(), Answer.id)))
    with replaying_history():
        if ten.accepted_answer_id is None:
            posts.accept_answer(ten.author, answers[0])
        official, suspended = answers[1], answers[2]
        official_answers.mark_official(moderator, official, "Confirmed for firmware 2.3")
        official_answers.mark_official(moderator, suspended, "")
        posts.edit_answer(suspended.author, suspended, suspended.body_markdown + "\n\nEdited: also rinse twice.",
                          "a detail")
        posts.add_comment(ten.author, official, "Thanks, the **reset** worked for me.")
        posts.delete_post(moderator, next(a for a in reversed(answers) if a.id != ten.accepted_answer_id))
        tag = ten.tags[0]
        entry = faq.save_entry(moderator, ten, "Error after descaling: what to do", official, tag, None)
        fifty = posts.ask_question(members[0], "The pump hums but no water comes out of the group head",
                                   "Since this morning the pump hums and nothing comes out. The tank is full.",
                                   tag.name, "en")
        db.session.flush()
        for n in range(50):
            answer = posts.post_answer(everyone[n % len(everyone)], fifty,
                                       f"Check the tank valve first ({n}), then descale the group "
                                       "head with the cleaning tablet.", "en")
            if n % 5 == 0:
                posts.add_comment(members[0], answer, f"Tried that, number {n}: no change yet.")
        duplicate = posts.ask_question(members[3], "Pump hums, no water from the group head",
                                       "Same here: the pump hums but no water. Full tank.", tag.name, "en")
        db.session.flush()
        moderation.close_question(moderator, duplicate, "duplicate", fifty)
        locked = _thread_with(2) or _thread_with(3)
        moderation.toggle_lock(moderator, locked, "heated")
        on_page = {a.author_id for a in answers} | {ten.author_id}
        voter = next(m for m in members if m.reputation >= 50 and m.id not in on_page)
        alike = next(m for m in members if m.id not in on_page | {voter.id} and _privileges(m) == _privileges(voter))
        cast_vote(voter, official, 1)
        notifications.follow_question(voter, ten)
        imported = db.session.get(Answer, answers[3].id)
        comment = db.session.scalar(select(Comment).where(Comment.post_id == ten.id).order_by(Comment.id))
        db.session.add_all([
            ImportSource(site="coffee.stackexchange.com", kind="question", source_id=501, local_id=ten.id),
            ImportSource(site="coffee.stackexchange.com", kind="user", source_id=77, local_id=ten.author_id),
            ImportSource(site="coffee.stackexchange.com", kind="answer", source_id=502, local_id=imported.id),
            *([ImportSource(site="coffee.stackexchange.com", kind="comment", source_id=503, local_id=comment.id)]
              if comment else [])])
    for user in (voter, alike, ten.author, moderator):
        user.session_token = f"snapshot-{user.id}"  # their sessions below
    db.session.commit()
    words = ten.title.split()
    return {"ten": ten.id, "fifty": fifty.id, "duplicate": duplicate.id, "locked": locked.id, "tag": tag.name,
            "entry": entry.id, "voter": voter.id, "alike": alike.id, "asker": ten.author_id, "moderator": moderator.id,
            "query": " ".join(words[:2]), "word": words[0]}


def pages(world: dict) -> dict[str, str]:
    def question(key):
        q = db.session.get(Question, world[key])
        return f"/questions/{q.id}/{q.slug}"

    return {
        "question-10": question("ten"), "question-50": question("fifty"), "question-duplicate": question("duplicate"),
        "question-locked": question("locked"),
        "home": "/", "active": "/questions?tab=active", "unanswered": "/questions?tab=unanswered",
        "votes": "/questions?tab=votes", "home-page-2": "/questions?page=2",
        "tag": f"/tags/{world['tag']}", "tag-votes": f"/tags/{world['tag']}?tab=votes", "tags": "/tags",
        "search": f"/search?q={world['query']}", "search-word": f"/search?q={world['word']}&sort=newest",
        "faq": "/faq", "faq-tag": f"/faq/{world['tag']}",
    }


READERS = ("visitor", "member", "alike", "asker", "moderator")
ITALIAN = {"question-10", "question-50", "home", "tag", "search", "faq"}


def client_for(app, world: dict, reader: str):
    client = app.test_client()
    user_id = {"member": world["voter"], "alike": world["alike"], "asker": world["asker"],
               "moderator": world["moderator"]}.get(reader)
    if user_id:
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = f"{user_id}:snapshot-{user_id}", True
    return client


def forget_kept(app) -> None:
    for kept in ("rendered_pages", "rendered_fragments"):
        app.extensions[kept].entries.clear()
        app.extensions[kept].size = 0


def compare(name: str, html: str, problems: list[str]) -> None:
    path = SNAPSHOTS / f"{name}.html.gz"
    if RECORD:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(html.encode(), mtime=0))
        return
    if not path.exists():
        problems.append(f"{name}: no recorded page (record with SNAPSHOTS_RECORD=1)")
        return
    recorded = gzip.decompress(path.read_bytes()).decode()
    if recorded != html:
        diff = difflib.unified_diff(recorded.splitlines(), html.splitlines(), "recorded", "now", lineterm="", n=1)
        problems.append(f"{name}:\n" + "\n".join(list(diff)[:40]))


@pytest.mark.parametrize("app_config", [{"VIEW_WINDOW_MINUTES": 24 * 60}])
def test_pages_render_as_recorded(app):
    problems: list[str] = []
    with clock.frozen(NOW - timedelta(days=2)):
        world = build_world(app)
    with clock.frozen(NOW):
        addresses = pages(world)
        clients = {reader: client_for(app, world, reader) for reader in READERS}
        languages = {"en": {}, "it": {"Accept-Language": "it"}}
        for client in clients.values():  # every reader is counted once: view counts stay put below
            for path in addresses.values():
                client.get(path, headers=languages["en"])
        for reader, client in clients.items():
            for name, path in addresses.items():
                for language, headers in languages.items():
                    if language == "it" and name not in ITALIAN:
                        continue
                    forget_kept(app)
                    response = client.get(path, headers=headers)
                    assert response.status_code == 200, (reader, name, response.status_code)
                    html = masked(response.get_data(as_text=True))
                    compare(f"{name}-{reader}-{language}", html, problems)
                    again = masked(client.get(path, headers=headers).get_data(as_text=True))
                    if again != html:
                        problems.append(f"{name}-{reader}-{language}: the kept copy differs from the render")
                    if reader == "alike":  # served from what another member of the same privileges left kept
                        forget_kept(app)
                        clients["member"].get(path, headers=headers)
                        shared = masked(client.get(path, headers=headers).get_data(as_text=True))
                        if shared != html:
                            problems.append(f"{name}-alike-{language}: the copy kept for another member differs")
    assert db.session.scalar(select(func.count()).select_from(Tag)) > 0
    assert not problems, "\n\n".join(problems)
