"""The only writer of the reputation ledger and of users' reputation.

Every ledger row names a *source*, a fact in the primary data that is worth points: a vote, an
acceptance, an official mark, an asker's Yes to "did it solve your problem?", a spam deletion, or a
user's upvote earnings on one UTC day (the daily cap). Each rule is one SQL SELECT below that yields
what its sources are worth now, as (user, source, reason, amount, post) rows. `sync(sources)` runs the
rules narrowed to a few sources and appends one row per difference, so undoing an action is a new
negative row; `recompute` runs the same rules over everything and appends the differences with one
INSERT … SELECT, so the two paths agree by construction.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    BindParameter,
    Column,
    ColumnElement,
    CompoundSelect,
    FromClause,
    Integer,
    Label,
    MetaData,
    Select,
    SQLColumnExpression,
    String,
    Table,
    bindparam,
    case,
    cast,
    func,
    insert,
    literal,
    literal_column,
    null,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.orm import aliased

from app import clock
from app.extensions import db
from app.models import Answer, Post, Question, ReputationEvent, User, Vote, confirmed_solutions
from app.reputation import points
from app.reputation.sources import (
    KINDS,
    AcceptSource,
    CapSource,
    OfficialSource,
    SolvedSource,
    Source,
    SpamSource,
    VoteSource,
    parse,
)

Key = tuple[int, str, str]  # (user id, source, reason)
Rows = Select[*tuple[Any, ...]]
# What the rules are narrowed to, by kind: (voter, post) pairs, (user, day) pairs or post ids (see `_scope`).
Scope = dict[str, set[Any]]
# Questions and answers share a table: aliases (built once, they are costly) tell them apart in joins.
PARENT = aliased(Question)
ACCEPTED = aliased(Answer)
POST_KINDS = ("question", "answer")


@dataclass
class Entry:
    amount: int
    post_id: int | None


def _day(moment: datetime) -> date:
    return moment.astimezone(UTC).date()


# -- SQL pieces shared by the rules ------------------------------------------------------------------

def _sql_day(moment: SQLColumnExpression[datetime]) -> ColumnElement[str]:
    """The UTC day of a stored moment as YYYYMMDD, as a source's text writes `_day(...)`.

    SQLite keeps UTC moments naive (see app.models.types), PostgreSQL as timestamptz."""
    if db.engine.dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", moment), literal_column("'YYYYMMDD'"))
    return func.strftime(literal_column("'%Y%m%d'"), moment)


def _points(reason: str) -> BindParameter[int]:
    """Points are parameters (see `_parameters`), so a built statement serves every configuration."""
    return bindparam(f"points_{reason}", type_=Integer)


def _in(column: SQLColumnExpression[Any], name: str) -> ColumnElement[bool]:
    return column.in_(bindparam(name, expanding=True))


def _upvote_points() -> ColumnElement[int]:
    """What an upvote earns its post's author, by kind of post ('question_upvoted', 'answer_upvoted')."""
    return case(*[(Post.kind == kind, _points(f"{kind}_upvoted")) for kind in POST_KINDS])


def _row(user_id: SQLColumnExpression[Any], source: ColumnElement[str], reason: str | ColumnElement[str],
         amount: SQLColumnExpression[Any], post_id: SQLColumnExpression[Any]) -> tuple[Label[Any], ...]:
    named = literal_column(f"'{reason}'", String) if isinstance(reason, str) else reason
    return (user_id.label("user_id"), source.label("source"), named.label("reason"), amount.label("amount"),
            post_id.label("post_id"))


def _valid_votes() -> Rows:
    """Votes that are worth points: not invalidated, on live posts of live questions, not self-votes; with
    the UTC day (part of the source) and what an upvote would earn."""
    parent = PARENT
    return (select(Vote.user_id.label("voter_id"), Vote.post_id, Vote.value, _sql_day(Vote.created_at).label("day"),
                   Post.kind, Post.author_id, _upvote_points().label("upvote_points"))
            .join(Post, Post.id == Vote.post_id).outerjoin(parent, parent.id == Post.parent_id)
            .where(Vote.invalidated_at.is_(None), Post.deleted_at.is_(None), parent.deleted_at.is_(None),
                   Post.author_id.is_not(None), Post.author_id != Vote.user_id))


# -- the rules: each returns SELECTs of (user_id, source, reason, amount, post_id) --------------------------
# A scope narrows a rule to the sources `sync` was given; None means every source (recompute).
# A rule may return a few rows outside its scope: `_in_scope` drops them. The vote rules and the cap
# read `votes`, the valid votes narrowed to their scope or, in a recount, all of them read once.

def _vote_scope() -> Rows:
    return _valid_votes().where(_in(Vote.post_id, "vote_posts"), _in(Vote.user_id, "vote_voters"))


def _vote_rules(votes: FromClause) -> list[Rows]:
    """An upvote earns the post's author points; a downvote costs the author, and the voter too on an answer."""
    v = votes.c
    source = VoteSource.sql(v.voter_id, v.post_id, v.day)
    return [
        select(*_row(v.author_id, source, v.kind.op("||")(literal_column("'_upvoted'", String)), v.upvote_points,
                     v.post_id)).where(v.value > 0),
        select(*_row(v.author_id, source, "post_downvoted", _points("post_downvoted"), v.post_id))
        .where(v.value <= 0),
        select(*_row(v.voter_id, source, "downvoted_answer", _points("downvoted_answer"), v.post_id))
        .where(v.value <= 0, v.kind == "answer"),
    ]


def _cap_scope() -> Rows:
    moment = Vote.created_at.type
    return _valid_votes().where(_in(Post.author_id, "cap_users"),
                                Vote.created_at >= bindparam("cap_from", type_=moment),
                                Vote.created_at < bindparam("cap_until", type_=moment))


def _cap_rules(votes: FromClause) -> list[Rows]:
    """Upvote earnings above the daily cap are taken back by one 'daily_cap' row per user and day."""
    v = votes.c
    earned = (select(v.author_id, v.day, func.sum(v.upvote_points).label("total")).where(v.value > 0)
              .group_by(v.author_id, v.day).subquery("earned"))
    cap = bindparam("daily_cap", type_=Integer)
    return [select(*_row(earned.c.author_id, CapSource.sql(earned.c.author_id, earned.c.day), "daily_cap",
                         cap - earned.c.total, cast(null(), Integer))).where(earned.c.total > cap)]


def _accept_rules(scoped: bool) -> list[Rows]:
    """The accepted answer's author earns points, and the asker a few (not for accepting their own answer)."""
    answer = ACCEPTED
    query = (select().select_from(Question).join(answer, answer.id == Question.accepted_answer_id)
             .where(Question.deleted_at.is_(None), answer.deleted_at.is_(None), answer.author_id.is_not(None),
                    (Question.author_id.is_(None)) | (answer.author_id != Question.author_id)))
    if scoped:
        query = query.where(_in(Question.id, "accept_ids"))
    source = AcceptSource.sql(Question.id)
    return [query.add_columns(*_row(answer.author_id, source, "answer_accepted", _points("answer_accepted"),
                                    answer.id)),
            query.add_columns(*_row(Question.author_id, source, "accepted_an_answer",
                                    _points("accepted_an_answer"), answer.id))
            .where(Question.author_id.is_not(None))]


def _official_rules(scoped: bool) -> list[Rows]:
    parent = PARENT
    query = (select(*_row(Answer.author_id, OfficialSource.sql(Answer.id), "answer_marked_official",
                          _points("answer_marked_official"), Answer.id))
             .join(parent, parent.id == Answer.parent_id)
             .where(Answer.official_at.is_not(None), Answer.deleted_at.is_(None), parent.deleted_at.is_(None),
                    Answer.author_id.is_not(None)))
    if scoped:
        query = query.where(_in(Answer.id, "official_ids"))
    return [query]


def _solved_rules(scoped: bool) -> list[Rows]:
    """The asker's Yes about the question's accepted answer earns its author a bonus (see `confirmed_solutions`)."""
    query = confirmed_solutions()
    if scoped:
        query = query.where(_in(Question.id, "solved_ids"))
    solved = query.subquery("solved").c
    return [select(*_row(solved.author_id, SolvedSource.sql(solved.question_id), "answer_confirmed_solved",
                         _points("answer_confirmed_solved"), solved.answer_id))]


def _spam_rules(scoped: bool) -> list[Rows]:
    query = (select(*_row(Post.author_id, SpamSource.sql(Post.id), "post_deleted_as_spam",
                          _points("post_deleted_as_spam"), Post.id))
             .where(Post.deleted_at.is_not(None), Post.deletion_reason == "spam", Post.author_id.is_not(None)))
    if scoped:
        query = query.where(_in(Post.id, "spam_ids"))
    return [query]


def _expected_select(kinds: frozenset[str] | None) -> CompoundSelect[*tuple[Any, ...]]:
    """One UNION ALL of every rule, or of the rules of these kinds narrowed by parameters (see `_parameters`).

    Building the statement costs more than running it for one vote: it is built once per set of kinds."""
    return _build_expected(db.engine.dialect.name, kinds)


@lru_cache(maxsize=64)
def _build_expected(dialect: str, kinds: frozenset[str] | None) -> CompoundSelect[*tuple[Any, ...]]:
    if kinds is None:
        # A recount reads the valid votes once for the three vote rules and the cap.
        votes = _valid_votes().cte("valid_votes").prefix_with("MATERIALIZED")
        selects: list[Rows] = [*_vote_rules(votes), *_cap_rules(votes), *_accept_rules(False),
                               *_official_rules(False), *_solved_rules(False), *_spam_rules(False)]
        return union_all(*selects)
    selects = []
    if "vote" in kinds:
        selects += _vote_rules(_vote_scope().subquery("votes"))
    if "cap" in kinds:
        selects += _cap_rules(_cap_scope().subquery("votes"))
    for kind, rule in (("accept", _accept_rules), ("official", _official_rules), ("solved", _solved_rules),
                       ("spam", _spam_rules)):
        if kind in kinds:
            selects += rule(True)
    return union_all(*selects)


def _parameters(scope: Scope | None = None) -> dict[str, Any]:
    """What the rules' parameters stand for: the configured points and cap, and the scope's ids."""
    values: dict[str, Any] = {f"points_{reason}": points.value(reason) for reason in points.DEFAULT_POINTS}
    values["daily_cap"] = points.daily_cap()
    if scope is None:
        return values
    if scope["vote"]:
        values |= {"vote_posts": sorted({p for _, p in scope["vote"]}),
                   "vote_voters": sorted({v for v, _ in scope["vote"]})}
    if scope["cap"]:
        days = [d for _, d in scope["cap"]]
        values |= {"cap_users": sorted({u for u, _ in scope["cap"]}),
                   "cap_from": datetime.combine(min(days), time(), UTC),
                   "cap_until": datetime.combine(max(days) + timedelta(days=1), time(), UTC)}
    for kind in ("accept", "official", "solved", "spam"):
        if scope[kind]:
            values[f"{kind}_ids"] = sorted(scope[kind])
    return values


def _in_scope(stored: str, scope: Scope) -> bool:
    """Votes and caps are narrowed in SQL by voter, post and user: keep only the pairs asked for."""
    source = parse(stored)
    if isinstance(source, VoteSource):
        return (source.voter_id, source.post_id) in scope["vote"]
    if isinstance(source, CapSource):
        return (source.user_id, source.day) in scope["cap"]
    return True


def _scope(sources: Iterable[Source]) -> Scope:
    """What the rules are narrowed to, by kind: a vote by its voter and post (whatever its day now is), a cap by
    its user and day, the others by their post."""
    scope: Scope = {kind: set() for kind in KINDS}
    for source in sources:
        match source:
            case VoteSource(voter_id=voter_id, post_id=post_id):
                scope["vote"].add((voter_id, post_id))
            case CapSource(user_id=user_id, day=day):
                scope["cap"].add((user_id, day))
            case (AcceptSource(question_id=post_id) | OfficialSource(answer_id=post_id)
                  | SolvedSource(question_id=post_id) | SpamSource(post_id=post_id)):
                scope[source.kind].add(post_id)
            case _:
                raise TypeError(f"not a ledger source: {source!r}")
    return scope


def _expected(sources: set[Source]) -> dict[Key, Entry]:
    """What the sources are worth now."""
    scope = _scope(sources)
    kinds = frozenset(kind for kind, wanted in scope.items() if wanted)
    if not kinds:
        return {}
    rows = db.session.execute(_expected_select(kinds), _parameters(scope))
    return {(user, source, reason): Entry(int(amount), post_id)
            for user, source, reason, amount, post_id in rows if _in_scope(source, scope)}


def _recorded_select() -> Rows:
    return (select(ReputationEvent.user_id, ReputationEvent.source, ReputationEvent.reason,
                   func.sum(ReputationEvent.delta).label("amount"), func.max(ReputationEvent.post_id).label("post_id"))
            .group_by(ReputationEvent.user_id, ReputationEvent.source, ReputationEvent.reason))


def _recorded(sources: set[Source]) -> dict[Key, Entry]:
    """What the ledger holds for the sources."""
    if not sources:
        return {}
    query = _recorded_select().where(ReputationEvent.source.in_({source.format() for source in sources}))
    return {(u, s, r): Entry(int(total), post) for u, s, r, total, post in db.session.execute(query)}


def _cap_sources(keys: Iterable[Key]) -> set[Source]:
    """Upvotes change their receiver's earnings for that day, so that day's cap is synced too."""
    caps: set[Source] = set()
    for user_id, stored, reason in keys:
        source = parse(stored)
        if reason in points.CAPPED_REASONS and isinstance(source, VoteSource):
            caps.add(CapSource(user_id, source.day))
    return caps


def _differences(expected: dict[Key, Entry], recorded: dict[Key, Entry]) -> list[tuple[Key, int, int | None]]:
    differences = []
    for key in expected.keys() | recorded.keys():
        want, have = expected.get(key), recorded.get(key)
        delta = (want.amount if want else 0) - (have.amount if have else 0)
        if delta:  # so at least one of them is there
            differences.append((key, delta, want.post_id if want else have.post_id if have else None))
    return sorted(differences, key=lambda d: (d[0][1], d[0][0], d[0][2]))


def _apply(differences: list[tuple[Key, int, int | None]], actor_id: int | None,
           cause: str | None) -> dict[int, int]:
    now, totals = clock.now(), dict[int, int]()
    rows = []
    for (user_id, source, reason), delta, post_id in differences:
        rows.append({"user_id": user_id, "delta": delta, "reason": reason, "source": source, "cause": cause,
                     "post_id": post_id, "actor_id": actor_id, "created_at": now})
        totals[user_id] = totals.get(user_id, 0) + delta
    if rows:
        db.session.execute(insert(db.metadata.tables[ReputationEvent.__tablename__]), rows)
    for user_id, delta in totals.items():
        _add_to_total(user_id, delta)
    return totals


def _reputation(total: ColumnElement[int]) -> ColumnElement[int]:
    """Reputation is 1 plus the ledger's sum, and never below 1 (the same rule for one user and for all)."""
    return case((total + 1 < 1, 1), else_=total + 1)


def _add_to_total(user_id: int, delta: int) -> None:
    """One atomic UPDATE: concurrent changes add up, and reputation never drops below 1."""
    new_total = User.ledger_total + delta
    db.session.execute(update(User).where(User.id == user_id).values(
        ledger_total=new_total, reputation=_reputation(new_total)),
        execution_options={"synchronize_session": False})
    user = db.session.identity_map.get(db.session.identity_key(User, user_id))
    if user is not None:
        db.session.expire(user, ["ledger_total", "reputation"])


def sync(sources: Iterable[Source | str], actor_id: int | None = None, cause: str | None = None) -> dict[int, int]:
    """Bring the ledger rows of these sources (typed, or as the ledger stores them) in line with the primary
    data. Returns point changes by user."""
    wanted = {parse(source) if isinstance(source, str) else source for source in sources}
    expected, recorded = _expected(wanted), _recorded(wanted)
    # Expected vote entries may name a new day (a changed vote): include its source and both days' caps.
    wider = wanted | {parse(key[1]) for key in expected} | _cap_sources([*expected.keys(), *recorded.keys()])
    if wider != wanted:
        expected, recorded = _expected(wider), _recorded(wider)
    return _apply(_differences(expected, recorded), actor_id, cause)


def vote_sources(post_ids: Iterable[int], voter_id: int | None = None) -> set[Source]:
    """Every source, past or present, of votes on these posts (optionally by one voter)."""
    post_ids = set(post_ids)
    query = select(Vote.user_id, Vote.post_id, Vote.created_at).where(Vote.post_id.in_(post_ids))
    recorded = select(ReputationEvent.source).where(ReputationEvent.post_id.in_(post_ids),
                                                    ReputationEvent.source.startswith(VoteSource.prefix()))
    if voter_id is not None:
        query = query.where(Vote.user_id == voter_id)
        recorded = recorded.where(ReputationEvent.source.startswith(VoteSource.prefix(voter_id)))
    current: set[Source] = {VoteSource(v, p, _day(c)) for v, p, c in db.session.execute(query)}
    return current | {parse(stored) for stored in db.session.scalars(recorded)}


def acceptance_sources(question_id: int) -> set[Source]:
    """The sources a question's acceptance decides: the acceptance, and the asker's Yes about the accepted answer
    (which is worth points only while that answer is the accepted one)."""
    return {AcceptSource(question_id), SolvedSource(question_id)}


def post_sources(post: Post) -> set[Source]:
    """Every source whose worth depends on the post being live (for deletion and undeletion)."""
    if post.kind == "question":
        answer_ids = set(db.session.scalars(select(Answer.id).where(Answer.parent_id == post.id)))
        return (vote_sources({post.id, *answer_ids}) | acceptance_sources(post.id) | {SpamSource(post.id)}
                | {OfficialSource(a) for a in answer_ids} | {SpamSource(a) for a in answer_ids})
    return (vote_sources({post.id}) | acceptance_sources(post.question_id)
            | {OfficialSource(post.id), SpamSource(post.id)})


# -- the recount: the same rules over every source, set-based --------------------------------------------

@dataclass(slots=True)
class Discrepancy:
    user_id: int
    what: str
    recorded: int
    expected: int

    def __str__(self) -> str:
        return f"user #{self.user_id} {self.what}: recorded {self.recorded}, expected {self.expected}"


def _differences_select() -> Rows:
    """Every (user, source, reason) whose ledger sum differs from what the rules say it is worth now, with
    the amount to append; the post is the rules' when they still name the source, else the ledger's."""
    expected, recorded = _expected_select(None).subquery("expected"), _recorded_select().subquery("recorded")
    zero, nothing = literal_column("0", Integer), cast(null(), Integer)
    both = union_all(
        select(expected.c.user_id, expected.c.source, expected.c.reason, expected.c.amount.label("want"),
               zero.label("have"), expected.c.post_id.label("want_post"), nothing.label("have_post"),
               literal_column("1", Integer).label("wanted")),
        select(recorded.c.user_id, recorded.c.source, recorded.c.reason, zero, recorded.c.amount, nothing,
               recorded.c.post_id, zero),
    ).subquery("both")
    want, have = func.sum(both.c.want), func.sum(both.c.have)
    return (select(both.c.user_id, both.c.source, both.c.reason, have.label("recorded"), want.label("expected"),
                   (want - have).label("delta"),
                   case((func.max(both.c.wanted) == 1, func.max(both.c.want_post)),
                        else_=func.max(both.c.have_post)).label("post_id"))
            # Grouped in the ledger's order (source first), so ordering the result costs no second sort.
            .group_by(both.c.source, both.c.user_id, both.c.reason).having(want != have))


def _sums() -> FromClause:
    return (select(ReputationEvent.user_id, func.sum(ReputationEvent.delta).label("total"))
            .group_by(ReputationEvent.user_id).subquery("sums"))


def _total_differences() -> list[Discrepancy]:
    """Users whose cached total or reputation disagrees with their ledger."""
    sums = _sums()
    want = func.coalesce(sums.c.total, 0)
    query = (select(User.id, User.ledger_total, want).outerjoin(sums, sums.c.user_id == User.id)
             .where((User.ledger_total != want) | (User.reputation != _reputation(want))).order_by(User.id))
    return [Discrepancy(user_id, "cached total", total, int(wanted))
            for user_id, total, wanted in db.session.execute(query)]


def _reset_totals(totals: list[Discrepancy]) -> None:
    """Correct the drifted cached totals by what they were off, and reputation with them, in one executemany.

    Adding the difference (rather than setting the sum) keeps a change that lands meanwhile."""
    users = db.metadata.tables[User.__tablename__]
    new_total = users.c.ledger_total + bindparam("fix")
    db.session.execute(update(users).where(users.c.id == bindparam("user")).values(
        ledger_total=new_total, reputation=_reputation(new_total)),
        [{"user": d.user_id, "fix": d.expected - d.recorded} for d in totals])
    db.session.expire_all()


@contextmanager
def _roomy_sqlite_cache() -> Iterator[None]:
    """A recount touches every ledger index: give SQLite's page cache room (1 GB) so they stay in memory."""
    if db.engine.dialect.name != "sqlite":
        yield
        return
    before = db.session.scalar(text("PRAGMA cache_size"))
    db.session.execute(text("PRAGMA cache_size = -1048576"))
    try:
        yield
    finally:
        db.session.execute(text(f"PRAGMA cache_size = {int(before)}"))


def recompute(check: bool = False, phase: Callable[[str], None] | None = None) -> list[Discrepancy]:
    """Rebuild the ledger from the primary data: append a correction for every source that disagrees,
    then reset the cached totals that disagree with the ledger. With check=True nothing changes; the
    differences are returned either way.

    Set-based: the rules run as one statement over every vote, and the corrections are written by one
    INSERT … SELECT. Nothing is committed here; the caller commits once, so a failure leaves all as it was."""
    phase = phase or (lambda label: None)
    with _roomy_sqlite_cache():
        if check:
            phase("Counting what every vote, acceptance, official mark and deletion is worth")
            found = [Discrepancy(user_id, f"{source} {reason}", int(recorded), int(expected))
                     for user_id, source, reason, recorded, expected, _delta, _post
                     in db.session.execute(_differences_select().order_by("source", "user_id", "reason"),
                                           _parameters())]
        else:
            phase("Counting what every vote, acceptance, official mark and deletion is worth "
                  "and writing the corrections")
            found = _write_corrections(phase)
        phase(f"{len(found):,} ledger differences; checking every user's cached total")
        totals = _total_differences()
        if totals and not check:
            phase(f"Resetting {len(totals):,} users' totals")
            _reset_totals(totals)
    return found + totals


# The differences of one recount, kept for the length of its transaction: written to the ledger and listed
# from here, so they are computed once.
_RECOUNT = Table("reputation_recount", MetaData(), Column("id", Integer, primary_key=True),
                 Column("user_id", Integer), Column("source", String(64)), Column("reason", String(40)),
                 Column("recorded", BigInteger), Column("expected", BigInteger), Column("delta", BigInteger),
                 Column("post_id", Integer), prefixes=["TEMPORARY"])


def _write_corrections(phase: Callable[[str], None]) -> list[Discrepancy]:
    """Compute the differences once into a temporary table, append them to the ledger, list them."""
    connection, recount = db.session.connection(), _RECOUNT
    recount.create(connection)
    differences = _differences_select().subquery("differences")
    d = differences.c
    columns = ["user_id", "source", "reason", "recorded", "expected", "delta", "post_id"]
    db.session.execute(insert(recount).from_select(
        columns, select(*[d[name] for name in columns]).order_by(d.source, d.user_id, d.reason)), _parameters())
    phase("Writing the corrections to the ledger")
    r = recount.c
    db.session.execute(insert(ReputationEvent).from_select(
        ["user_id", "delta", "reason", "source", "cause", "post_id", "actor_id", "created_at"],
        select(r.user_id, r.delta, r.reason, r.source, literal_column("'recompute'", String), r.post_id,
               cast(null(), Integer), literal(clock.now(), ReputationEvent.created_at.type)).order_by(r.id)))
    phase("Listing the corrections")
    found = [Discrepancy(user_id, f"{source} {reason}", int(recorded), int(expected))
             for user_id, source, reason, recorded, expected in db.session.execute(
                 select(r.user_id, r.source, r.reason, r.recorded, r.expected).order_by(r.id))]
    recount.drop(connection)
    return found
