"""A large, realistic community written straight into an empty database, for the benchmark.

Rows go in with bulk inserts (Core executemany), not through the per-action operations: at 100,000
questions the operations would take hours. What the operations keep in step — scores, answer and tag
counts, the reputation ledger, badges, the search index — is then derived by the project's own rebuilds
(the same functions `flask counters rebuild`, `flask reputation recompute`, `flask badges backfill` and
`flask search reindex` run), and each is timed: the benchmark measures them too.

Bodies are rendered by app.markup like every post; a body text is drawn from a pool of distinct texts
rendered once each, so seeding does not spend most of its time in Markdown.
"""

import bisect
import itertools
import math
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Any, Generic, TypeVar

from sqlalchemy import Table, bindparam, func, insert, select, text, update

from app import clock, markup
from app.badges import awards
from app.bench import vocabulary
from app.extensions import Model, db
from app.models import (
    BadgeAward,
    Comment,
    FaqEntry,
    Flag,
    Post,
    PostSignal,
    ReputationEvent,
    Revision,
    Tag,
    User,
    Vote,
    question_tags,
)
from app.questions import counters
from app.reputation import ledger
from app.search import indexing
from app.slugs import slugify

YEARS = 3
BATCH = 5_000  # questions per round of inserts
MODERATORS = 5
USERS_PER_QUESTION = 0.2  # 20,000 users at 100,000 questions
VOTES_PER_QUESTION = 10  # 1,000,000 votes at 100,000 questions
MAX_ANSWERS = 30
ITALIAN_SHARE = 0.4


class NotEmpty(Exception):
    pass


@dataclass
class SeedReport:
    questions: int = 0
    answers: int = 0
    comments: int = 0
    votes: int = 0
    users: int = 0
    tags: int = 0
    accepted: int = 0
    official: int = 0
    insert_seconds: float = 0.0
    insert_cpu_seconds: float = 0.0  # this process's CPU time: the wall time depends on what else runs
    rebuilds: dict[str, dict] = field(default_factory=dict)  # name -> {"seconds", "rows", "unit"}

    def lines(self) -> list[str]:
        out = [f"{self.users:,} users, {self.tags:,} tags, {self.questions:,} questions, {self.answers:,} answers, "
               f"{self.comments:,} comments, {self.votes:,} votes, {self.accepted:,} accepted and "
               f"{self.official:,} official answers inserted in {self.insert_seconds:.1f} s "
               f"({self.insert_cpu_seconds:.1f} s CPU)."]
        for name, figures in self.rebuilds.items():
            rate = figures["rows"] / figures["seconds"] if figures["seconds"] else 0
            out.append(f"flask {name}: {figures['seconds']:.1f} s ({figures['rows']:,} {figures['unit']}, "
                       f"{rate:,.0f}/s)")
        return out


T = TypeVar("T")

class Picker(Generic[T]):
    """Draws from a population with fixed weights in O(log n) (cumulative weights, bisect)."""

    def __init__(self, population: list[T], weights: list[float], rng: random.Random):
        self.population, self.rng = population, rng
        self.cumulative = list(accumulate(weights))
        self.total = self.cumulative[-1]

    def __call__(self) -> T:
        return self.population[bisect.bisect(self.cumulative, self.rng.random() * self.total)]


def _table(model: type[Model]) -> Table:
    """A model's table, typed as one (a declarative model's `__table__` is typed as any FROM clause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _geometric(rng: random.Random, mean: float, cap: int) -> int:
    """0, 1, 2 … with the given mean (before the cap): most questions get a few answers, some many."""
    p = 1 / (mean + 1)
    return min(cap, int(math.log(1 - rng.random()) / math.log(1 - p)))


class Seeder:
    def __init__(self, questions: int, seed: int = 7, log: Callable[[str], None] = lambda line: None):
        self.questions = questions
        self.rng = random.Random(seed)
        self.log = log
        self.now = clock.now().replace(microsecond=0)
        self.start = self.now - timedelta(days=365 * YEARS)
        self.report = SeedReport()
        self.next_post = itertools.count(1)
        self.next_comment = itertools.count(1)
        self.pending: dict[str, list[dict]] = {}

    # -- building blocks ----------------------------------------------------------------------------

    def _bodies(self, kind: str, count: int) -> dict[str, list[tuple[str, str]]]:
        """Distinct texts per language, each rendered once by app.markup."""
        render = markup.render_post if kind == "post" else markup.render_comment
        make = vocabulary.post_markdown if kind == "post" else vocabulary.comment_markdown
        pools = {}
        for language in vocabulary.LANGUAGES:
            texts = dict.fromkeys(make(language, self.rng) for _ in range(count))
            pools[language] = [(text_, render(text_)) for text_ in texts]
        return pools

    def _moment(self, after: datetime, hours: float) -> datetime:
        """A moment a random while after `after` (exponential, mean `hours`), never in the future."""
        return min(self.now, after + timedelta(hours=self.rng.expovariate(1 / hours)))

    def _queue(self, table: str, row: dict) -> None:
        self.pending.setdefault(table, []).append(row)

    def _flush(self) -> None:
        tables = {"users": _table(User), "posts": _table(Post), "question_tags": question_tags,
                  "revisions": _table(Revision), "comments": _table(Comment), "votes": _table(Vote)}
        for name, table in tables.items():  # parents before children
            rows = self.pending.pop(name, [])
            if rows:
                db.session.execute(insert(table), rows)
        self.pending.clear()

    # -- the community ------------------------------------------------------------------------------

    def users(self) -> None:
        count = max(50, int(self.questions * USERS_PER_QUESTION))
        rng = self.rng
        rows: list[dict[str, Any]] = []
        for n in range(1, count + 1):
            first, last = rng.choice(vocabulary.FIRST_NAMES), rng.choice(vocabulary.LAST_NAMES)
            username = f"{first}.{last}{n}" if n > MODERATORS + 1 else f"{'admin' if n == 1 else 'care'}{n}"
            language = "it" if rng.random() < ITALIAN_SHARE else "en"
            rows.append({
                "id": n, "username": username, "username_key": username.lower(),
                "email": f"{username.lower()}@members.example", "password_hash": None,
                "display_name": f"{first.title()} {last.title()}" if n > MODERATORS + 1 else f"Aurora Care {n}",
                "about": vocabulary.sentence(language, rng) if rng.random() < 0.2 else "",
                "role": "admin" if n == 1 else "moderator" if n <= MODERATORS + 1 else "member",
                "locale": language, "session_token": f"bench{n}",
                # Corrected to the first post's date once everything is in.
                "created_at": self.start + timedelta(seconds=rng.randrange(YEARS * 365 * 86400)),
            })
        db.session.execute(insert(User), rows)
        self.user_ids = [row["id"] for row in rows]
        self.moderator_ids = self.user_ids[: MODERATORS + 1]
        members = self.user_ids[MODERATORS + 1:]
        # A long tail: a few people ask, answer and vote a lot, most only once or twice.
        self.asker = Picker(members, [rng.paretovariate(1.5) for _ in members], rng)
        self.answerer = Picker(members, [rng.paretovariate(1.1) for _ in members], rng)
        self.voter = Picker(members, [rng.paretovariate(1.3) for _ in members], rng)
        self.report.users = count

    def tags(self) -> None:
        count = max(20, min(400, self.questions // 250))
        names = list(dict.fromkeys(
            ["aurora-one", "aurora-duo", "aurora-pro", "aurora-mini", "descaling", "milk-frother", "grinder",
             "warranty", "orders", "app", "capsules", "water-filter", "pump", "cleaning", "spare-parts", "delivery"]
            + [w for w in vocabulary.vocabulary("en") if w.isalpha() and 3 <= len(w) <= 20]
            + [f"model-{c}" for c in vocabulary.CODES]))[:count]
        db.session.execute(insert(Tag), [{"id": n, "name": name, "description": vocabulary.sentence("en", self.rng)}
                                         for n, name in enumerate(names, 1)])
        self.tag_names = dict(enumerate(names, 1))
        # Zipf-like: the first products carry most questions, many tags only a handful.
        self.tag = Picker(list(self.tag_names), [1 / (rank + 1) ** 1.1 for rank in range(len(names))], self.rng)
        self.report.tags = len(names)

    def _post(self, kind: str, author: int, created: datetime, language: str, **columns) -> dict:
        body, html = self.rng.choice(self.post_bodies[language])
        tags = columns.pop("_tags", None)
        row = {"id": next(self.next_post), "kind": kind, "author_id": author, "body_markdown": body,
               "body_html": html, "language": language, "created_at": created, "last_activity_at": created,
               "title": None, "slug": None, "parent_id": None, "view_count": 0, "score": 0,
               # Every row has every key: an executemany takes its columns from the first row.
               "answer_count": 0, "has_official_answer": False, "closed_reason": None, "closed_at": None,
               "official_by_id": None, "official_at": None, "official_review_due_at": None}
        row.update(columns)
        self._queue("posts", row)
        self._queue("revisions", {"post_id": row["id"], "number": 1, "author_id": author, "title": row["title"],
                                  "body_markdown": body, "tags": tags, "created_at": created})
        return row

    def _comments(self, post: dict, mean: float, language: str) -> datetime:
        last = post["created_at"]
        for _ in range(_geometric(self.rng, mean, 12)):
            created = self._moment(post["created_at"], 30)
            body, html = self.rng.choice(self.comment_bodies[language])
            self._queue("comments", {"id": next(self.next_comment), "post_id": post["id"],
                                     "author_id": self.answerer(), "body_markdown": body, "body_html": html,
                                     "created_at": created})
            last = max(last, created)
            self.report.comments += 1
        return last

    def _votes(self, posts: list[dict]) -> None:
        """About VOTES_PER_QUESTION a question, spread over the question and its answers (earlier and
        better answers get more), one per voter and post, none on one's own post."""
        rng = self.rng
        # The mean is raised a little for the draws lost to self-votes and repeats.
        wanted = _geometric(rng, VOTES_PER_QUESTION * 1.06 - 1, 400) + 1 if rng.random() < 0.97 else 0
        weights = [3.0] + [2.0 / (i + 1) for i in range(len(posts) - 1)]
        target = Picker(posts, weights, rng)
        cast: set[tuple[int, int]] = set()
        for _ in range(wanted * 2):
            if len(cast) >= wanted:
                break
            post, voter = target(), self.voter()
            if voter == post["author_id"] or (voter, post["id"]) in cast:
                continue
            cast.add((voter, post["id"]))
            value = -1 if rng.random() < (0.08 if post["kind"] == "answer" else 0.12) else 1
            post["score"] += value
            self._queue("votes", {"user_id": voter, "post_id": post["id"], "value": value,
                                  "created_at": self._moment(post["created_at"], 24 * 20)})
        self.report.votes += len(cast)

    def thread(self) -> None:
        rng = self.rng
        language = "it" if rng.random() < ITALIAN_SHARE else "en"
        # Growth: more questions lately (a square root spreads them towards the present).
        asked = self.start + timedelta(seconds=int(YEARS * 365 * 86400 * math.sqrt(rng.random())))
        title = vocabulary.title(language, rng)[:150]
        tag_ids = list(dict.fromkeys(self.tag() for _ in range(rng.choice((1, 2, 2, 3, 3, 3, 4, 5)))))
        question = self._post("question", self.asker(), asked, language, title=title, slug=slugify(title),
                              view_count=int(rng.paretovariate(1.2) * 20),
                              _tags=" ".join(self.tag_names[t] for t in tag_ids))
        for tag_id in tag_ids:
            self._queue("question_tags", {"question_id": question["id"], "tag_id": tag_id})
        last = self._comments(question, 0.8, language)
        answers = []
        for _ in range(_geometric(rng, 3, MAX_ANSWERS)):
            answer_language = language if rng.random() < 0.95 else ("en" if language == "it" else "it")
            brand = rng.random() < 0.03
            answer = self._post("answer", rng.choice(self.moderator_ids) if brand else self.answerer(),
                                self._moment(asked, 36), answer_language, parent_id=question["id"])
            if (brand and rng.random() < 0.7) or rng.random() < 0.01:  # the brand team vouches for it
                answer.update(official_by_id=rng.choice(self.moderator_ids),
                              official_at=self._moment(answer["created_at"], 12))
                answer["official_review_due_at"] = answer["official_at"] + timedelta(days=365)
                self.report.official += 1
            answers.append(answer)
            last = max(last, answer["created_at"], self._comments(answer, 0.5, answer_language))
        if answers and rng.random() < 0.5:
            best = max(answers, key=lambda a: rng.random() * (2 if a.get("official_at") else 1))
            if best["author_id"] != question["author_id"]:
                self.accepted.append({"qid": question["id"], "aid": best["id"]})
        if rng.random() < 0.02:
            question.update(closed_reason=rng.choice(("off-topic", "needs-details")),
                            closed_at=self._moment(asked, 48))
        # The cached counters are written as they will be true; `flask counters rebuild` then checks them.
        question.update(last_activity_at=last, answer_count=len(answers),
                        has_official_answer=any(a.get("official_at") for a in answers))
        self.tag_counts.update(tag_ids)
        self._votes([question, *answers])
        self.report.answers += len(answers)
        self.report.questions += 1

    def posts(self) -> None:
        pool = max(200, min(4_000, self.questions // 10))
        self.post_bodies = self._bodies("post", pool)
        self.comment_bodies = self._bodies("comment", pool // 2)
        self.accepted: list[dict] = []
        self.tag_counts: Counter[int] = Counter()
        for n in range(1, self.questions + 1):
            self.thread()
            if n % BATCH == 0 or n == self.questions:
                self._flush()
                self.log(f"  {n:,} questions")
        # Acceptance afterwards: pointing a question at a later row would make SQLite check foreign keys
        # on every insert.
        if self.accepted:
            db.session.execute(update(_table(Post)).where(_table(Post).c.id == bindparam("qid"))
                               .values(accepted_answer_id=bindparam("aid")), self.accepted)
        self.report.accepted = len(self.accepted)
        db.session.execute(update(_table(Tag)).where(_table(Tag).c.id == bindparam("tid"))
                           .values(question_count=bindparam("n")),
                           [{"tid": tag_id, "n": n} for tag_id, n in self.tag_counts.items()])

    def care(self) -> None:
        """What the brand team's queue and FAQ hold: open flags, signals found in posts, FAQ entries."""
        rng, posts = self.rng, Post.__table__
        last_id = db.session.scalar(select(func.max(posts.c.id)))
        sample = sorted(rng.sample(range(1, last_id + 1), min(last_id, max(20, self.questions // 200))))
        authors = dict(db.session.execute(select(posts.c.id, posts.c.author_id).where(posts.c.id.in_(sample))).all())
        flags = []
        for post_id in sample:
            flaggers = {self.voter() for _ in range(rng.choice((1, 1, 1, 2, 3)))} - {authors[post_id]}
            flags += [{"post_id": post_id, "user_id": user, "reason": rng.choice(("spam", "off-topic", "other")),
                       "text": "", "status": "open" if rng.random() < 0.3 else "dismissed",
                       "created_at": self.now - timedelta(days=rng.random() * 300)} for user in flaggers]
        if flags:
            db.session.execute(insert(Flag), flags)
        signals = [{"post_id": post_id, "kind": rng.choice(("unhappy", "still_unsolved", "personal_data")),
                    "detail": rng.choice(("deluso", "disappointed", "still broken", "+39 333 …")),
                    "created_at": self.now - timedelta(days=rng.random() * 300),
                    "dismissed_at": None if rng.random() < 0.3 else self.now}
                   for post_id in rng.sample(sample, len(sample) // 2)]
        if signals:
            db.session.execute(insert(PostSignal), signals)
        answered = db.session.execute(
            select(posts.c.id, posts.c.title, posts.c.accepted_answer_id, question_tags.c.tag_id)
            .join(question_tags, question_tags.c.question_id == posts.c.id)
            .where(posts.c.accepted_answer_id.is_not(None)).order_by(posts.c.view_count.desc()).limit(400)).all()
        entries: list[dict] = []
        used: set[int] = set()
        for question_id, title, answer_id, tag_id in answered:
            if question_id in used or len(entries) >= 40:
                continue
            used.add(question_id)
            html = db.session.scalar(select(posts.c.body_html).where(posts.c.id == answer_id))
            entries.append({"question_id": question_id, "answer_id": answer_id, "tag_id": tag_id, "title": title,
                            "position": len(entries), "approved_html": html, "created_by_id": self.moderator_ids[1],
                            "created_at": self.now, "updated_at": self.now})
        if entries:
            db.session.execute(insert(FaqEntry), entries)

    def finish(self) -> None:
        """Members joined before their first post; PostgreSQL's id sequences continue after our ids."""
        users, posts = _table(User), _table(Post)
        first = select(func.min(posts.c.created_at)).where(posts.c.author_id == users.c.id).scalar_subquery()
        db.session.execute(update(users).where(first < users.c.created_at).values(created_at=first))
        if db.session.get_bind().dialect.name == "postgresql":
            for table in ("users", "tags", "posts", "comments"):
                db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # nosec B608
                                        f"(SELECT max(id) FROM {table}))"))

    def run(self) -> SeedReport:
        if db.session.scalar(select(User.id).limit(1)) is not None:
            raise NotEmpty("The database is not empty: the benchmark community is seeded only into an empty one.")
        started, cpu = time.perf_counter(), time.process_time()
        self.users()
        self.tags()
        self.posts()
        self.care()
        self.finish()
        db.session.commit()
        self.report.insert_seconds = time.perf_counter() - started
        self.report.insert_cpu_seconds = time.process_time() - cpu
        return self.report


def derive(report: SeedReport, log: Callable[[str], None] = lambda line: None) -> SeedReport:
    """Counters, reputation, badges and the search index from the rows, by the project's own rebuilds."""
    def count(model) -> int:
        return db.session.execute(select(func.count()).select_from(model)).scalar_one()

    def step(name: str, unit: str, run: Callable[[], int]) -> None:
        started = time.perf_counter()
        if db.session.get_bind().dialect.name == "postgresql":
            # PostgreSQL plans from table statistics, which a bulk load leaves empty until autovacuum
            # catches up: without them a badge rule's join ran for minutes as nested loops. (SQLite's
            # pages are tuned to run without statistics: docs/decisions.md.)
            db.session.execute(text("ANALYZE"))
        rows = run()
        db.session.commit()
        report.rebuilds[name] = {"seconds": time.perf_counter() - started, "rows": rows, "unit": unit}
        log(report.lines()[-1])

    step("counters rebuild", "posts", lambda: (counters.rebuild(), count(Post))[1])
    step("reputation recompute", "votes", lambda: (ledger.recompute(), count(Vote))[1])
    report.rebuilds["reputation recompute"]["ledger_rows"] = count(ReputationEvent)
    step("badges backfill", "awards", lambda: (awards.backfill(), count(BadgeAward))[1])
    started = time.perf_counter()
    rebuilt = indexing.rebuild()
    report.rebuilds["search reindex"] = {"seconds": time.perf_counter() - started, "rows": rebuilt.documents,
                                         "unit": "questions"}
    log(report.lines()[-1])
    return report
