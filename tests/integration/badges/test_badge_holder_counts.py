"""The badge catalogue's "N holders" comes from counts kept with the awards: right after an award (a repeated
one counts its holder once), after awards or their holder are deleted, and `flask counters rebuild` puts a
wrong count right."""

import re

from sqlalchemy import delete, select, update

from app.extensions import db
from app.models import BadgeAward, User
from app.models.badge import BadgeHolderCount
from app.questions import operations as posts


def holders_shown(client, slug: str) -> int:
    """The figure the catalogue prints on the line of one badge."""
    html = client.get("/badges").get_data(as_text=True)
    line = re.search(rf'href="/badges/{slug}".*?<span class="badge-holders">([\d,.]+) holders?</span>', html, re.S)
    assert line, f"no line for {slug}"
    return int(re.sub(r"\D", "", line.group(1)))


def earn_helper(asker, helper, make_question, make_answer, title="The machine shows error E04 after descaling"):
    posts.accept_answer(asker, make_answer(helper, make_question(asker, title=title)))
    db.session.commit()


def test_the_count_shown_follows_awards_and_counts_a_holder_once(client, make_user, make_question, make_answer):
    asker, anna, bruno = make_user("asker"), make_user("anna"), make_user("bruno")
    assert holders_shown(client, "helper") == 0
    earn_helper(asker, anna, make_question, make_answer)
    assert holders_shown(client, "helper") == 1
    assert holders_shown(client, "rapid-responder") == 1
    # A second fast accepted answer: rapid responder again (repeatable), still one holder.
    earn_helper(asker, anna, make_question, make_answer, title="The grinder is noisy after the cleaning cycle")
    assert db.session.scalar(select(db.func.count()).select_from(BadgeAward).where(
        BadgeAward.user_id == anna.id, BadgeAward.badge == "rapid-responder")) == 2
    assert holders_shown(client, "rapid-responder") == 1
    earn_helper(asker, bruno, make_question, make_answer, title="The steam wand drips when the machine is off")
    assert holders_shown(client, "helper") == 2
    assert holders_shown(client, "rapid-responder") == 2


def test_removed_awards_and_deleted_holders_leave_the_count(client, make_user, make_question, make_answer):
    asker, anna, bruno = make_user("asker"), make_user("anna"), make_user("bruno")
    earn_helper(asker, anna, make_question, make_answer)
    earn_helper(asker, bruno, make_question, make_answer, title="The grinder is noisy after the cleaning cycle")
    assert holders_shown(client, "helper") == 2
    award = db.session.scalar(select(BadgeAward).where(BadgeAward.user_id == anna.id, BadgeAward.badge == "helper"))
    db.session.delete(award)
    db.session.commit()
    assert holders_shown(client, "helper") == 1
    db.session.delete(db.session.get(User, bruno.id))  # the database deletes the account's awards with it
    db.session.commit()
    assert holders_shown(client, "helper") == 0
    earn_helper(asker, anna, make_question, make_answer, title="The steam wand drips when the machine is off")
    db.session.execute(delete(BadgeAward).where(BadgeAward.badge == "rapid-responder"))
    db.session.commit()
    assert holders_shown(client, "rapid-responder") == 0
    assert holders_shown(client, "helper") == 1


def test_a_rolled_back_removal_changes_nothing(client, make_user, make_question, make_answer):
    earn_helper(make_user("asker"), make_user("anna"), make_question, make_answer)
    db.session.execute(delete(BadgeAward))
    db.session.rollback()
    assert holders_shown(client, "helper") == 1


def test_counters_rebuild_finds_and_fixes_a_wrong_holder_count(app, client, make_user, make_question, make_answer):
    earn_helper(make_user("asker"), make_user("anna"), make_question, make_answer)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["counters", "rebuild", "--check"]).exit_code == 0
    db.session.execute(update(BadgeHolderCount).where(BadgeHolderCount.badge == "helper").values(holders=7))
    db.session.execute(delete(BadgeHolderCount).where(BadgeHolderCount.badge == "scholar"))
    db.session.commit()
    assert holders_shown(client, "helper") == 7
    result = runner.invoke(args=["counters", "rebuild", "--check"])
    assert result.exit_code == 1
    assert "badge holders #helper: cached 7, actual 1" in result.output
    assert "badge holders #scholar: cached 0, actual 1" in result.output
    result = runner.invoke(args=["counters", "rebuild"])
    assert result.exit_code == 0 and "2 corrected" in result.output
    assert holders_shown(client, "helper") == 1 and holders_shown(client, "scholar") == 1
    assert runner.invoke(args=["counters", "rebuild", "--check"]).exit_code == 0


def test_backfill_sets_the_holder_counts(app, client, make_user, make_question, make_answer):
    earn_helper(make_user("asker"), make_user("anna"), make_question, make_answer)
    db.session.execute(delete(BadgeHolderCount))
    db.session.execute(BadgeAward.__table__.delete())
    db.session.commit()
    assert holders_shown(client, "helper") == 0
    assert app.test_cli_runner().invoke(args=["badges", "backfill"]).exit_code == 0
    assert holders_shown(client, "helper") == 1
