"""The only writer of the reputation ledger and of users' reputation.

Every ledger row names a *source*, a fact in the primary data that is worth points: a vote, an
acceptance, an official mark, a spam deletion, or a user's upvote earnings on one UTC day (the daily
cap). `sync(sources)` computes what each source is worth now from the primary rows and appends one
row per difference, so undoing an action is a new negative row, and replaying everything
(`recompute`) agrees with the incremental path by construction.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import aliased

from app import clock
from app.extensions import db
from app.models import Answer, Post, Question, ReputationEvent, User, Vote
from app.reputation import points

Key = tuple[int, str, str]  # (user id, source, reason)
# Questions and answers share a table: aliases (built once, they are costly) tell them apart in joins.
PARENT = aliased(Question)
ACCEPTED = aliased(Answer)


@dataclass
class Entry:
    amount: int
    post_id: int | None


def vote_source(voter_id: int, post_id: int, day: date) -> str:
    return f"vote:{voter_id}:{post_id}:{day:%Y%m%d}"


def _day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


def _valid_votes():
    """Votes that are worth points: not invalidated, on live posts of live questions, not self-votes."""
    parent = PARENT
    return (select(Vote.user_id, Vote.post_id, Vote.value, Vote.created_at, Post.kind, Post.author_id)
            .join(Post, Post.id == Vote.post_id).outerjoin(parent, parent.id == Post.parent_id)
            .where(Vote.invalidated_at.is_(None), Post.deleted_at.is_(None), parent.deleted_at.is_(None),
                   Post.author_id.is_not(None), Post.author_id != Vote.user_id))


def _vote_entries(expected: dict, pairs: set[tuple[int, int]] | None) -> None:
    query = _valid_votes()
    if pairs is not None:
        if not pairs:
            return
        query = query.where(Vote.post_id.in_({p for _, p in pairs}), Vote.user_id.in_({v for v, _ in pairs}))
    for voter, post_id, value, created_at, kind, author in db.session.execute(query):
        if pairs is not None and (voter, post_id) not in pairs:
            continue
        source = vote_source(voter, post_id, _day(created_at))
        if value > 0:
            reason = f"{kind}_upvoted"
            expected[(author, source, reason)] = Entry(points.value(reason), post_id)
        else:
            expected[(author, source, "post_downvoted")] = Entry(points.value("post_downvoted"), post_id)
            if kind == "answer":
                expected[(voter, source, "downvoted_answer")] = Entry(points.value("downvoted_answer"), post_id)


def _cap_entries(expected: dict, user_days: set[tuple[int, date]] | None) -> None:
    """Upvote earnings above the daily cap are taken back by one 'daily_cap' row per user and day."""
    query = _valid_votes().where(Vote.value > 0)
    if user_days is not None:
        if not user_days:
            return
        first, last = min(d for _, d in user_days), max(d for _, d in user_days)
        query = query.where(Post.author_id.in_({u for u, _ in user_days}),
                            Vote.created_at >= datetime.combine(first, time(), UTC),
                            Vote.created_at < datetime.combine(last + timedelta(days=1), time(), UTC))
    earned: dict[tuple[int, date], int] = defaultdict(int)
    for _voter, _post, _value, created_at, kind, author in db.session.execute(query):
        earned[(author, _day(created_at))] += points.value(f"{kind}_upvoted")
    cap = points.daily_cap()
    for (author, day), total in earned.items():
        if (user_days is None or (author, day) in user_days) and total > cap:
            expected[(author, f"cap:{author}:{day:%Y%m%d}", "daily_cap")] = Entry(cap - total, None)


def _accept_entries(expected: dict, question_ids: set[int] | None) -> None:
    if question_ids is not None and not question_ids:
        return
    answer = ACCEPTED
    query = (select(Question.id, Question.author_id, answer.id, answer.author_id)
             .join(answer, answer.id == Question.accepted_answer_id)
             .where(Question.deleted_at.is_(None), answer.deleted_at.is_(None)))
    if question_ids is not None:
        query = query.where(Question.id.in_(question_ids))
    for question_id, asker, answer_id, answerer in db.session.execute(query):
        if answerer is None or answerer == asker:
            continue
        source = f"accept:{question_id}"
        expected[(answerer, source, "answer_accepted")] = Entry(points.value("answer_accepted"), answer_id)
        if asker is not None:
            expected[(asker, source, "accepted_an_answer")] = Entry(points.value("accepted_an_answer"), answer_id)


def _official_entries(expected: dict, answer_ids: set[int] | None) -> None:
    if answer_ids is not None and not answer_ids:
        return
    parent = PARENT
    query = (select(Answer.id, Answer.author_id).join(parent, parent.id == Answer.parent_id)
             .where(Answer.official_at.is_not(None), Answer.deleted_at.is_(None), parent.deleted_at.is_(None),
                    Answer.author_id.is_not(None)))
    if answer_ids is not None:
        query = query.where(Answer.id.in_(answer_ids))
    for answer_id, author in db.session.execute(query):
        expected[(author, f"official:{answer_id}", "answer_marked_official")] = Entry(
            points.value("answer_marked_official"), answer_id)


def _spam_entries(expected: dict, post_ids: set[int] | None) -> None:
    if post_ids is not None and not post_ids:
        return
    query = select(Post.id, Post.author_id).where(Post.deleted_at.is_not(None), Post.deletion_reason == "spam",
                                                   Post.author_id.is_not(None))
    if post_ids is not None:
        query = query.where(Post.id.in_(post_ids))
    for post_id, author in db.session.execute(query):
        expected[(author, f"spam:{post_id}", "post_deleted_as_spam")] = Entry(
            points.value("post_deleted_as_spam"), post_id)


def _parse(sources: Iterable[str]) -> dict[str, set]:
    scope: dict[str, set] = {"vote": set(), "cap": set(), "accept": set(), "official": set(), "spam": set()}
    for source in sources:
        kind, *parts = source.split(":")
        if kind == "vote":
            scope["vote"].add((int(parts[0]), int(parts[1])))
        elif kind == "cap":
            scope["cap"].add((int(parts[0]), datetime.strptime(parts[1], "%Y%m%d").date()))
        else:
            scope[kind].add(int(parts[0]))
    return scope


def _expected(scope: dict[str, set] | None) -> dict[Key, Entry]:
    """What the sources in scope are worth now (every source when scope is None)."""
    expected: dict[Key, Entry] = {}
    pick = (lambda kind: None) if scope is None else scope.get
    _vote_entries(expected, pick("vote"))
    _cap_entries(expected, pick("cap"))
    _accept_entries(expected, pick("accept"))
    _official_entries(expected, pick("official"))
    _spam_entries(expected, pick("spam"))
    return expected


def _recorded(sources: set[str] | None) -> dict[Key, Entry]:
    """What the ledger holds for the sources (every source when None)."""
    query = select(ReputationEvent.user_id, ReputationEvent.source, ReputationEvent.reason,
                   func.sum(ReputationEvent.delta), func.max(ReputationEvent.post_id)).group_by(
        ReputationEvent.user_id, ReputationEvent.source, ReputationEvent.reason)
    if sources is not None:
        if not sources:
            return {}
        query = query.where(ReputationEvent.source.in_(sources))
    return {(u, s, r): Entry(int(total), post) for u, s, r, total, post in db.session.execute(query)}


def _with_cap_sources(sources: set[str], keys: Iterable[Key]) -> set[str]:
    """Upvotes change their receiver's earnings for that day, so that day's cap is synced too."""
    caps = {f"cap:{user}:{source.rsplit(':', 1)[1]}" for user, source, reason in keys
            if reason in points.CAPPED_REASONS}
    return sources | caps


def _differences(expected: dict[Key, Entry], recorded: dict[Key, Entry]) -> list[tuple[Key, int, int | None]]:
    differences = []
    for key in expected.keys() | recorded.keys():
        want, have = expected.get(key), recorded.get(key)
        delta = (want.amount if want else 0) - (have.amount if have else 0)
        if delta:
            differences.append((key, delta, want.post_id if want else have.post_id))
    return sorted(differences, key=lambda d: (d[0][1], d[0][0], d[0][2]))


def _apply(differences, actor_id: int | None, cause: str | None, update_totals: bool = True) -> dict[int, int]:
    now, totals = clock.now(), defaultdict(int)
    rows = []
    for (user_id, source, reason), delta, post_id in differences:
        rows.append({"user_id": user_id, "delta": delta, "reason": reason, "source": source, "cause": cause,
                     "post_id": post_id, "actor_id": actor_id, "created_at": now})
        totals[user_id] += delta
    if rows:
        db.session.execute(ReputationEvent.__table__.insert(), rows)
    if update_totals:
        for user_id, delta in totals.items():
            _add_to_total(user_id, delta)
    return totals


def _add_to_total(user_id: int, delta: int) -> None:
    """One atomic UPDATE: concurrent changes add up, and reputation never drops below 1."""
    new_total = User.ledger_total + delta
    db.session.execute(update(User).where(User.id == user_id).values(
        ledger_total=new_total, reputation=case((new_total + 1 < 1, 1), else_=new_total + 1)),
        execution_options={"synchronize_session": False})
    user = db.session.identity_map.get(db.session.identity_key(User, user_id))
    if user is not None:
        db.session.expire(user, ["ledger_total", "reputation"])


def sync(sources: Iterable[str], actor_id: int | None = None, cause: str | None = None) -> dict[int, int]:
    """Bring the ledger rows of these sources in line with the primary data. Returns point changes by user."""
    sources = set(sources)
    expected, recorded = _expected(_parse(sources)), _recorded(sources)
    # Expected vote entries may name a new day (a changed vote): include its source and both days' caps.
    wider = _with_cap_sources(sources | {key[1] for key in expected}, [*expected.keys(), *recorded.keys()])
    if wider != sources:
        expected, recorded = _expected(_parse(wider)), _recorded(wider)
    return _apply(_differences(expected, recorded), actor_id, cause)


def vote_sources(post_ids: Iterable[int], voter_id: int | None = None) -> set[str]:
    """Every source, past or present, of votes on these posts (optionally by one voter)."""
    post_ids = set(post_ids)
    query = select(Vote.user_id, Vote.post_id, Vote.created_at).where(Vote.post_id.in_(post_ids))
    recorded = select(ReputationEvent.source).where(ReputationEvent.post_id.in_(post_ids),
                                                    ReputationEvent.source.startswith("vote:"))
    if voter_id is not None:
        query = query.where(Vote.user_id == voter_id)
        recorded = recorded.where(ReputationEvent.source.startswith(f"vote:{voter_id}:"))
    current = {vote_source(v, p, _day(c)) for v, p, c in db.session.execute(query)}
    return current | set(db.session.scalars(recorded))


def post_sources(post: Post) -> set[str]:
    """Every source whose worth depends on the post being live (for deletion and undeletion)."""
    if post.kind == "question":
        answer_ids = set(db.session.scalars(select(Answer.id).where(Answer.parent_id == post.id)))
        return (vote_sources({post.id, *answer_ids}) | {f"accept:{post.id}", f"spam:{post.id}"}
                | {f"official:{a}" for a in answer_ids} | {f"spam:{a}" for a in answer_ids})
    return vote_sources({post.id}) | {f"accept:{post.parent_id}", f"official:{post.id}", f"spam:{post.id}"}


@dataclass
class Discrepancy:
    user_id: int
    what: str
    recorded: int
    expected: int

    def __str__(self) -> str:
        return f"user #{self.user_id} {self.what}: recorded {self.recorded}, expected {self.expected}"


def _reset_totals() -> None:
    """Every user's cached totals from the ledger, in one statement."""
    total = func.coalesce(select(func.sum(ReputationEvent.delta)).where(ReputationEvent.user_id == User.id)
                          .scalar_subquery(), 0)
    db.session.execute(update(User).values(ledger_total=total, reputation=case((total + 1 < 1, 1), else_=total + 1)),
                       execution_options={"synchronize_session": False})
    db.session.expire_all()


def recompute(check: bool = False, progress=None) -> list[Discrepancy]:
    """Rebuild the ledger from the primary data: append a correction for every source that disagrees,
    then reset every user's cached totals. With check=True nothing changes; the differences are returned."""
    expected, recorded = _expected(None), _recorded(None)
    differences = _differences(expected, recorded)
    found = [Discrepancy(key[0], f"{key[1]} {key[2]}", recorded[key].amount if key in recorded else 0,
                         expected[key].amount if key in expected else 0) for key, _, _ in differences]
    if not check:
        _apply(differences, None, "recompute", update_totals=False)
    sums = dict(db.session.execute(select(ReputationEvent.user_id, func.sum(ReputationEvent.delta))
                                   .group_by(ReputationEvent.user_id)).all())
    users = db.session.execute(select(User.id, User.ledger_total, User.reputation)).all()
    for user_id, total, reputation in (progress(users) if progress else users):
        want = int(sums.get(user_id, 0))
        if total != want or reputation != max(1, 1 + want):
            found.append(Discrepancy(user_id, "cached total", total, want))
    if not check and found:
        _reset_totals()
    return found
