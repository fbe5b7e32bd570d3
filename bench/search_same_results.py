"""What the PostgreSQL search backend answers, written down to compare two versions of its code: a change meant
to make search faster must give the same pages.

    TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:PORT/postgres \
        .venv/bin/python bench/search_same_results.py --size 100000 --out before.json
    (the other version, same database)  … --out after.json --compare before.json

Reads the database `bench/run.py --db postgres` seeded (`bench_<size>`). Through the backend as the pages call
it: 150 queries of 1–3 words, each as five searches (every language in one order; Italian then English; English
then Italian, page 2; newest first; any of the words), 30 with a phrase and an excluded word, searches with
filters only or filters and words, and 60 ask-page titles as FAQ suggestions, suggestions and related questions.
Each answer's ids, total, exactness and marked titles and snippets are written; with `--compare`, the lists
that differ from the other file's are printed, and the exit status is 1 if any does. Not part of `make test`.
"""

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import Target  # noqa: E402  (after the path insert above)
from bench.vocabulary import query_words, title  # noqa: E402


def searches(rng: random.Random, tags: list[str]) -> list[tuple[str, dict]]:
    """(query text, the backend's search arguments) for every search compared."""
    found = []
    for _ in range(150):
        text = " ".join(query_words(rng.choice(("en", "it")), rng, rng.randint(1, 3)))
        found += [(text, {"sort": "relevance", "page": 1, "languages": None}),
                  (text, {"sort": "relevance", "page": 1, "languages": ("it", "en")}),
                  (text, {"sort": "relevance", "page": 2, "languages": ("en", "it")}),
                  (text, {"sort": "newest", "page": 1, "languages": ("en", "it")}),
                  (text, {"sort": "relevance", "page": 1, "languages": ("en", "it"), "match_all": False})]
    for _ in range(30):
        language = rng.choice(("en", "it"))
        first, second, third = query_words(language, rng, 3)
        found.append((f'"{first} {second}" -{third}', {"sort": "relevance", "page": 1, "languages": None}))
    for tag in tags[:5]:
        found += [(f"[{tag}]", {"sort": "relevance", "page": 1, "languages": ("it", "en")}),
                  (f"[{tag}] is:solved", {"sort": "newest", "page": 1, "languages": None}),
                  (f"[{tag}] {query_words('en', rng, 1)[0]}", {"sort": "relevance", "page": 1, "languages": None})]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100000, help="the seeded database's question count")
    parser.add_argument("--out", required=True, help="where to write the answers (JSON)")
    parser.add_argument("--compare", help="answers written by the other version, to compare with")
    args = parser.parse_args()
    from sqlalchemy import select

    from app import create_app
    from app.extensions import db
    from app.models import Tag
    from app.search import syntax

    target = Target(args.size, "postgres")
    app = create_app(target.config)
    rng = random.Random(25)
    answers = []
    with app.app_context():
        backend = app.extensions["search"]
        tags = list(db.session.scalars(select(Tag.name).order_by(Tag.id).limit(5)))
        for text, arguments in searches(rng, tags):
            results = backend.search(syntax.parse(text), arguments["sort"], arguments["page"], 20,
                                     arguments.get("match_all", True), arguments["languages"])
            answers.append({"search": text, **arguments, "ids": results.ids, "total": results.total,
                            "exact": results.exact, "marked": {str(i): list(pair)
                                                               for i, pair in sorted(results.highlights.items())}})
        for _ in range(60):
            typed = title(rng.choice(("en", "it")), rng)[:60]
            answers += [{"suggest": typed, "faq_only": True, "ids": backend.suggest(typed, 5, faq_only=True)},
                        {"suggest": typed, "ids": backend.suggest(typed, 10)},
                        {"suggest": typed, "exclude": 1, "ids": backend.suggest(typed, 5, exclude=1)}]
    Path(args.out).write_text(json.dumps(answers, indent=0, default=list))
    print(f"{len(answers)} answers written to {args.out}")
    if args.compare:
        other = json.loads(Path(args.compare).read_text())
        mine = json.loads(Path(args.out).read_text())  # through JSON as the other, so tuples compare as lists
        differing = [(theirs, ours) for theirs, ours in zip(other, mine, strict=True) if theirs != ours]
        for theirs, ours in differing[:10]:
            print(f"differs:\n  {json.dumps(theirs)[:600]}\n  {json.dumps(ours)[:600]}")
        print(f"{len(mine) - len(differing)} of {len(mine)} the same")
        sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
