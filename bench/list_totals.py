"""The lists' totals ("12,345 questions"): each tab's count of one language's run, timed on a database as it is.

    .venv/bin/python bench/list_totals.py DATABASE_URL [--repeat 7]

Runs the statements the question lists count with (app/questions/queries.py `_run`), untagged, for each tab
and language, and prints the median wall time of each (the first run of each is left out: it reads the pages
into memory). Every process counts again after a write moves the lists' change stamp, so this is what a busy
site pays per process and write. Not part of `make test`.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import SITE  # noqa: E402

TABS = ("newest", "unanswered")
LANGUAGES = ("it", "en")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database_url")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    from app import create_app
    from app.extensions import db
    from app.questions import queries

    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "SECRET_KEY": "bench-secret", **SITE})
    with app.app_context():
        for tab in TABS:
            for language in LANGUAGES:
                count, _rows = queries._run(tab, False, language)
                times, total = [], 0
                for _ in range(args.repeat + 1):
                    started = time.perf_counter()
                    total = db.session.scalar(count)
                    times.append((time.perf_counter() - started) * 1000)
                print(f"{tab:<11} {language}  {total:>7,} questions  median {statistics.median(times[1:]):7.1f} ms")
        db.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
