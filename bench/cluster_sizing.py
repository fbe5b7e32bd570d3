"""CPU time per request in the app servers and in PostgreSQL, separately, on `make cluster`'s layout: the figures
the sizing model in docs/deploy.md is built from.

    .venv/bin/python bench/cluster_sizing.py [--questions 10000] [--seconds 10] [--output bench/results/x.md]

Starts deploy/cluster.py's cluster (PostgreSQL, Redis, two gunicorn app servers with two sync workers each,
HAProxy), seeds it with `flask bench seed`, then drives each page through the load balancer with wrk: the question
page (a visitor and a member; one page read again and again, so served from the kept copies, and pages picked at
random among many, so mostly rendered afresh), the questions list and search. Around each run it reads the CPU
time (user + system, /proc/<pid>/stat) of every app server process, of every PostgreSQL process and of HAProxy,
and PostgreSQL's own account of the statements (pg_stat_statements: calls and total_exec_time), and divides by the
requests served. On a busy shared machine CPU times are what can be compared; wall times and requests/s are not
(wrk shares the same cores), and are not reported as capacity. With --rounds N every page is driven N times, the
pages taken in turn, and each figure is the median of its rounds.

Before each run it waits until the cluster is quiet (no CPU spent by the app servers or PostgreSQL for a moment):
at 100,000 questions a worker's first question page reads the search vocabulary (every title, seconds of
PostgreSQL), and that read, or autovacuum after seeding, would otherwise land in the next run. That read, which
every app process repeats every five minutes, is measured once on its own.
"""

import argparse
import datetime
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.vocabulary import query_words  # noqa: E402
from deploy.cluster import BIN, Cluster  # noqa: E402
from tests.cluster.browsing import Browser  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
PASSWORD = "sizing member's password"
RANDOM_PAGES = 2000  # questions the "fresh" runs pick from: each is read about once in a run
CONNECTIONS = 4


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU of these processes and of their children they have waited for."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return total / TICKS


def group_members(leader: int) -> list[int]:
    """Every process in the leader's process group (a gunicorn master and its workers)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[2]) == leader:
            members.append(int(stat.parent.name))
    return members


def postgres_processes(cluster: Cluster) -> list[int]:
    """The postmaster and its children (backends, checkpointer, writers)."""
    postmaster = int((cluster.postgres.data / "postmaster.pid").read_text().split()[0])
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        if int(fields[1]) == postmaster:
            children.append(int(stat.parent.name))
    return [postmaster, *children]


def wait_until_quiet(pids: list[int], seconds: float = 120) -> None:
    """Until these processes spend (almost) no CPU for half a second: what the warm-up started has finished."""
    deadline = time.monotonic() + seconds
    previous = cpu_seconds(pids)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        current = cpu_seconds(pids)
        if current - previous < 0.02:
            return
        previous = current
    print(f"the cluster was still busy after {seconds} s; measuring anyway", file=sys.stderr, flush=True)


VOCABULARY = "SELECT word, ndoc FROM ts_stat('SELECT to_tsvector(''simple'', unaccent(title)) FROM search_documents')"


def vocabulary_read(cluster: Cluster) -> dict:
    """PostgreSQL's CPU for one read of the search vocabulary (app/search/postgres_backend.py's statement), in the
    backend that runs it: each app process makes it on its first search or question page and every five minutes."""
    wait_until_quiet(postgres_processes(cluster))
    with psycopg.connect(cluster.postgres.url) as connection:
        backend = connection.execute("SELECT pg_backend_pid()").fetchone()[0]
        before, started = cpu_seconds([backend]), time.monotonic()
        words = len(connection.execute(VOCABULARY).fetchall())
        return {"postgres_s": cpu_seconds([backend]) - before, "wall_s": time.monotonic() - started, "words": words}


def psql(cluster: Cluster, sql: str) -> str:
    return subprocess.run([*cluster.postgres.run_as, str(cluster.postgres.bin / "psql"), "-At", "-h", "127.0.0.1",
                           "-p", str(cluster.postgres.port), "-U", "postgres", "-d", "sportello", "-c", sql],
                          check=True, capture_output=True, text=True, cwd="/").stdout.strip()


def pick(cluster: Cluster, rounds: int) -> dict:
    """The pages driven (for the pages rendered afresh, 2,000 others in each round) and the member who reads them
    signed in."""
    rows = psql(cluster, "SELECT id, slug FROM posts WHERE kind = 'question' AND deleted_at IS NULL "
                         "AND hidden_at IS NULL ORDER BY answer_count DESC, id LIMIT 1")
    busiest = "/questions/{}/{}".format(*rows.split("|"))
    many = [f"/questions/{line.replace('|', '/')}" for line in psql(
        cluster, f"SELECT id, slug FROM posts WHERE kind = 'question' AND deleted_at IS NULL AND hidden_at IS NULL "
                 f"ORDER BY id LIMIT {RANDOM_PAGES * rounds}").splitlines()]
    rng = random.Random(11)
    searches = ["/search?q=" + "+".join(query_words(rng.choice(("en", "it")), rng, rng.randint(1, 3)))
                for _ in range(200)]
    member = cluster.python("\n".join((
        "from sqlalchemy import func, select",
        "from app.accounts import operations",
        "from app.extensions import db",
        "from app.models import User",
        "user = db.session.scalar(select(User).where(User.role == 'member', User.reputation > 1)"
        ".order_by(func.abs(User.reputation - 50), User.id))",
        f"operations.set_password(user, {PASSWORD!r})",
        "db.session.commit()",
        "print(user.username)")))
    return {"busiest": busiest, "many": many, "searches": searches, "member": member.strip().splitlines()[-1]}


def wrk(cluster: Cluster, paths: list[str], seconds: int, cookie: str | None) -> tuple[int, int, str]:
    """Drive the paths (picked at random) through the load balancer; (requests, failed, wrk's output)."""
    script = "paths = {" + ", ".join(json.dumps(path) for path in paths) + "}\n" + (
        "request = function()\n  return wrk.format(nil, paths[math.random(#paths)])\nend\n")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    headers = ["-H", "Accept-Language: en", "-H", "X-Forwarded-For: 10.77.0.1"]
    if cookie:
        headers += ["-H", f"Cookie: {cookie}"]
    try:
        output = subprocess.run(["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "-s", lua.name, *headers,
                                 cluster.url + "/"], check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(lua.name)
    served = int(re.search(r"(\d+) requests in", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return served, int(non_2xx.group(1)) if non_2xx else 0, output


def measure(cluster: Cluster, name: str, paths: list[str], seconds: int, cookie: str | None = None) -> dict:
    first = requests.get(cluster.url + paths[0], headers={"Cookie": cookie or "", "Accept-Language": "en"},
                         allow_redirects=False, timeout=30)
    if first.status_code != 200:
        raise SystemExit(f"{name}: {paths[0]} answers {first.status_code}: {first.text[:500]}")
    wrk(cluster, paths[:50], 2, cookie)  # warm: workers' imports, templates, the kept copies of what is repeated
    apps = [pid for n in (1, 2) for pid in group_members(cluster.processes[f"app{n}"].pid)]
    balancer = group_members(cluster.processes["haproxy"].pid)
    database = postgres_processes(cluster)
    wait_until_quiet(apps + database)
    psql(cluster, "SELECT pg_stat_statements_reset()")
    before = (cpu_seconds(apps), cpu_seconds(database), cpu_seconds(balancer), time.monotonic())
    served, failed, output = wrk(cluster, paths, seconds, cookie)
    after = (cpu_seconds(apps), cpu_seconds(database), cpu_seconds(balancer), time.monotonic())
    calls, exec_ms = psql(cluster, "SELECT coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0) "
                                   "FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'").split("|")
    heaviest = psql(cluster, "SELECT round((total_exec_time / calls)::numeric, 2) || ' ms × ' || calls || ': ' || "
                             "left(regexp_replace(query, '\\s+', ' ', 'g'), 160) FROM pg_stat_statements "
                             "WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC LIMIT 3")
    if failed:
        raise SystemExit(f"{name}: {failed} responses were not 2xx/3xx\n{output}")
    per = 1000 / served
    return {"page": name, "requests": served, "app_ms": (after[0] - before[0]) * per,
            "postgres_ms": (after[1] - before[1]) * per, "haproxy_ms": (after[2] - before[2]) * per,
            "statements": int(calls) / served, "exec_ms": float(exec_ms) / served,
            "wall_rps": served / (after[3] - before[3]), "heaviest": heaviest.splitlines()}


def median_row(rounds: list[dict]) -> dict:
    """Each figure the median of its rounds; requests their sum; the heaviest statements of the median round for
    PostgreSQL's CPU."""
    figures = ("app_ms", "postgres_ms", "haproxy_ms", "statements", "exec_ms", "wall_rps")
    middle = sorted(rounds, key=lambda row: row["postgres_ms"])[(len(rounds) - 1) // 2]
    return {"page": rounds[0]["page"], "requests": sum(row["requests"] for row in rounds),
            **{name: statistics.median(row[name] for row in rounds) for name in figures},
            "heaviest": middle["heaviest"], "rounds": rounds}


def report(rows: list[dict], questions: int, seconds: int, rounds: int, vocabulary: dict) -> str:
    lines = [f"# Cluster sizing: CPU per request, {datetime.date.today()}", "",
             f"`bench/cluster_sizing.py --questions {questions} --seconds {seconds} --rounds {rounds}`: "
             "deploy/cluster.py's cluster "
             f"(PostgreSQL 15, Redis, 2 gunicorn app servers × 2 sync workers, HAProxy) seeded with "
             f"`flask bench seed --questions {questions}`; wrk -c{CONNECTIONS} through HAProxy for {seconds} s "
             f"per row and round, {rounds} round(s) with the pages in turn, each figure the median of its rounds "
             "(requests: their sum), on this shared 2-core machine (wall figures are not capacity: wrk and other "
             "work share the cores).", "",
             "| page | requests | app CPU ms/req | PostgreSQL CPU ms/req | statements/req | "
             "pg exec ms/req | HAProxy CPU ms/req | req/s per app core | req/s per database core |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        lines.append(f"| {row['page']} | {row['requests']} | {row['app_ms']:.2f} | {row['postgres_ms']:.2f} | "
                     f"{row['statements']:.1f} | {row['exec_ms']:.2f} | {row['haproxy_ms']:.3f} | "
                     f"{1000 / row['app_ms']:.0f} | {1000 / row['postgres_ms']:.0f} |")
    if rounds > 1:
        lines += ["", "PostgreSQL CPU ms/req and app CPU ms/req in each round:", ""]
        lines += [f"- {row['page']}: " + ", ".join(f"{r['postgres_ms']:.2f} / {r['app_ms']:.2f}"
                                                   for r in row["rounds"]) for row in rows]
    lines += ["", f"One read of the search vocabulary (every title's words, {vocabulary['words']:,} of them), which "
              f"each app process makes on its first search or question page and again every five minutes: "
              f"{vocabulary['postgres_s']:.2f} s of PostgreSQL CPU ({vocabulary['wall_s']:.2f} s wall)."]
    lines += ["", "The statements that took PostgreSQL longest in each run (mean time × calls; for several rounds, "
              "the round of median PostgreSQL CPU):", ""]
    for row in rows:
        lines.append(f"- {row['page']}:")
        lines += [f"  - `{statement}`" for statement in row["heaviest"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=1, help="drive every page this many times, report medians")
    parser.add_argument("--output", type=Path, help="also write the table to this Markdown file")
    args = parser.parse_args()
    settings = {"FLASK_RATELIMIT_ENABLED": "false", "FLASK_STAFF_2FA": "optional"}
    with Cluster(extra_env=settings) as cluster:
        started = time.monotonic()
        subprocess.run([str(BIN / "flask"), "--app", "wsgi.py", "bench", "seed", "--questions", str(args.questions)],
                       cwd=ROOT, env=cluster.env(0), check=True, stdout=subprocess.DEVNULL)
        print(f"seeded {args.questions} questions in {time.monotonic() - started:.0f} s", flush=True)
        pages = pick(cluster, args.rounds)
        member = Browser(cluster, "10.77.0.2")
        member.log_in(None, pages["member"], PASSWORD)
        cookie = "; ".join(f"{name}={value}" for name, value in member.http.cookies.items())
        measured: dict[str, list[dict]] = {}
        for number in range(args.rounds):
            fresh = pages["many"][number * RANDOM_PAGES:(number + 1) * RANDOM_PAGES]
            runs = [("question, visitor, one page (kept)", [pages["busiest"]], None),
                    ("question, visitor, 2,000 pages (fresh)", fresh, None),
                    ("question, member, one page (kept content)", [pages["busiest"]], cookie),
                    ("question, member, 2,000 pages", fresh, cookie),
                    ("questions list, visitor", ["/questions"], None),
                    ("questions list, member", ["/questions"], cookie),
                    ("search, visitor, 200 queries", pages["searches"], None)]
            for name, paths, with_cookie in runs:
                measured.setdefault(name, []).append(measure(cluster, name, paths, args.seconds, with_cookie))
                print(json.dumps(measured[name][-1]), flush=True)
        vocabulary = vocabulary_read(cluster)
        print(json.dumps(vocabulary), flush=True)
    rows = [median_row(rounds) for rounds in measured.values()]
    text = report(rows, args.questions, args.seconds, args.rounds, vocabulary)
    print(text)
    if args.output:
        args.output.write_text(text)


if __name__ == "__main__":
    main()
