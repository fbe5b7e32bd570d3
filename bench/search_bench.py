"""Search benchmark: seed a forum, then measure each search backend, and SQLite FTS5 on the same documents.

    .venv/bin/python bench/search_bench.py                      # 100,000 questions, 300,000 answers
    .venv/bin/python bench/search_bench.py --questions 10000    # scaled down
    .venv/bin/python bench/search_bench.py --database /tmp/b.db # keep the seeded database, reuse it next time

Measures, for every backend in --backends (sqlite, whoosh; default both): full reindex rate; search
p50/p95 for 1–3 word queries with a warm searcher (the page's work: query, highlights, loading the rows);
suggest p50; time from a commit to the post being searchable. Then the bare FTS5 baseline (bench/fts5.py:
the same Python folding and stemming, ids only) indexing and query times. Search, suggest and baseline
times are wall clock beside the process's CPU time (the machine may be busy with other work: CPU time
moves less with its load). Prints a table with each figure against its budget and writes
bench/results/<date>-search-<questions>.md. Not part of `make test`.
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.vocabulary import LANGUAGES, sentence, title  # noqa: E402  (after the path insert above)

USERS, TAGS = 300, ["aurora-one", "aurora-duo", "descaling", "milk-frother", "grinder", "warranty", "orders",
                    "app", "capsules", "water-filter", "pump", "cleaning", "spare-parts", "delivery", "pressure"]


def seed(engine, questions: int, answers_per_question: int, rng: random.Random) -> None:
    """Rows straight into the tables (fast, no hook): what `flask search reindex` then indexes."""
    from sqlalchemy import bindparam, insert, update

    from app.models import Post, Tag, User, question_tags

    start = datetime(2024, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(insert(User), [{"username": f"member{i}", "username_key": f"member{i}",
                                           "email": f"member{i}@example.com", "password_hash": "x",
                                           "display_name": f"Member {i}", "session_token": f"t{i}"}
                                          for i in range(1, USERS + 1)])
        connection.execute(insert(Tag), [{"name": name} for name in TAGS])
    next_id, chunk = 1, 2000
    for first in range(0, questions, chunk):
        posts, links, accepted = [], [], []
        for _ in range(min(chunk, questions - first)):
            language = rng.choice(LANGUAGES)
            created = start + timedelta(minutes=next_id)
            question_id, next_id = next_id, next_id + 1
            answer_ids = list(range(next_id, next_id + answers_per_question))
            next_id += answers_per_question
            posts.append(_post(question_id, "question", language, created, rng, title=title(language, rng),
                               answer_count=len(answer_ids)))
            posts += [_post(a, "answer", language, created + timedelta(minutes=5), rng, parent_id=question_id)
                      for a in answer_ids]
            links += [{"question_id": question_id, "tag_id": t} for t in rng.sample(range(1, len(TAGS) + 1), 2)]
            if answer_ids and rng.random() < 0.4:
                accepted.append({"qid": question_id, "aid": answer_ids[0]})
        with engine.begin() as connection:
            connection.execute(insert(Post.__table__), posts)
            connection.execute(insert(question_tags), links)
            # Acceptance afterwards: a question row pointing at a later row would make SQLite re-check
            # every insert (deferred foreign keys), which is quadratic.
            if accepted:
                connection.execute(update(Post.__table__).where(Post.__table__.c.id == bindparam("qid"))
                                   .values(accepted_answer_id=bindparam("aid")), accepted)


def _post(post_id, kind, language, created, rng, **columns) -> dict:
    text = " ".join(sentence(language, rng) for _ in range(rng.randint(2, 4)))
    row = {"id": post_id, "kind": kind, "author_id": rng.randint(1, USERS), "body_markdown": text,
           "body_html": f"<p>{escape(text)}</p>", "language": language, "score": rng.randint(-1, 12),
           "created_at": created, "last_activity_at": created, "title": None, "slug": None,
           "answer_count": 0, "accepted_answer_id": None, "parent_id": None}
    row.update(columns)
    if kind == "question":
        row["slug"] = "q"
    return row


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def queries(rng: random.Random, count: int) -> list[str]:
    from bench.vocabulary import query_words

    return [" ".join(query_words(rng.choice(LANGUAGES), rng, rng.randint(1, 3))) for _ in range(count)]


def timed(function, *args) -> tuple[float, float]:
    """Wall and CPU milliseconds of one call."""
    started, cpu = time.perf_counter(), time.process_time()
    function(*args)
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def spread(times: list[tuple[float, float]], name: str) -> dict:
    """p50 and p95 of the wall and of the CPU time."""
    wall, cpu = [t[0] for t in times], [t[1] for t in times]
    return {f"{name}_p50": percentile(wall, 50), f"{name}_p95": percentile(wall, 95),
            f"{name}_cpu_p50": percentile(cpu, 50), f"{name}_cpu_p95": percentile(cpu, 95)}


def measure_search(app, texts: list[str], reader: str | None = None) -> list[tuple[float, float]]:
    """The page's work for each query: search, highlights, loading the rows (no template); every language in one
    order, or with `reader` that reader's language first (the page's default for a reader with a language)."""
    from app.questions.queries import EVERY_LANGUAGE
    from app.reading import Reading
    from app.search import queries

    per_page, reading = app.config["SEARCH_PER_PAGE"], Reading(None, reader) if reader else EVERY_LANGUAGE
    with app.test_request_context("/search"):
        for text in texts[:20]:  # warm the searcher and the stemmer caches
            queries.search(text, "relevance", 1, per_page, reading=reading)
        return [timed(queries.search, text, "relevance", 1, per_page, True, reading) for text in texts]


def measure_suggest(app, rng: random.Random, count: int) -> list[tuple[float, float]]:
    from app.search import queries

    with app.test_request_context("/search/suggest"):
        texts = [title(rng.choice(LANGUAGES), rng) for _ in range(count)]
        return [timed(queries.suggestions, text, 5) for text in texts]


def measure_commit_to_searchable(app, rng: random.Random, count: int) -> list[float]:
    """A question asked through the real operation: from its commit until a search finds it."""
    from app.extensions import db
    from app.models import Tag, User
    from app.questions import operations
    from app.search import syntax

    backend, times, run = app.extensions["search"], [], rng.randrange(16**6)
    author = db.session.get(User, 1)
    db.session.get(Tag, 1)
    for n in range(count):
        marker = f"zqx{run:06x}n{n}benchword"  # new in every run, also on a database kept from an earlier one
        operations.ask_question(author, f"{title('en', rng)[:100]} {marker}", sentence("en", rng), TAGS[0], "en")
        started = time.perf_counter()
        db.session.commit()
        while not backend.search(syntax.parse(marker), "relevance", 1, 1).ids:
            time.sleep(0.001)
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure_fts5(app, workdir: Path, texts: list[str]):
    from app.search import documents, indexing
    from bench import fts5

    with indexing.new_session() as session:
        ids = documents.searchable_ids(session)
        connection, count, seconds = fts5.build(str(workdir / "fts5.db"), indexing.document_batches(session, ids))
    for text in texts[:20]:
        fts5.search(connection, text)
    return count / seconds, [timed(fts5.search, connection, text) for text in texts]


def make_app(database: Path, workdir: Path, backend: str):
    from app import create_app

    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "SECRET_KEY": "bench",
                       "SEARCH_BACKEND": backend, "SEARCH_INDEX_DIR": str(workdir / f"index-{backend}"),
                       "RATELIMIT_ENABLED": False, "SITE_URL": "http://localhost"})


def prepare(database: Path, workdir: Path, args, figures: dict) -> None:
    """Migrate and seed the database, unless it is one kept (`--database`) from an earlier run."""
    from flask_migrate import upgrade

    from app.extensions import db

    if database.exists():
        print(f"reusing the seeded database {database}", flush=True)
        return
    app = make_app(database, workdir, "whoosh")
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        seed(db.engine, args.questions, args.answers, random.Random(args.seed))
        figures["seed_s"] = time.perf_counter() - started
        print(f"seeded in {figures['seed_s']:.0f} s", flush=True)
        db.engine.dispose()


def measure_backend(database: Path, workdir: Path, backend: str, texts: list[str], args) -> dict:
    from app.extensions import db
    from app.search import indexing

    rng, figures = random.Random(args.seed + 2), {}
    app = make_app(database, workdir, backend)
    with app.app_context():
        print(f"{backend}: reindexing …", flush=True)
        report = indexing.rebuild()
        figures["reindex_rate"], figures["reindex_s"] = report.rate, report.seconds
        print(f"{backend}: {report.rate:,.0f} questions/s; searching …", flush=True)
        figures.update(spread(measure_search(app, texts), "search"))
        figures.update(spread(measure_search(app, texts, "it"), "search_it_first"))
        figures.update(spread(measure_suggest(app, rng, args.queries // 3), "suggest"))
        commit_ms = measure_commit_to_searchable(app, rng, 20)
        figures["commit_p50"], figures["commit_max"] = percentile(commit_ms, 50), max(commit_ms)
        db.engine.dispose()
    return figures


def run(args) -> dict:
    from app.extensions import db

    workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
    database = Path(args.database).resolve() if args.database else workdir / "bench.db"
    figures = {"questions": args.questions, "answers": args.questions * args.answers, "backends": {},
               "load_before": os.getloadavg()}
    prepare(database, workdir, args, figures)
    texts = queries(random.Random(args.seed + 1), args.queries)
    for backend in args.backends.split(","):
        figures["backends"][backend] = measure_backend(database, workdir, backend, texts, args)
    print("FTS5 baseline …", flush=True)
    with make_app(database, workdir, "whoosh").app_context():
        figures["fts5_rate"], fts5_ms = measure_fts5(None, workdir, texts)
        figures.update(spread(fts5_ms, "fts5"))
        db.engine.dispose()
    figures["load_after"] = os.getloadavg()
    shutil.rmtree(workdir, ignore_errors=True)
    return figures


def _verdict(value: float, budget: float, at_most: bool) -> str:
    met = value <= budget if at_most else value >= budget
    return "met" if met else "missed"


def table(f: dict) -> str:
    rows = [("corpus", f"{f['questions']:,} questions, {f['answers']:,} answers", "", "")]
    for name, b in f["backends"].items():
        rows += [
            (f"full reindex ({name})", f"{b['reindex_rate']:,.0f} questions/s ({b['reindex_s']:.0f} s)", "≥ 800/s",
             _verdict(b["reindex_rate"], 800, False)),
            (f"search p50 ({name}, page work)", f"{b['search_p50']:.1f} ms", "≤ 15 ms",
             _verdict(b["search_p50"], 15, True)),
            (f"search p95 ({name}, page work)", f"{b['search_p95']:.1f} ms", "≤ 50 ms",
             _verdict(b["search_p95"], 50, True)),
            (f"search CPU p50 / p95 ({name})", f"{b['search_cpu_p50']:.1f} / {b['search_cpu_p95']:.1f} ms", "", ""),
            (f"search p50 / p95, Italian first ({name}, page work)",
             f"{b['search_it_first_p50']:.1f} / {b['search_it_first_p95']:.1f} ms", "≤ 15 / 50 ms",
             _verdict(b["search_it_first_p50"], 15, True)),
            (f"search CPU p50 / p95, Italian first ({name})",
             f"{b['search_it_first_cpu_p50']:.1f} / {b['search_it_first_cpu_p95']:.1f} ms", "", ""),
            (f"suggest p50 ({name})", f"{b['suggest_p50']:.1f} ms", "≤ 20 ms", _verdict(b["suggest_p50"], 20, True)),
            (f"suggest CPU p50 ({name})", f"{b['suggest_cpu_p50']:.1f} ms", "", ""),
            (f"commit → searchable p50 / max ({name})", f"{b['commit_p50']:.0f} / {b['commit_max']:.0f} ms",
             "≤ 200 ms", _verdict(b["commit_max"], 200, True)),
        ]
    rows += [
        ("FTS5 baseline index (bench/fts5.py)", f"{f['fts5_rate']:,.0f} questions/s", "", ""),
        ("FTS5 baseline query p50 / p95 (ids only)", f"{f['fts5_p50']:.2f} / {f['fts5_p95']:.2f} ms", "", ""),
        ("FTS5 baseline query CPU p50 / p95", f"{f['fts5_cpu_p50']:.2f} / {f['fts5_cpu_p95']:.2f} ms", "", ""),
    ]
    for name, b in f["backends"].items():
        rows.append((f"{name} / FTS5 baseline", (f"index ×{f['fts5_rate'] / b['reindex_rate']:.1f}, "
                                                 f"query p50 ×{b['search_p50'] / max(f['fts5_p50'], 1e-6):.1f}"),
                     "", ""))
    lines = ["| measure | result | budget | |", "| --- | --- | --- | --- |"]
    return "\n".join(lines + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--answers", type=int, default=3, help="answers per question")
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--backends", default="sqlite,whoosh", help="comma-separated SEARCH_BACKEND values")
    parser.add_argument("--database", help="keep the seeded SQLite database here and reuse it in later runs")
    args = parser.parse_args()
    figures = run(args)
    result = table(figures)
    print(result)
    load = (f"Load average (1, 5, 15 min) before: {', '.join(f'{x:.1f}' for x in figures['load_before'])}; "
            f"after: {', '.join(f'{x:.1f}' for x in figures['load_after'])}.")
    print(load)
    out = ROOT / "bench" / "results" / f"{date.today().isoformat()}-search-{args.questions}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"# Search benchmark, {date.today().isoformat()}\n\n`bench/search_bench.py --questions "
                   f"{args.questions} --backends {args.backends}` on this machine (SQLite, one process, "
                   f"warm searcher).\n\n{result}\n\n{load}\n")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
