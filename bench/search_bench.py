"""Search benchmark: seed a forum, then measure the Whoosh index against SQLite FTS5 on the same documents.

    .venv/bin/python bench/search_bench.py                      # 100,000 questions, 300,000 answers
    .venv/bin/python bench/search_bench.py --questions 10000    # scaled down

Measures: full reindex rate; search p50/p95 for 1–3 word queries with a warm searcher (the page's work:
query, highlights, loading the rows); suggest p50; time from a commit to the post being searchable; and
FTS5 (with the same Python folding and stemming) indexing and query times. Prints a table and writes
bench/results/search-<date>.md. Not part of `make test`.
"""

import argparse
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

from bench.vocabulary import LANGUAGES, sentence, title

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


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return (time.perf_counter() - started) * 1000


def measure_search(app, texts: list[str]) -> list[float]:
    """The page's work for each query: search, highlights, loading the rows (no template)."""
    from app.search import queries

    per_page = app.config["SEARCH_PER_PAGE"]
    with app.test_request_context("/search"):
        for text in texts[:20]:  # warm the searcher and the stemmer caches
            queries.search(text, "relevance", 1, per_page)
        return [timed(queries.search, text, "relevance", 1, per_page) for text in texts]


def measure_suggest(app, rng: random.Random, count: int) -> list[float]:
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

    backend, times = app.extensions["search"], []
    author = db.session.get(User, 1)
    db.session.get(Tag, 1)
    for n in range(count):
        marker = f"zqx{n}benchword"
        operations.ask_question(author, f"{title('en', rng)[:100]} {marker}", sentence("en", rng), TAGS[0], "en")
        started = time.perf_counter()
        db.session.commit()
        while not backend.search(syntax.parse(marker), "relevance", 1, 1).ids:
            time.sleep(0.001)
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure_fts5(app, workdir: Path, texts: list[str]):
    from app.search import indexing
    from bench import fts5

    with indexing.new_session() as session:
        from app.search import documents

        ids = documents.searchable_ids(session)
        connection, count, seconds = fts5.build(str(workdir / "fts5.db"), indexing.document_batches(session, ids))
    for text in texts[:20]:
        fts5.search(connection, text)
    return count / seconds, [timed(fts5.search, connection, text) for text in texts]


def run(args) -> dict:
    from flask_migrate import upgrade

    from app import create_app
    from app.extensions import db
    from app.search import indexing

    rng = random.Random(args.seed)
    workdir = Path(tempfile.mkdtemp(prefix="search-bench-"))
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'bench.db'}", "SECRET_KEY": "bench",
                      "SEARCH_INDEX_DIR": str(workdir / "index"), "RATELIMIT_ENABLED": False})
    figures = {"questions": args.questions, "answers": args.questions * args.answers}
    with app.app_context():
        upgrade()
        started = time.perf_counter()
        seed(db.engine, args.questions, args.answers, rng)
        figures["seed_s"] = time.perf_counter() - started
        print(f"seeded in {figures['seed_s']:.0f} s; reindexing …", flush=True)
        report = indexing.rebuild()
        figures["reindex_rate"], figures["reindex_s"] = report.rate, report.seconds
        texts = queries(rng, args.queries)
        search_ms = measure_search(app, texts)
        figures["search_p50"], figures["search_p95"] = percentile(search_ms, 50), percentile(search_ms, 95)
        figures["suggest_p50"] = percentile(measure_suggest(app, rng, args.queries // 3), 50)
        commit_ms = measure_commit_to_searchable(app, rng, 20)
        figures["commit_p50"], figures["commit_max"] = percentile(commit_ms, 50), max(commit_ms)
        print("FTS5 …", flush=True)
        figures["fts5_rate"], fts5_ms = measure_fts5(app, workdir, texts)
        figures["fts5_p50"], figures["fts5_p95"] = percentile(fts5_ms, 50), percentile(fts5_ms, 95)
        db.engine.dispose()
    shutil.rmtree(workdir, ignore_errors=True)
    return figures


def table(f: dict) -> str:
    rows = [
        ("corpus", f"{f['questions']:,} questions, {f['answers']:,} answers", ""),
        ("full reindex (Whoosh)", f"{f['reindex_rate']:,.0f} questions/s ({f['reindex_s']:.0f} s)", "≥ 800/s"),
        ("search p50 / p95 (Whoosh, page work)", f"{f['search_p50']:.1f} / {f['search_p95']:.1f} ms",
         "≤ 15 / 50 ms"),
        ("suggest p50 (Whoosh)", f"{f['suggest_p50']:.1f} ms", "≤ 20 ms"),
        ("commit → searchable p50 / max", f"{f['commit_p50']:.0f} / {f['commit_max']:.0f} ms", "≤ 200 ms"),
        ("FTS5 index", f"{f['fts5_rate']:,.0f} questions/s", ""),
        ("FTS5 query p50 / p95 (ids only)", f"{f['fts5_p50']:.2f} / {f['fts5_p95']:.2f} ms", ""),
        ("Whoosh / FTS5 ratios", (f"index ×{f['fts5_rate'] / f['reindex_rate']:.1f} faster in FTS5, "
                                  f"query p50 ×{f['search_p50'] / max(f['fts5_p50'], 1e-6):.0f}"), ""),
    ]
    lines = ["| measure | result | target |", "| --- | --- | --- |"]
    return "\n".join(lines + [f"| {a} | {b} | {c} |" for a, b, c in rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--answers", type=int, default=3, help="answers per question")
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    figures = run(args)
    result = table(figures)
    print(result)
    out = ROOT / "bench" / "results" / f"search-{date.today().isoformat()}-{args.questions}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(f"# Search benchmark, {date.today().isoformat()}\n\n`bench/search_bench.py --questions "
                   f"{args.questions}` on this machine (SQLite, one process, warm searcher).\n\n{result}\n")
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
