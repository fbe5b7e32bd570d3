"""Lighthouse (mobile preset, Debian's Chromium) on a question page, a question linked to its translation (its
hreflang alternates) and the FAQ of the demo community.

    python tests/e2e/lighthouse.py [--runs N] [--keep DIR]

Starts the app on a free loopback port with a fresh demo database, runs Lighthouse from tests/e2e/node
(`npm ci` there first) `--runs` times per page, prints the four scores of each run and the median, and
exits 1 when a median is below its threshold, naming the audits that cost points.
"""

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

NODE_DIR = ROOT / "tests" / "e2e" / "node"
LIGHTHOUSE = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The bar: SEO and accessibility perfect, best practices and performance at least 95.
THRESHOLDS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 0.95, "seo": 1.0}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


@contextmanager
def demo_server(folder: Path):
    """The demo community on 127.0.0.1 and a free port; yields its URL and the pages to measure."""
    from flask_migrate import upgrade
    from sqlalchemy import select
    from werkzeug.serving import make_server

    from app import create_app
    from app.demo.content import TWINS
    from app.demo.seed import seed_demo
    from app.extensions import db
    from app.models import Question, User
    from app.urls import post_url

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.db'}",
                      "SEARCH_INDEX_DIR": str(folder / "search-index"), "SECRET_KEY": "lighthouse",
                      "SITE_URL": "http://127.0.0.1",  # the server's port is added once it is known
                      # Seeding hashes sixteen demo passwords: a cheap method keeps it quick.
                      "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000"})
    with app.app_context():
        upgrade()
        # The migrations' logging configuration would print every request the server answers.
        logging.getLogger("werkzeug").setLevel(logging.WARNING)
        seed_demo()
        # Members' and the brand team's pages then follow the language cookie, as a visitor's do (screenshots.py
        # shows them in both languages).
        for user in db.session.scalars(select(User)):
            user.locale = None
        db.session.commit()
        # The most visited solved question with an official answer: what a search visitor lands on.
        question = db.session.scalars(select(Question).where(Question.accepted_answer_id.is_not(None),
                                                             Question.has_official_answer)
                                      .order_by(Question.view_count.desc())).first()
        twin = db.session.scalar(select(Question).where(Question.title == TWINS[0][1]))
        with app.test_request_context(base_url="http://127.0.0.1"):
            pages = {"question": post_url(question), "translated": post_url(twin), "faq": "/faq"}
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    app.config["SITE_URL"] = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app.config["SITE_URL"], pages
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()


def lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run (its default, mobile, preset); returns the parsed JSON report."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"Lighthouse is missing: run `npm ci` in {NODE_DIR}")
    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"Chromium is missing at {CHROMIUM} (set CHROMIUM to another path)")
    subprocess.run([str(LIGHTHOUSE), url, f"--chrome-flags={CHROME_FLAGS}",
                    "--only-categories=performance,accessibility,best-practices,seo",
                    "--output=json", f"--output-path={report}", "--quiet"],
                   env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300)
    return json.loads(report.read_text())


def scores(result: dict) -> dict[str, float]:
    return {name: result["categories"][name]["score"] or 0.0 for name in THRESHOLDS}


def lost_points(result: dict) -> list[str]:
    """The weighted audits that did not pass, e.g. 'performance: total-blocking-time 0.78 (300 ms)'."""
    lost = []
    for name in THRESHOLDS:
        for ref in result["categories"][name]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lost.append(f"{name}: {ref['id']} {audit['score']:.2f}{shown}")
    return lost


def measure(runs: int = 1, keep: Path | None = None, out=print) -> dict[str, dict[str, float]]:
    """Median scores per page; prints every run and what cost points."""
    medians = {}
    with tempfile.TemporaryDirectory(prefix="sportello-lighthouse-") as tmp:
        folder = Path(tmp)
        with demo_server(folder) as (base, pages):
            for page, path in pages.items():
                results = []
                for run in range(1, runs + 1):
                    report = (keep or folder) / f"{page}-{run}.json"
                    result = lighthouse(base + path, report)
                    results.append(scores(result))
                    out(f"{page} {path} run {run}: " + ", ".join(f"{k} {v * 100:.0f}" for k, v in results[-1].items()))
                    for line in lost_points(result):
                        out(f"    {line}")
                medians[page] = {name: statistics.median(r[name] for r in results) for name in THRESHOLDS}
    return medians


def below_thresholds(medians: dict[str, dict[str, float]]) -> list[str]:
    return [f"{page}: {name} {score * 100:.0f} < {THRESHOLDS[name] * 100:.0f}"
            for page, values in medians.items() for name, score in values.items() if score < THRESHOLDS[name]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median counts")
    parser.add_argument("--keep", type=Path, help="keep the JSON reports in this folder")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    medians = measure(args.runs, args.keep)
    print(f"\nLighthouse, mobile preset (median of {args.runs} run{'' if args.runs == 1 else 's'}):")
    print(f"{'page':10} " + " ".join(f"{name:>15}" for name in THRESHOLDS))
    for page, values in medians.items():
        print(f"{page:10} " + " ".join(f"{values[name] * 100:>15.0f}" for name in THRESHOLDS))
    failures = below_thresholds(medians)
    for failure in failures:
        print(f"BELOW THRESHOLD {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
