"""Seed the demo brand community through the same operations the forum uses, at historical times."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app import clock
from app.accounts import operations as accounts
from app.demo import content
from app.extensions import db
from app.faq import operations as faq
from app.models import Question, Tag, User
from app.moderation import twins
from app.questions import official_answers, tag_terms
from app.questions import operations as questions
from app.reputation import privileges
from app.votes import operations as votes

DEMO_PASSWORD = "aurora-demo-2026"


def _at(base, hours: float):
    """Freeze the clock `hours` after `base`, but never in the future."""
    return clock.frozen(min(base + timedelta(hours=hours), datetime.now(UTC) - timedelta(minutes=1)))


def _seed_users() -> dict[str, User]:
    users = {}
    start = clock.now()
    for spec in content.USERS:
        with _at(start, -spec["joined_days_ago"] * 24):
            user = accounts.create_user(spec["username"], f"{spec['username']}@demo.example", DEMO_PASSWORD,
                                        spec["role"])
            accounts.update_profile(user, spec["display_name"], spec.get("about", ""), spec["locale"])
        users[spec["username"]] = user
    return users


def _seed_votes(post, spec: dict, users: dict[str, User], when) -> int:
    cast = 0
    for direction, value in (("up", 1), ("down", -1)):
        for name in spec.get("votes", {}).get(direction, []):
            with _at(when, 1 + cast * 0.5):
                votes.cast_vote(users[name], post, value)
            cast += 1
    return cast


def _seed_comments(post, specs: list[dict], users: dict[str, User], posted_at) -> int:
    for spec in specs:
        with _at(posted_at, spec["hours_after"]):
            questions.add_comment(users[spec["author"]], post, spec["body"], allow_personal_data=True)
    return len(specs)


def seed_demo() -> dict[str, int]:
    """Create the tags, members and threads of content.py; returns counts for the summary line.

    The history is replayed through the real operations, so reputation and badges follow from it;
    today's privilege thresholds do not apply to a history that predates them.
    """
    with privileges.replaying_history():
        return _seed()


def _seed() -> dict[str, int]:
    for spec in content.TAGS:
        tag = Tag(name=spec["name"])
        db.session.add(tag)
        db.session.flush()
        tag_terms.save_names(tag, tag_terms.TagNames(
            names={"en": spec["name_en"], "it": spec["name_it"]},
            descriptions={"en": spec["description"], "it": spec["description_it"]}, aliases=" ".join(spec["aliases"])))
    users = _seed_users()
    counts = {"members": len(users), "questions": 0, "answers": 0, "comments": 0, "votes": 0}
    now = clock.now()
    for spec in sorted(content.QUESTIONS, key=lambda q: -q["asked_days_ago"]):
        asked_at = now - timedelta(days=spec["asked_days_ago"])
        with clock.frozen(asked_at):
            question = questions.ask_question(users[spec["author"]], spec["title"], spec["body"],
                                              " ".join(spec["tags"]), spec["language"], allow_personal_data=True)
        question.view_count = spec.get("views", 0)
        counts["questions"] += 1
        counts["votes"] += _seed_votes(question, spec, users, asked_at)
        counts["comments"] += _seed_comments(question, spec.get("comments", []), users, asked_at)
        for answer_spec in spec.get("answers", []):
            answered_at = asked_at + timedelta(hours=answer_spec["hours_after"])
            with clock.frozen(answered_at):
                answer = questions.post_answer(users[answer_spec["author"]], question, answer_spec["body"],
                                               spec["language"], allow_personal_data=True)
            if users[answer_spec["author"]].is_moderator:  # the brand team vouches for its own answers
                with _at(answered_at, 0.5):
                    official_answers.mark_official(users[answer_spec["author"]], answer)
            counts["answers"] += 1
            counts["votes"] += _seed_votes(answer, answer_spec, users, answered_at)
            counts["comments"] += _seed_comments(answer, answer_spec.get("comments", []), users, answered_at)
            if answer_spec.get("accepted"):
                with _at(answered_at, 2):
                    questions.accept_answer(users[spec["author"]], answer)
    db.session.flush()
    moderator = next(u for u in users.values() if u.is_moderator)
    counts["FAQ entries"] = _seed_faq(moderator)
    counts["linked translations"] = _seed_twins(moderator)
    return counts


def _seed_twins(moderator: User) -> int:
    """The brand team links the threads that ask the same thing in English and in Italian."""
    for titles in content.TWINS:
        english, italian = (db.session.execute(select(Question).where(Question.title == title)).scalar_one()
                            for title in titles)
        twins.link_twins(moderator, english, italian)
    return len(content.TWINS)


def _seed_faq(moderator: User, size: int = 6) -> int:
    """The brand curates its most useful solved threads into the FAQ, one or two per product, and words the English
    ones in Italian as well (content.FAQ_ITALIAN_WORDINGS)."""
    solved = db.session.scalars(select(Question).where((Question.accepted_answer_id.is_not(None))
                                                       | Question.has_official_answer)
                                .order_by(Question.score.desc(), Question.view_count.desc())).all()
    per_tag: dict[str, int] = {}
    promoted = 0
    for question in solved:
        tag = question.tags[0]
        if promoted == size or per_tag.get(tag.name, 0) == 2:
            continue
        faq.save_entry(moderator, question, question.title or "", faq.default_answer(question), tag, None)
        if question.title in content.FAQ_ITALIAN_WORDINGS:
            title, wording = content.FAQ_ITALIAN_WORDINGS[question.title]
            faq.save_entry(moderator, question, title, faq.default_answer(question), tag, None, "it", wording)
            promoted += 1
        per_tag[tag.name] = per_tag.get(tag.name, 0) + 1
        promoted += 1
    return promoted


def login_lines() -> list[str]:
    moderator = next(u for u in content.USERS if u["role"] == "moderator")
    member = next(u for u in content.USERS if u["role"] == "member")
    return [
        f"Demo log-ins (password for every demo account: {DEMO_PASSWORD}):",
        f"  brand moderator: {moderator['username']}",
        f"  member:          {member['username']}",
    ]
