"""Page times on a real community: a database filled by `flask import stackexchange DIR`.

    .venv/bin/python bench/imported.py --database PATH [--index-dir DIR] [--repeat 40] [--out FILE]
    .venv/bin/python bench/imported.py --database PATH --throughput [--runs 5] [--seconds 5] [--out FILE]

Brings the database to the current schema and rebuilds its search index (into --index-dir, default
beside the database), then times the pages a visitor and a member open most, in-process and warm as
`bench/run.py` does: home, the busiest question, unanswered, the tag list, the busiest tag, the top
member's profile, badges, FAQ and a search for the busiest question's title words.

With --throughput it measures requests per second instead: the five busiest question pages and the
questions list, served by gunicorn (2 sync workers) and loaded by `wrk -t2 -c32`, each run alternating
with the hello-world app (bench/hello.py) so that a busy neighbour slows both alike; medians over the runs,
each page as a share of the hello-world median of the same run. Beside each rate, the workers' CPU time
(user + system, from /proc) per request served: on a machine other work keeps busy, a page's share of
hello-world in requests per second depends on when each server got the processor, its share in CPU time
per request much less. Not part of `make test`.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import SITE, client_for, counting, gunicorn, log, time_page, warm  # noqa: E402  (after the path insert)

CONNECTIONS = 32  # wrk -c: enough open connections to keep both workers busy at all times
QUESTION_PAGES = 5


def server_env(database: Path, index_dir: Path) -> dict:
    return dict(os.environ, DATABASE_URL=f"sqlite:///{database}", FLASK_APP="wsgi.py", SECRET_KEY="bench-secret",
                FLASK_SEARCH_INDEX_DIR=str(index_dir), FLASK_RATELIMIT_ENABLED="false",
                **{f"FLASK_{key}": json.dumps(value) if isinstance(value, list) else value
                   for key, value in SITE.items()})


def prepare(database: Path, index_dir: Path) -> None:
    for command in (("db", "upgrade"), ("search", "reindex")):
        subprocess.run([str(Path(sys.executable).parent / "flask"), *command], cwd=ROOT,
                       env=server_env(database, index_dir), check=True, capture_output=True)


def pick_pages(app) -> tuple[dict, str | None]:
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Question, Tag, User, question_tags
    from app.slugs import slugify

    with app.app_context():
        busiest = db.session.scalar(select(Question).where(Question.deleted_at.is_(None), Question.hidden_at.is_(None))
                                    .order_by(Question.answer_count.desc(), Question.id))
        tag = db.session.scalar(select(Tag).join(question_tags, question_tags.c.tag_id == Tag.id)
                                .group_by(Tag.id).order_by(func.count().desc(), Tag.name))
        top = db.session.scalar(select(User).where(User.is_placeholder.is_(False))
                                .order_by(User.reputation.desc(), User.id))
        words = "+".join((busiest.title or "").split()[:3])
        pages = {
            "home": "/", "question": f"/questions/{busiest.id}/{busiest.slug}",
            "unanswered": "/questions?tab=unanswered", "tags": "/tags", "tag": f"/tags/{tag.name}",
            "profile": f"/users/{top.id}/{slugify(top.username)}",
            "badges": "/badges", "faq": "/faq", "search": f"/search?q={words}",
        }
        facts = (f"busiest question: {busiest.answer_count} answers; busiest tag: {tag.name}; "
                 f"top member: {top.reputation:,} reputation")
        return pages, top.get_id(), facts


def busiest_questions(app) -> list[str]:
    from sqlalchemy import select

    from app.extensions import db
    from app.models import Question

    with app.app_context():
        rows = db.session.scalars(select(Question).where(Question.deleted_at.is_(None), Question.hidden_at.is_(None))
                                  .order_by(Question.answer_count.desc(), Question.id).limit(QUESTION_PAGES))
        return [f"/questions/{question.id}/{question.slug}" for question in rows]


def workers_cpu_seconds(master: int) -> float:
    """User + system CPU time the master's workers have used so far (fields 14 and 15 of /proc/PID/stat)."""
    pids = subprocess.run(["ps", "--ppid", str(master), "-o", "pid="], capture_output=True, text=True).stdout.split()
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 counting pid and name)
    return ticks / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Load:
    rate: float  # requests per second
    cpu_ms: float  # the workers' CPU milliseconds per request served


def load(master: int, port: int, path: str, seconds: int) -> Load:
    """A `wrk -t2 -c32` run: its rate, and the workers' CPU time over the requests it got answered."""
    # A long timeout: on a busy machine a slow page would otherwise count as no requests at all.
    before = workers_cpu_seconds(master)
    out = subprocess.run(["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{seconds}s", "--timeout", "10s",
                          f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    cpu = workers_cpu_seconds(master) - before
    served = int(re.search(r"(\d+) requests in", out).group(1))
    for line in out.splitlines():
        if "Non-2xx" in line or "Socket errors" in line:
            log(f"  wrk {path}: {line.strip()}")
    return Load(float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), 1000 * cpu / max(served, 1))


def measure_throughput(env: dict, paths: list[str], runs: int, seconds: int, checkouts: dict[str, Path]) -> str:
    """Requests per second and CPU per request of hello-world and of each page served from each checkout,
    alternating in every run."""
    loads: dict[tuple[str, str], list[Load]] = defaultdict(list)
    for _ in range(runs):
        with gunicorn("bench.hello:app", dict(os.environ)) as (process, port):
            warm(port, ["/"])
            load(process.pid, port, "/", 1)
            loads[("hello", "/")].append(load(process.pid, port, "/", seconds))
        for label, checkout in checkouts.items():
            with gunicorn("wsgi:app", env, cwd=checkout) as (process, port):
                warm(port, paths)
                for path in paths:
                    load(process.pid, port, path, 1)
                    loads[(label, path)].append(load(process.pid, port, path, seconds))
    hello = loads[("hello", "/")]
    hello_rate = statistics.median(run.rate for run in hello)
    hello_cpu = statistics.median(run.cpu_ms for run in hello)
    lines = [f"hello-world (bench/hello.py): {hello_rate:,.0f} req/s, {hello_cpu:.2f} ms CPU a request (medians; "
             "runs: " + ", ".join(f"{run.rate:,.0f}" for run in hello) + " req/s; "
             + ", ".join(f"{run.cpu_ms:.2f}" for run in hello) + " ms)", "",
             "| page | " + " | ".join(f"{label}: ms CPU a request (of hello-world's) | {label}: req/s (of "
                                     "hello-world; runs)" for label in checkouts) + " |",
             "|---|" + "---|---|" * len(checkouts)]
    for path in paths:
        cells = []
        for label in checkouts:
            runs_of = loads[(label, path)]
            cpu = statistics.median(run.cpu_ms for run in runs_of)
            rate = statistics.median(run.rate for run in runs_of)
            cells.append(f"{cpu:.2f} ({hello_cpu / cpu:.0%}; " + ", ".join(f"{run.cpu_ms:.2f}" for run in runs_of)
                         + ")")
            cells.append(f"{rate:,.0f} ({rate / hello_rate:.0%}; " + ", ".join(f"{run.rate:,.0f}" for run in runs_of)
                         + ")")
        lines.append(f"| {path} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True, type=Path)
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--out", type=Path, help="append the table to this Markdown file")
    parser.add_argument("--throughput", action="store_true", help="requests per second under gunicorn and wrk")
    parser.add_argument("--runs", type=int, default=5, help="--throughput: alternating runs")
    parser.add_argument("--seconds", type=int, default=5, help="--throughput: seconds of each wrk run")
    parser.add_argument("--baseline", type=Path, help="--throughput: also serve this checkout (an earlier commit's "
                        "`git worktree`) in every run, for a before/after table")
    args = parser.parse_args()
    database = args.database.resolve()
    index_dir = (args.index_dir or database.with_name(database.stem + "-index")).resolve()
    prepare(database, index_dir)

    from app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "SEARCH_INDEX_DIR": str(index_dir),
                      "SECRET_KEY": "bench-secret", "RATELIMIT_ENABLED": False, **SITE})
    if args.throughput:
        paths = [*busiest_questions(app), "/questions"]
        checkouts = {"this checkout": ROOT} | ({"baseline": args.baseline.resolve()} if args.baseline else {})
        write(f"### {database.stem}: throughput, gunicorn -w 2 -k sync, wrk -t2 -c{CONNECTIONS} -d{args.seconds}s, "
              f"{args.runs} runs\n\n" + measure_throughput(server_env(database, index_dir), paths, args.runs,
                                                        args.seconds, checkouts) + "\n", args.out)
        return
    pages, member, facts = pick_pages(app)
    lines = [f"### {database.stem}", "", facts, "",
             "| page | visitor p50 / p95 ms (SQL) | member p50 / p95 ms (SQL) |", "|---|---|---|"]
    cells: dict[str, list[str]] = {page: [] for page in pages}
    with counting(app) as counts:
        for who in (None, member):
            client = client_for(app, who)
            for page, url in pages.items():
                client.get(url)
                counts["sql"] = 0
                status = client.get(url).status_code
                statements = counts["sql"]
                figures = time_page(app, client, [url], args.repeat)
                cells[page].append(f"{figures['p50']:.1f} / {figures['p95']:.1f} ({statements})"
                                   + ("" if status == 200 else f" HTTP {status}"))
    lines += [f"| {page} | {' | '.join(values)} |" for page, values in cells.items()]
    write("\n".join(lines) + "\n", args.out)


def write(table: str, path: Path | None) -> None:
    print(table)
    if path:
        with path.open("a") as out:
            out.write("\n" + table)


if __name__ == "__main__":
    main()
