"""Every guard raises exactly when its predicate is false, with the predicate's own reason: each can_/require_
pair of app.permissions and the privileges' has/require, over a matrix of users and posts."""

import inspect
from datetime import timedelta
from itertools import product
from types import SimpleNamespace

import pytest
from flask_login import AnonymousUserMixin

from app import clock, permissions
from app.errors import DomainError
from app.extensions import db
from app.guards import Refusal
from app.moderation import operations as moderation
from app.questions import operations as posts
from app.reputation import privileges
from app.votes import operations as votes

DIRECTIONS = ("vote.up", "vote.down", None)


def _world(make_user, make_question, make_answer) -> tuple[dict, dict]:
    """Users of every standing, and posts in every state, each named for the failure messages."""
    asker, helper = make_user("asker", reputation=20), make_user("helper", reputation=20)
    moderator, admin = make_user("mod", role="moderator"), make_user("admin", role="admin")
    users = {"nobody": None, "anonymous": AnonymousUserMixin(), "new member": make_user("newcomer"),
             "asker": asker, "helper": helper, "moderator": moderator, "admin": admin,
             "suspended": make_user("suspended", reputation=5000,
                                    suspended_until=clock.now() + timedelta(days=3))}
    for key in privileges.DEFAULT_THRESHOLDS:  # just enough reputation for each privilege
        users[f"member with {key}"] = make_user(f"has-{key}".replace(".", "-"),
                                                reputation=privileges.threshold(key))

    question, relied_on, locked, gone = (make_question(asker, title=f"The pump is silent after descaling {n}")
                                         for n in range(4))
    answer, accepted, upvoted, removed = (make_answer(helper, q) for q in (question, relied_on, relied_on, gone))
    own_answer = make_answer(asker, question, body="I answer my own question: the filter was upside down.")
    with privileges.replaying_history():
        posts.accept_answer(asker, accepted)
        votes.cast_vote(moderator, upvoted, 1)
        moderation.toggle_lock(moderator, locked)
        posts.delete_post(moderator, removed)
        posts.delete_post(moderator, gone)
    db.session.commit()
    posts_by_name = {"asker's question": question, "asker's answer to it": own_answer,
                     "helper's answer to the asker": answer, "question with an accepted answer": relied_on,
                     "accepted answer": accepted, "upvoted answer": upvoted, "locked question": locked,
                     "deleted question": gone, "deleted answer": removed}
    return users, posts_by_name


def _pairs(users: dict, posts_by_name: dict) -> list[tuple[object, object, list[tuple]]]:
    """(predicate, guard, the argument lists to try): the whole table of the app's permissions."""
    people = list(users.values())
    on_posts = list(product(people, posts_by_name.values()))
    questions = [p for p in posts_by_name.values() if p.kind == "question"]
    return [
        (permissions.can_edit, permissions.require_edit, on_posts),
        (permissions.can_comment, permissions.require_comment, on_posts),
        (permissions.can_delete, permissions.require_delete, on_posts),
        (permissions.can_vote, permissions.require_vote,
         [(u, p, d) for (u, p), d in product(on_posts, DIRECTIONS)]),
        (permissions.can_accept, permissions.require_accept, list(product(people, questions))),
        (permissions.is_moderator, permissions.require_moderator, [(u,) for u in people]),
        (permissions.is_admin, permissions.require_admin, [(u,) for u in people]),
        (permissions.can_change_note, permissions.require_change_note,
         [(u, SimpleNamespace(author_id=getattr(author, "id", None))) for u, author in product(people, people)]),
        (privileges.has, privileges.require, list(product(people, privileges.DEFAULT_THRESHOLDS))),
    ]


def _name(value, users, posts_by_name) -> str:
    for names in (users, posts_by_name):
        for name, known in names.items():
            if known is value and value is not None:
                return name
    return repr(value)


def test_every_guard_raises_exactly_when_its_predicate_is_false(app, make_user, make_question, make_answer):
    users, posts_by_name = _world(make_user, make_question, make_answer)
    mismatches, refusals = [], 0
    for predicate, require, argument_lists in _pairs(users, posts_by_name):
        for arguments in argument_lists:
            described = f"{predicate.__name__}({', '.join(_name(a, users, posts_by_name) for a in arguments)})"
            verdict = predicate(*arguments)
            try:
                require(*arguments)
            except DomainError as refused:
                refusals += 1
                if verdict:
                    mismatches.append(f"{described} is true but {require.__name__} refused: {refused.message}")
                elif isinstance(verdict, Refusal) and str(refused.message) != str(verdict.reason):
                    mismatches.append(f"{described} says {verdict.reason!s} but {require.__name__} says "
                                      f"{refused.message!s}")
            except Exception as error:  # noqa: BLE001 # a crash is a mismatch to report, not to stop at
                mismatches.append(f"{described}: {require.__name__} failed with {error!r}")
            else:
                if not verdict:
                    mismatches.append(f"{described} is false but {require.__name__} let it through")
    assert not mismatches, "\n".join(mismatches)
    assert refusals > 100  # the matrix reaches refusals of every kind, not only the allowed cases


def test_the_table_covers_every_guard():
    """A new require_ in app.permissions must join the table above, and be derived from its predicate."""
    tabled = {require.__name__ for _predicate, require, _arguments in _pairs({}, {})}
    guards = {name for name, _ in inspect.getmembers(permissions, callable) if name.startswith("require_")}
    assert guards <= tabled
    for predicate, require, _arguments in _pairs({}, {}):
        assert require.predicate is predicate, f"{require.__name__} is not derived from {predicate.__name__}"


@pytest.mark.parametrize("user", ["anonymous", "newcomer"])
def test_a_refusal_names_what_is_missing(app, make_user, user):
    person = AnonymousUserMixin() if user == "anonymous" else make_user(user)
    with pytest.raises(DomainError) as refused:
        privileges.require(person, "vote.down")
    expected = ("You need to log in to do that." if user == "anonymous"
                else "“Vote down” needs 50 reputation; you have 1. The privileges page explains how to earn it.")
    assert str(refused.value.message) == expected
