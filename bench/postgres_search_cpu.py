"""CPU time of PostgreSQL searches, split between the app and the database server.

    tests/postgres/run.sh .venv/bin/python bench/postgres_search_cpu.py --size 100000
    TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:PORT/postgres \
        .venv/bin/python bench/postgres_search_cpu.py --size 100000      # a server you keep, seeded before

Reads the database `bench/run.py --db postgres` seeded (`bench_<size>` on the server TEST_DATABASE_URL names)
and the queries it times: its 40 searches of 1–3 words and 40 ask-page titles. For each, through the search
backend as the pages call it: a page of results (the reader's language, then the other), the ask page's
suggestions (FAQ, then others) and a question page's related questions. Each call's CPU time in this process
(`time.thread_time`) and in the PostgreSQL server (every process of the cluster, from /proc/<pid>/schedstat:
the server must run on this machine), medians over a few rounds. The page's own CPU time is bench/run.py's
(search, suggest); this tells how much of a search's work the database server adds, which the page's client
CPU does not show. Not part of `make test`.
"""

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import Target, percentile, pick_pages  # noqa: E402  (after the path insert above)


def cluster_processes(data_directory: Path) -> list[int]:
    """The postmaster and every process it started (backends, writers, the WAL writer…)."""
    postmaster = int((data_directory / "postmaster.pid").read_text().split()[0])
    found = [postmaster]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:  # the parent pid is the 2nd field after the command name, which may hold spaces
                if int((entry / "stat").read_text().rsplit(") ", 1)[1].split()[1]) == postmaster:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue  # a process that ended meanwhile
    return found


def server_cpu_ns(processes: list[int]) -> int:
    total = 0
    for pid in processes:
        try:
            total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
        except OSError:
            continue
    return total


def measure(calls: list[Callable[[], object]], rounds: int, data_directory: Path) -> dict:
    for call in calls[:5]:  # warm: the backend's vocabulary, prepared statements, the buffer cache
        call()
    client, server = [], []
    for _ in range(rounds):
        for call in calls:
            processes = cluster_processes(data_directory)  # backends come and go with the pool
            server_before, client_before = server_cpu_ns(processes), time.thread_time()
            call()
            client_after, server_after = time.thread_time(), server_cpu_ns(processes)
            client.append((client_after - client_before) * 1000)
            server.append((server_after - server_before) / 1e6)
    return {"client": (statistics.median(client), percentile(client, 95)),
            "server": (statistics.median(server), percentile(server, 95), statistics.mean(server))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100000, help="the seeded database's question count")
    parser.add_argument("--rounds", type=int, default=3, help="times each query is timed")
    args = parser.parse_args()
    if not os.environ.get("TEST_DATABASE_URL"):
        raise SystemExit("Set TEST_DATABASE_URL (tests/postgres/run.sh does) to the server bench/run.py seeded.")
    target = Target(args.size, "postgres")
    if not target.ready():
        raise SystemExit(f"bench_{args.size} is not seeded there: run bench/run.py --db postgres --seed-only first.")
    from sqlalchemy import text

    from app import create_app
    from app.extensions import db
    from app.search import queries, syntax

    app = create_app(target.config)
    pages, _ = pick_pages(app, json.loads(target.meta_path.read_text()))
    texts = [parse_qs(urlsplit(url).query)["q"][0] for url in pages["search"]]
    titles = [parse_qs(urlsplit(url).query)["q"][0] for url in pages["suggest"]]
    with app.app_context():
        data_directory = Path(db.session.scalar(text("SHOW data_directory")))
        db.session.remove()
        backend = app.extensions["search"]
        per_page = app.config["SEARCH_PER_PAGE"]
        calls = {
            "search (a page of results, count, snippets)": [
                lambda q=q: backend.search(syntax.parse(q), "relevance", 1, per_page, languages=("en", "it"))
                for q in texts],
            "suggestions (FAQ, then others)": [lambda t=t: queries.suggestions(t, app.config["SEARCH_SUGGESTIONS"])
                                               for t in titles],
            "related questions": [lambda t=t: backend.suggest(t, app.config["SEARCH_RELATED"], exclude=1)
                                  for t in titles],
        }
        print(f"PostgreSQL search CPU at {args.size:,} questions, {args.rounds} rounds, load "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print("| call | app CPU p50 / p95 ms | server CPU p50 / p95 / mean ms |\n|---|---|---|")
        for name, each in calls.items():
            figures = measure(each, args.rounds, data_directory)
            print(f"| {name} | {figures['client'][0]:.2f} / {figures['client'][1]:.2f} | "
                  f"{figures['server'][0]:.2f} / {figures['server'][1]:.2f} / {figures['server'][2]:.2f} |")


if __name__ == "__main__":
    main()
