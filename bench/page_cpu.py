"""CPU time per page, in process, served from the kept copies and rendered afresh, with SQL statements.

    .venv/bin/python bench/page_cpu.py [--size 10000] [--repeat 200] [--pages home unanswered]

Reads the database `make bench` (bench/run.py) seeded into instance/bench/ for that size. "kept": what a
steady stream of readers costs (kept pages, contents and fragments allowed); "fresh": the kept copies are
dropped before every request, so each one is rendered from the database. Member pages are read as the
bench's ordinary member. Not part of `make test`.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import Target, client_for, counting, pick_pages  # noqa: E402

PAGES = ("question", "question50", "home", "unanswered", "faq", "search")


def forget_kept(app) -> None:
    for kept in ("rendered_pages", "rendered_fragments"):
        app.extensions[kept].entries.clear()
        app.extensions[kept].size = 0


def measure(app, client, urls: list[str], repeat: int, fresh: bool) -> tuple[float, float]:
    for url in urls[:5]:
        client.get(url)
    cpu = []
    for n in range(repeat):
        if fresh:
            forget_kept(app)
        started = time.thread_time()
        response = client.get(urls[n % len(urls)])
        cpu.append((time.thread_time() - started) * 1000)
        assert response.status_code == 200, (urls[n % len(urls)], response.status_code)
    ordered = sorted(cpu)
    return statistics.median(cpu), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=PAGES, help="only these pages")
    args = parser.parse_args()
    from app import create_app

    target = Target(args.size, "sqlite")
    if not target.ready():
        raise SystemExit(f"seed it first: .venv/bin/python bench/run.py --sizes {args.size} --seed-only")
    import json

    meta = json.loads(target.meta_path.read_text())
    app = create_app(target.config)
    pages, users = pick_pages(app, meta)
    print("| page | reader | kept CPU p50 (p95) ms | fresh CPU p50 (p95) ms | SQL kept | SQL fresh |")
    print("| --- | --- | --- | --- | --- | --- |")
    with counting(app) as counts:
        for page in args.pages:
            for who in ("anonymous", "member"):
                client = client_for(app, users.get(who))
                urls = pages[page][:1] if page != "search" else pages[page][:20]
                client.get(urls[0])
                counts["sql"] = 0
                client.get(urls[0])
                kept_sql = counts["sql"]
                forget_kept(app)
                counts["sql"] = 0
                client.get(urls[0])
                fresh_sql = counts["sql"]
                kept = measure(app, client, urls, args.repeat, fresh=False)
                fresh = measure(app, client, urls, args.repeat, fresh=True)
                print(f"| {page} | {who} | {kept[0]:.2f} ({kept[1]:.2f}) | {fresh[0]:.2f} ({fresh[1]:.2f}) | "
                      f"{kept_sql} | {fresh_sql} |", flush=True)


if __name__ == "__main__":
    main()
