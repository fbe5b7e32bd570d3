"""The benchmark (`make bench`): page times, SQL statements per page, Markdown renders on GETs, throughput
under gunicorn and wrk against a hello-world ceiling, worker memory, and the rebuild commands — each
figure printed against its budget.

    .venv/bin/python bench/run.py                       # SQLite, 10,000 and 100,000 questions
    .venv/bin/python bench/run.py --sizes 10000         # one size
    tests/postgres/run.sh .venv/bin/python bench/run.py --db postgres   # `make bench DB=postgres`

SQLite databases are seeded once by `flask bench seed` into instance/bench/ and reused by later runs
(delete the folder to seed again). On PostgreSQL the databases live on the server TEST_DATABASE_URL
names: `make bench DB=postgres` starts a throw-away one, so each run seeds its own; a run against a
server you keep (its data directory under instance/bench/, say) reuses the databases an earlier run
seeded there, as on SQLite. Writes bench/results/<date>.md (<date>-postgres.md). Not part of `make test`.
"""

import argparse
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORK = ROOT / "instance" / "bench"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
REPEAT = 60  # timed requests per page (after warming)
# Production configuration needs the site's address; the test client asks for localhost, wrk for 127.0.0.1.
SITE = {"SITE_URL": "http://127.0.0.1", "TRUSTED_HOSTS": ["127.0.0.1", "localhost"],
        # The brand team's second factor is a step of signing in, not of a page: without it the queue would
        # time the redirect to its set-up.
        "STAFF_2FA": "optional"}

BUDGETS = {  # at 100,000 questions on SQLite (bench issue); search and suggest from the search benchmark
    "question": (8, 20), "question50": (8, 20), "home": (10, None), "tags": (10, None), "unanswered": (10, None),
    "badges": (10, None), "faq": (10, None), "profile": (15, None), "moderation": (25, None),
    "search": (15, 50), "suggest": (20, None),
}
PAGE_LABELS = {
    "home": "home", "question": "question page (10 answers, comments)", "question50": "question page (50 answers)",
    "tags": "tag list", "unanswered": "unanswered list", "profile": "user profile", "badges": "badges",
    "faq": "FAQ", "search": "search", "suggest": "suggest", "moderation": "moderation queue",
}


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


# -- databases -------------------------------------------------------------------------------------------

class Target:
    """One benchmark database: its URL, its search index folder and the app settings to reach it."""

    def __init__(self, size: int, kind: str):
        self.size, self.kind = size, kind
        WORK.mkdir(parents=True, exist_ok=True)
        self.index_dir = WORK / f"search-{kind}-{size}"
        self.meta_path = WORK / f"{kind}-{size}.json"
        if kind == "sqlite":
            self.path = WORK / f"sportello-{size}.db"
            self.url = f"sqlite:///{self.path}"
        else:
            from sqlalchemy import make_url

            server = make_url(os.environ["TEST_DATABASE_URL"])
            self.url = server.set(database=f"bench_{size}").render_as_string(hide_password=False)

    @property
    def config(self) -> dict:
        config = {"SQLALCHEMY_DATABASE_URI": self.url, "SEARCH_INDEX_DIR": str(self.index_dir),
                  "SECRET_KEY": "bench-secret", "RATELIMIT_ENABLED": False, **SITE}
        if self.kind == "postgres":
            config["SEARCH_BACKEND"] = "postgres"
        return config

    @property
    def env(self) -> dict:
        env = dict(os.environ, DATABASE_URL=self.url, FLASK_APP="wsgi.py", SECRET_KEY="bench-secret",
                   FLASK_SEARCH_INDEX_DIR=str(self.index_dir), FLASK_RATELIMIT_ENABLED="false",
                   **{f"FLASK_{key}": json.dumps(value) if isinstance(value, list) else value
                      for key, value in SITE.items()})
        if self.kind == "postgres":
            env["FLASK_SEARCH_BACKEND"] = "postgres"
        return env

    def ready(self) -> bool:
        if self.kind == "sqlite":
            return self.path.exists() and self.meta_path.exists()
        if not self.meta_path.exists() or json.loads(self.meta_path.read_text()).get("url") != self.url:
            return False
        from sqlalchemy import create_engine, text
        from sqlalchemy.pool import NullPool

        engine = create_engine(os.environ["TEST_DATABASE_URL"], poolclass=NullPool)
        with engine.connect() as connection:  # seeded by an earlier run on this same server
            found = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                      {"name": f"bench_{self.size}"})
        engine.dispose()
        return bool(found)

    @property
    def name(self) -> str:
        return str(self.path.relative_to(ROOT)) if self.kind == "sqlite" else self.url

    def reset(self) -> None:
        shutil.rmtree(self.index_dir, ignore_errors=True)
        self.meta_path.unlink(missing_ok=True)
        if self.kind == "sqlite":
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            return
        from sqlalchemy import create_engine, make_url, text
        from sqlalchemy.pool import NullPool

        name = make_url(self.url).database
        engine = create_engine(os.environ["TEST_DATABASE_URL"], isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()


def flask(target: Target, *args: str) -> tuple[float, str]:
    """Run a `flask` command against the target; returns its wall time and output."""
    started = time.perf_counter()
    done = subprocess.run([str(BIN / "flask"), *args], cwd=ROOT, env=target.env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"flask {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return seconds, done.stdout


def prepare(target: Target) -> dict:
    """Seed the database (through `flask bench seed`) unless an earlier run left it; add the 50-answer thread."""
    if target.ready():
        log(f"[{target.size:,}] reusing {target.name}")
        flask(target, "db", "upgrade")  # indexes added since it was seeded
        return json.loads(target.meta_path.read_text())
    target.reset()
    log(f"[{target.size:,}] migrating and seeding (load {load_average()}) …")
    flask(target, "db", "upgrade")
    seconds, output = flask(target, "bench", "seed", "--questions", str(target.size))
    log(output.rstrip())
    meta = {"url": target.url, "seed_output": output.strip().splitlines(), "seed_wall_seconds": seconds,
            "seeded_at": datetime.now(UTC).isoformat(timespec="seconds"), "load_during_seed": load_average()}
    meta |= parse_seed_output(output)
    meta["long_thread"] = add_long_thread(target)
    target.meta_path.write_text(json.dumps(meta, indent=1))
    return meta


def parse_seed_output(output: str) -> dict:
    """`flask bench seed` prints 'flask NAME: S s (ROWS UNIT, RATE/s)' per rebuild."""
    import re

    rebuilds = {}
    for name, seconds, rows, unit in re.findall(r"^flask ([a-z ]+): ([\d.]+) s \(([\d,]+) (\w+)", output, re.M):
        rebuilds[name] = {"seconds": float(seconds), "rows": int(rows.replace(",", "")), "unit": unit}
    inserted = re.search(r"inserted in ([\d.]+) s(?: \(([\d.]+) s CPU\))?", output)
    return {"rebuilds": rebuilds, "insert_seconds": float(inserted.group(1)) if inserted else None,
            "insert_cpu_seconds": float(inserted.group(2)) if inserted and inserted.group(2) else None}


def add_long_thread(target: Target) -> int:
    """A question with 50 answers (more than the seeded 0–30), posted through the real operations."""
    from app import create_app
    from app.extensions import db
    from app.models import Question, User
    from app.questions import operations
    from app.reputation.privileges import replaying_history
    from bench.vocabulary import sentence, title

    rng = random.Random(50)
    app = create_app(target.config)
    with app.app_context(), replaying_history():
        from sqlalchemy import select

        members = list(db.session.scalars(select(User).where(User.role == "member").order_by(User.id).limit(60)))
        tag = db.session.scalar(select(Question).where(Question.answer_count > 0).limit(1)).tags[0].name
        question = operations.ask_question(members[0], title("en", rng)[:140], sentence("en", rng), tag, "en")
        db.session.commit()
        for n, member in enumerate(members[1:51]):
            answer = operations.post_answer(member, question, " ".join(sentence("en", rng) for _ in range(3)), "en")
            db.session.commit()
            if n % 5 == 0:
                operations.add_comment(members[0], answer, sentence("en", rng))
                db.session.commit()
        question_id = question.id
        db.session.remove()
        db.engine.dispose()
    return question_id


# -- in-process page times -------------------------------------------------------------------------------

@contextmanager
def counting(app):
    """Counts SQL statements (before_cursor_execute) and Markdown renders (every Markdown conversion)."""
    import markdown
    from sqlalchemy import Engine, event

    counts = {"sql": 0, "markdown": 0}

    def on_execute(*args):
        counts["sql"] += 1

    convert = markdown.Markdown.convert

    def counted_convert(self, source):
        counts["markdown"] += 1
        return convert(self, source)

    # Every engine's: the PostgreSQL search reads on connections of its own.
    event.listen(Engine, "before_cursor_execute", on_execute)
    markdown.Markdown.convert = counted_convert
    try:
        yield counts
    finally:
        markdown.Markdown.convert = convert
        event.remove(Engine, "before_cursor_execute", on_execute)


def pick_pages(app, meta: dict) -> tuple[dict, dict]:
    """The URLs to time, and who is logged in for the logged-in runs."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Comment, Question, User
    from app.slugs import slugify
    from bench.vocabulary import query_words, title

    rng = random.Random(11)
    with app.app_context():
        with_comments = select(Comment.post_id).group_by(Comment.post_id)
        ten = db.session.scalar(select(Question).where(Question.answer_count == 10, Question.deleted_at.is_(None),
                                                       Question.id.in_(with_comments)).order_by(Question.id.desc()))
        one = db.session.scalar(select(Question).where(Question.answer_count == 1, Question.deleted_at.is_(None))
                                .order_by(Question.id.desc()))
        fifty = db.session.get(Question, meta["long_thread"])
        busy = db.session.scalar(select(User).where(User.role == "member").order_by(User.reputation.desc()))
        moderator = db.session.scalar(select(User).where(User.role == "moderator").order_by(User.id))
        ordinary = db.session.scalar(select(User).where(User.role == "member", User.reputation > 1)
                                     .order_by(func.abs(User.reputation - 50), User.id))
        pages = {
            "home": ["/"],
            "question": [f"/questions/{ten.id}/{ten.slug}"],
            "question50": [f"/questions/{fifty.id}/{fifty.slug}"],
            "question1": [f"/questions/{one.id}/{one.slug}"],
            "tags": ["/tags"],
            "unanswered": ["/questions?tab=unanswered"],
            "profile": [f"/users/{busy.id}/{slugify(busy.username)}"],
            "badges": ["/badges"],
            "faq": ["/faq"],
            "search": ["/search?q=" + "+".join(query_words(rng.choice(("en", "it")), rng, rng.randint(1, 3)))
                       for _ in range(40)],
            "suggest": ["/search/suggest?q=" + title(rng.choice(("en", "it")), rng)[:60].replace(" ", "+")
                        for _ in range(40)],
            "moderation": ["/moderation"],
        }
        users = {"member": ordinary.get_id(), "moderator": moderator.get_id()}
    return pages, users


def client_for(app, user_id: str | None):
    client = app.test_client()
    if user_id:
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = user_id, True
    return client


def time_page(app, client, urls: list[str], repeat: int) -> dict:
    for url in urls[:5] * (2 if len(urls) < 5 else 1):  # warm: templates, caches, searchers
        client.get(url)
    times, cpu, statuses = [], [], set()
    for n in range(repeat):
        url = urls[n % len(urls)]
        started, started_cpu = time.perf_counter(), time.thread_time()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
        statuses.add(response.status_code)
    # CPU time is what the request itself costs; wall time adds waiting for the cores other work holds.
    return {"p50": statistics.median(times), "p95": percentile(times, 95), "p99": percentile(times, 99),
            "cpu50": statistics.median(cpu), "cpu95": percentile(cpu, 95), "statuses": sorted(statuses)}


def measure_pages(target: Target, meta: dict, repeat: int, skip: set[str] = frozenset()) -> dict:
    from app import create_app

    app = create_app(target.config)
    pages, users = pick_pages(app, meta)
    pages = {page: urls for page, urls in pages.items() if page not in skip}
    results = {"sql": {}, "markdown": 0, "times": {}}
    with counting(app) as counts:
        for who in ("anonymous", "member", "moderator"):
            client = client_for(app, users.get(who))
            for page, urls in pages.items():
                if (page == "moderation") != (who == "moderator"):
                    continue  # the queue is the brand team's; members and visitors see everything else
                client.get(urls[0])  # the first request of a page may fill caches
                counts["sql"] = 0
                response = client.get(urls[0])
                results["sql"][(page, who)] = counts["sql"]
                if page.startswith("question") and who == "anonymous":  # and when it must be rendered
                    for kept in ("rendered_pages", "rendered_fragments"):
                        app.extensions[kept].entries.clear()
                    counts["sql"] = 0
                    client.get(urls[0])
                    results["sql"][(page, "rendered")] = counts["sql"]
                if response.status_code != 200:  # timing it would time an error or a redirect, not the page
                    raise SystemExit(f"{page} as {who}: HTTP {response.status_code} {response.location or ''}")
                if page == "question1":
                    continue
                figures = time_page(app, client, urls, repeat)
                results["times"][(page, who)] = figures
                results["markdown"] = counts["markdown"]  # over every GET so far
                log(f"  [{target.size:,}] {page:<11} {who:<9} p50 {figures['p50']:6.1f} ms  p95 "
                    f"{figures['p95']:6.1f}  p99 {figures['p99']:6.1f}  CPU p50 {figures['cpu50']:6.1f}  "
                    f"SQL {results['sql'][(page, who)]}")
    with app.app_context():
        from app.extensions import db

        db.engine.dispose()
    return results


# -- throughput ------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(app_spec: str, env: dict, cwd: Path = ROOT):
    port = free_port()
    process = subprocess.Popen([str(BIN / "gunicorn"), app_spec, "-w", "2", "-k", "sync", "-b", f"127.0.0.1:{port}",
                                "--log-level", "warning"], cwd=cwd, env=env, start_new_session=True)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield process, port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def warm(port: int, paths: list[str]) -> None:
    """Every page answered by both workers before it is measured: a worker boots and compiles a page's templates
    on its first request (seconds on a busy machine), which a short warm-up run would leave to the measured one."""
    def get(path: str) -> None:
        urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120).read()

    with ThreadPoolExecutor(4) as pool:
        for path in paths:
            list(pool.map(get, [path] * 8))


def wrk(port: int, path: str, seconds: int, connections: int = 8) -> float:
    # A long timeout: on a busy machine a slow page would otherwise count as no requests at all.
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
                          f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        if line.startswith("Requests/sec:"):
            rate = float(line.split()[1])
        if "Non-2xx" in line or "Socket errors" in line:
            log(f"  wrk {path}: {line.strip()}")
    return rate


def worker_rss_mb(master: int) -> list[float]:
    pids = subprocess.run(["ps", "--ppid", str(master), "-o", "pid="], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def measure_throughput(target: Target, pages: dict, runs: int, seconds: int) -> dict:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed for the throughput figures: apt-get install -y wrk")
    rates = {"hello": [], "question": [], "home": []}
    rss = []
    for _ in range(runs):  # interleaved, so a noisy neighbour hits all three alike
        with gunicorn("bench.hello:app", dict(os.environ)) as (_, port):
            warm(port, ["/"])
            rates["hello"].append(wrk(port, "/", seconds))
        with gunicorn("wsgi:app", target.env) as (process, port):
            warm(port, [pages["question"][0], pages["home"][0]])
            for page in ("question", "home"):
                rates[page].append(wrk(port, pages[page][0], seconds))
            rss.append(max(worker_rss_mb(process.pid)))
    result = {name: statistics.median(values) for name, values in rates.items()}
    result["rss_mb"] = max(rss)
    log(f"  [{target.size:,}] req/s: " + ", ".join(f"{k} {v:,.0f}" for k, v in result.items() if k != "rss_mb")
        + f"; worker RSS {result['rss_mb']:.0f} MB")
    return result


# -- rebuilds --------------------------------------------------------------------------------------------

def measure_rebuilds(target: Target, meta: dict, seeded_now: bool, rerun: bool = False,
                     keep_index: bool = False) -> dict:
    """The first derivation when this run seeded. On a reused database the search index is rebuilt (it may
    come from older code) and timed; reputation and badges are run again only with `rerun`, otherwise
    their figures from the seeding are reported (with its date)."""
    if seeded_now:
        return {name: dict(figures, note="first run, empty ledger and index")
                for name, figures in meta["rebuilds"].items()}
    if not rerun:
        kept = {name: dict(figures, note=f"at seeding, {meta['seeded_at']}")
                for name, figures in meta["rebuilds"].items() if name != "search reindex"}
        if keep_index:
            return kept | {"search reindex": dict(meta["rebuilds"]["search reindex"],
                                                  note=f"at seeding, {meta['seeded_at']}")}
        seconds, _ = flask(target, "search", "reindex")
        from sqlalchemy import create_engine, func, select
        from sqlalchemy.pool import NullPool

        from app.models import Post

        engine = create_engine(target.url, poolclass=NullPool)
        with engine.connect() as connection:
            questions = connection.scalar(select(func.count()).select_from(Post.__table__)
                                          .where(Post.__table__.c.kind == "question"))
        engine.dispose()
        log(f"  [{target.size:,}] flask search reindex: {seconds:.1f} s")
        return kept | {"search reindex": {"seconds": seconds, "rows": questions, "unit": "questions",
                                          "note": "again on the full database"}}
    from sqlalchemy import create_engine, func, select
    from sqlalchemy.pool import NullPool

    from app.models import BadgeAward, Question, Vote

    engine = create_engine(target.url, poolclass=NullPool)
    with engine.connect() as connection:
        votes = connection.scalar(select(func.count()).select_from(Vote))
        questions = connection.scalar(select(func.count()).select_from(Question.__table__)
                                      .where(Question.__table__.c.kind == "question"))
    result = {}
    for name, args, rows, unit in (("reputation recompute", ("reputation", "recompute"), votes, "votes"),
                                   ("badges backfill", ("badges", "backfill"), None, "awards"),
                                   ("search reindex", ("search", "reindex"), questions, "questions")):
        seconds, _ = flask(target, *args)
        if rows is None:
            with engine.connect() as connection:
                rows = connection.scalar(select(func.count()).select_from(BadgeAward))
        result[name] = {"seconds": seconds, "rows": rows, "unit": unit, "note": "again on the full database"}
        log(f"  [{target.size:,}] flask {name}: {seconds:.1f} s")
    engine.dispose()
    return result


# -- the report ------------------------------------------------------------------------------------------

def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**missed**")


def report(kind: str, sizes: list[int], figures: dict, notes: list[str]) -> str:
    biggest = sizes[-1]
    header = "| measure | " + " | ".join(f"{s:,} questions" for s in sizes) + " | budget | at " + f"{biggest:,} |"
    lines = [header, "|---" * (len(sizes) + 3) + "|"]

    def row(label, cells, budget="", ok=None):
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {budget} | {verdict(ok)} |")

    for page, label in PAGE_LABELS.items():
        for who in ("anonymous", "member", "moderator"):
            if (page, who) not in figures[biggest]["pages"]["times"]:
                continue
            cells = []
            for size in sizes:
                t = figures[size]["pages"]["times"].get((page, who))
                cells.append(f"{t['p50']:.1f} / {t['p95']:.1f} / {t['p99']:.1f} "
                             f"(CPU {t['cpu50']:.1f} / {t['cpu95']:.1f})" if t else "")
            p50, p95 = BUDGETS[page]
            t = figures[biggest]["pages"]["times"][(page, who)]
            ok = t["p50"] <= p50 and (p95 is None or t["p95"] <= p95)
            budget = f"p50 ≤ {p50}" + (f", p95 ≤ {p95}" if p95 else "") + " ms"
            if not ok and t["cpu50"] <= p50 and (p95 is None or t["cpu95"] <= p95):
                budget += " (met in CPU time)"
            row(f"{label}, {who}: ms p50 / p95 / p99 (CPU p50 / p95)", cells, budget, ok)
    for who in ("anonymous", "member"):
        cells = [f"{figures[s]['pages']['sql'][('question1', who)]} → {figures[s]['pages']['sql'][('question50', who)]}"
                 for s in sizes]
        sql = figures[biggest]["pages"]["sql"]
        a, b = sql[("question1", who)], sql[("question50", who)]
        if who == "anonymous":
            row(f"SQL statements, question page 1 → 50 answers, {who} (kept render)", cells, "≤ 10, equal",
                a == b and b <= 10)
            cells = [f"{figures[s]['pages']['sql'][('question1', 'rendered')]} → "
                     f"{figures[s]['pages']['sql'][('question50', 'rendered')]}" for s in sizes]
            a, b = (figures[biggest]["pages"]["sql"][("question1", "rendered")],
                    figures[biggest]["pages"]["sql"][("question50", "rendered")])
            row(f"SQL statements, question page 1 → 50 answers, {who} (rendered)", cells, "≤ 10, equal",
                a == b and b <= 10)
        else:  # plus the reader's own: session user, unseen badges, notifications, follow, votes
            row(f"SQL statements, question page 1 → 50 answers, {who}", cells, "equal", a == b)
    other = sorted({k for k in figures[biggest]["pages"]["sql"] if not k[0].startswith("question")})
    row("SQL statements on the other pages", [", ".join(f"{p} {w[0]} {figures[s]['pages']['sql'][(p, w)]}"
                                                        for p, w in other) for s in sizes], "", None)
    row("Markdown renders during all GETs", [str(figures[s]["pages"]["markdown"]) for s in sizes], "0",
        figures[biggest]["pages"]["markdown"] == 0)
    if all("throughput" in figures[s] for s in sizes):
        for page in ("question", "home"):
            cells = [f"{figures[s]['throughput'][page]:,.0f} req/s = "
                     f"{figures[s]['throughput'][page] / figures[s]['throughput']['hello']:.0%} of "
                     f"{figures[s]['throughput']['hello']:,.0f}" for s in sizes]
            share = figures[biggest]["throughput"][page] / figures[biggest]["throughput"]["hello"]
            row(f"throughput, {page} page (gunicorn, 2 sync workers) vs hello-world", cells,
                "≥ 20 %" if page == "question" else "", share >= 0.2 if page == "question" else None)
        row("worker RSS after the load", [f"{figures[s]['throughput']['rss_mb']:.0f} MB" for s in sizes],
            "≤ 150 MB", figures[biggest]["throughput"]["rss_mb"] <= 150)
    for name, unit_budget in (("reputation recompute", ("s", 60)), ("badges backfill", ("s", 120)),
                              ("search reindex", ("/s", 800)), ("counters rebuild", None)):
        cells, ok = [], None
        for size in sizes:
            r = figures[size]["rebuilds"].get(name)
            cells.append(f"{r['seconds']:.1f} s, {r['rows']:,} {r['unit']} ({r['rows'] / r['seconds']:,.0f}/s; "
                         f"{r.get('note', '')})" if r else "")
        r = figures[biggest]["rebuilds"].get(name)
        budget = ""
        if unit_budget and r:
            unit, limit = unit_budget
            ok = r["seconds"] <= limit if unit == "s" else r["rows"] / r["seconds"] >= limit
            budget = f"≤ {limit} s" if unit == "s" else f"≥ {limit} questions/s"
        row(f"flask {name}", cells, budget, ok)
    for size in sizes:
        if figures[size].get("insert_seconds"):
            cpu = figures[size].get("insert_cpu_seconds")
            notes.append(f"Seeding {size:,} questions (bulk inserts, before the rebuilds): "
                         f"{figures[size]['insert_seconds']:.0f} s" + (f" ({cpu:.0f} s CPU)" if cpu else "")
                         + " (budget at 100,000: ≤ 300 s).")
    return "\n".join(lines + [""] + [f"- {n}" for n in notes])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--sizes", default="10000,100000", help="question counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=REPEAT, help="timed requests per page")
    parser.add_argument("--wrk-seconds", type=int, default=5)
    parser.add_argument("--wrk-runs", type=int, default=3)
    parser.add_argument("--no-wrk", action="store_true", help="skip throughput and memory")
    parser.add_argument("--rerun-rebuilds", action="store_true",
                        help="on reused databases, run reputation recompute and badges backfill again too")
    parser.add_argument("--skip-pages", default="", help="pages not to time, comma-separated (e.g. profile)")
    parser.add_argument("--keep-index", action="store_true", help="on reused databases, do not reindex first")
    parser.add_argument("--seed-only", action="store_true", help="prepare the databases, measure nothing")
    parser.add_argument("--out", help="results file (default bench/results/<date>[-postgres].md)")
    args = parser.parse_args()
    if args.db == "postgres" and not os.environ.get("TEST_DATABASE_URL"):
        raise SystemExit("PostgreSQL: run through tests/postgres/run.sh (it sets TEST_DATABASE_URL).")
    sizes = sorted(int(s) for s in args.sizes.split(","))
    started, load_before = datetime.now(UTC), load_average()
    figures = {}
    for size in sizes:
        target = Target(size, args.db)
        seeded_now = not target.ready()
        meta = prepare(target)
        if args.seed_only:
            continue
        rebuilds = None
        if not seeded_now:  # first: the reindex also brings an index from older code up to date
            log(f"[{size:,}] rebuilds (load {load_average()}) …")
            rebuilds = measure_rebuilds(target, meta, seeded_now, args.rerun_rebuilds, args.keep_index)
        log(f"[{size:,}] pages (load {load_average()}) …")
        pages = measure_pages(target, meta, args.repeat, set(filter(None, args.skip_pages.split(","))))
        figures[size] = {"pages": pages, "insert_seconds": meta.get("insert_seconds") if seeded_now else None,
                         "insert_cpu_seconds": meta.get("insert_cpu_seconds")}
        if not args.no_wrk:
            from app import create_app

            urls, _ = pick_pages(create_app(target.config), meta)
            log(f"[{size:,}] throughput (load {load_average()}) …")
            figures[size]["throughput"] = measure_throughput(target, urls, args.wrk_runs, args.wrk_seconds)
        figures[size]["rebuilds"] = rebuilds or measure_rebuilds(target, meta, seeded_now)
        if meta["rebuilds"].get("counters rebuild") and "counters rebuild" not in figures[size]["rebuilds"]:
            figures[size]["rebuilds"]["counters rebuild"] = dict(meta["rebuilds"]["counters rebuild"],
                                                                 note=f"at seeding, {meta['seeded_at']}")
    if args.seed_only:
        return
    finished = datetime.now(UTC)
    notes = [
        f"Run {started:%Y-%m-%d %H:%M}–{finished:%H:%M} UTC on {os.cpu_count()} cores ({platform.python_version()}, "
        f"{args.db}); load average (1, 5, 15 min) {load_before} at the start, {load_average()} at the end — the "
        "machine is shared, so figures are noisy.",
        f"Page times: in-process test client, warm, {args.repeat} requests a page; server time of the whole "
        "request (the question page also records the view).",
        "SQL statements counted with SQLAlchemy's before_cursor_execute on one warm request; Markdown renders "
        "counted on every Markdown conversion during all the GETs above.",
        f"Throughput: wrk -t2 -c8, {args.wrk_seconds} s, median of {args.wrk_runs} interleaved runs, on the same "
        "2 cores as the server.",
    ]
    table = report(args.db, sizes, figures, notes)
    title = f"# Benchmark — {started:%Y-%m-%d}, {'PostgreSQL' if args.db == 'postgres' else 'SQLite'}"
    out = Path(args.out) if args.out else ROOT / "bench" / "results" / (
        f"{started:%Y-%m-%d}{'-postgres' if args.db == 'postgres' else ''}.md")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"{title}\n\n`bench/run.py --db {args.db} --sizes {args.sizes}`\n\n{table}\n")
    print(table)
    print(f"\nwritten to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main()
